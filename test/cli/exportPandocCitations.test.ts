/**
 * Export of a draft mixing `[[…]]` and Pandoc citations: each Pandoc bracket is one citation (one
 * note in a note style, one parenthesis in author-date), with its prefix, pages and other units;
 * `--to pandoc` passes Pandoc citations through, and pandoc --citeproc agrees on the notes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, REPO } from '../lsp/harness.js';

const DRAFT =
  '# 草稿\n\n美国内部“撤军派”胜出[[002#us-phase3]]，兰江等认为[see @002, p. 54; @004, chap. 2]。又见 @002 [pp. 53–55]，[-@004]。\n';
const ws = makeWorkspace({ 'drafts/mixed.md': DRAFT });
afterAll(() => ws.dispose());

const exportDraft = (...args: string[]) => runCli(['export', 'drafts/mixed.md', ...args], ws.dir);

/** The text of each footnote of a docx (ids 1…). */
function docxFootnotes(path: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(path))['word/footnotes.xml']!);
  return [...xml.matchAll(/<w:footnote\b[^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)]
    .filter((m) => Number(m[1]) >= 1)
    .map((m) => [...m[2]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('export of Pandoc citations', () => {
  it('makes one note per bracket in GB/T 7714 note, with the prefix, the pages and the chapter', () => {
    const r = exportDraft('--style', 'gb-note', '-o', '-');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').slice(2, 8)).toEqual([
      '美国内部“撤军派”胜出[^1]，兰江等认为[^2]。又见[^3]，[^4]。',
      '',
      '[^1]: 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈\\[J\\]. 53–55.',
      '[^2]: see 同上: 54; 朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路\\[EB\\]//IPP評論. 2025: 2.',
      '[^3]: 同1: 53–55.',
      '[^4]: 同2.',
    ]);
  });

  it('makes one parenthesis per bracket in APA, leaving out the author of [-@…]', () => {
    const r = exportDraft('--style', 'apa', '-o', '-');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[2]).toBe(
      '美国内部“撤军派”胜出(兰江 \\& 杨秀琴, 不详, 页 53–55)，兰江等认为(see 兰江 \\& 杨秀琴, 不详, 页 54; 朱莉安·史密斯 \\& 林賽·福特, 2025, 章 2)。又见 (兰江 \\& 杨秀琴, 不详, 页 53–55)，(2025)。',
    );
  });

  it('writes a docx with one Word footnote per bracket', () => {
    const file = join(ws.dir, 'mixed.docx');
    expect(exportDraft('-o', file).code).toBe(0);
    expect(docxFootnotes(file)).toEqual([
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.',
      'see 同上: 54; 朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論. 2025: 2.',
      '同1: 53–55.',
      '同2.',
    ]);
  });

  it('passes Pandoc citations through to --to pandoc, and pandoc --citeproc makes the same four notes', () => {
    const md = join(ws.dir, 'mixed.pandoc.md');
    expect(exportDraft('--to', 'pandoc', '-o', md).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain(
      '美国内部“撤军派”胜出[@002, pp. 53–55]，兰江等认为[see @002, p. 54; @004, chap. 2]。又见 @002 [pp. 53–55]，[-@004]。',
    );
    const docx = join(ws.dir, 'from-pandoc.docx');
    const csl = join(REPO, 'dist/csl/china-national-standard-gb-t-7714-2015-note.csl');
    const r = spawnSync('pandoc', [md, '--citeproc', '--csl', csl, '-o', docx], {
      cwd: ws.dir,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const theirs = docxFootnotes(docx);
    expect(theirs).toHaveLength(4);
    expect(theirs[1]).toContain('54');
    expect(theirs[1]).toContain('美國應該努力影響其盟友正在建構的新網路');
  });
});
