/**
 * `source-anchors export` over the bundled corpus and the example draft: every format in every
 * built-in style against golden files, the docx read back (its footnotes, and through pandoc),
 * Pandoc's own rendering of the Pandoc export, refusal, --force, usage errors, reproducibility.
 *
 * Golden files live in test/golden/export/; after a deliberate change, regenerate them with
 * `UPDATE_GOLDEN=1 npx vitest run test/cli/export.test.ts` and read the diff.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, REPO } from '../lsp/harness.js';

const STYLES = ['gb-note', 'gb-author-date', 'chicago', 'apa'] as const;
/** Chicago and APA are styles for English papers: their golden files are in en-US. */
const localeOf = (style: string) => (style === 'chicago' || style === 'apa' ? ['--locale', 'en-US'] : []);
const GOLDEN = join(REPO, 'test/golden/export');
const out = mkdtempSync(join(tmpdir(), 'sa-export-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(path, actual);
  expect(actual, `${name} differs from its golden file`).toBe(readFileSync(path, 'utf8'));
}

function exportDraft(args: string[], cwd = REPO) {
  return runCli(['export', ...args], cwd);
}

/** The text of each footnote of a docx (ids 1…), from word/footnotes.xml. */
function docxFootnotes(path: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(path))['word/footnotes.xml']!);
  const notes: string[] = [];
  for (const m of xml.matchAll(/<w:footnote\b[^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)) {
    if (Number(m[1]) < 1) continue;
    notes.push(
      [...m[2]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((t) => t[1])
        .join('')
        .trim(),
    );
  }
  return notes;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

describe.each(STYLES)('export in %s', (style) => {
  it.each(['markdown', 'html'] as const)('writes %s as in its golden file', (format) => {
    const file = join(out, `${style}.${format === 'markdown' ? 'paper.md' : 'html'}`);
    const r = exportDraft(['examples/draft.md', '--style', style, ...localeOf(style), '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    golden(`${style}.${format === 'markdown' ? 'paper.md' : 'html'}`, readFileSync(file, 'utf8'));
  });

  it('writes Pandoc Markdown and its CSL-JSON references as in their golden files', () => {
    const file = join(out, `${style}.pandoc.md`);
    const r = exportDraft(['examples/draft.md', '--style', style, ...localeOf(style), '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    golden(`${style}.pandoc.md`, readFileSync(file, 'utf8'));
    golden(
      `${style}.pandoc.references.json`,
      readFileSync(join(out, `${style}.pandoc.references.json`), 'utf8'),
    );
  });

  it('writes a docx whose footnotes are the Markdown export’s notes', () => {
    const file = join(out, `${style}.docx`);
    const r = exportDraft(['examples/draft.md', '--style', style, ...localeOf(style), '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(GOLDEN, `${style}.paper.md`), 'utf8');
    const mdNotes = [...md.matchAll(/^\[\^\d+\]: (.*)$/gm)].map((m) =>
      m[1]!.replace(/\\(.)/g, '$1').replace(/\*/g, ''),
    );
    expect(docxFootnotes(file).map(unescapeXml)).toEqual(mdNotes);
  });
});

describe('the docx, read back', () => {
  it('has 16 real Word footnotes in GB/T 7714 note, with page numbers for 002', () => {
    const file = join(out, 'paper.docx');
    expect(exportDraft(['examples/draft.md', '-o', file]).code).toBe(0);
    const notes = docxFootnotes(file);
    expect(notes).toHaveLength(16);
    expect(notes.slice(0, 7)).toEqual([
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
      '同上: 47.',
      '同上: 53–55.',
      '同上.',
      '同上: 47–48.',
      '同上: 47.',
      '同上: 65–66.',
    ]);
    const document = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
    expect(document.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(16);
  });

  it('shows its footnotes to pandoc', () => {
    const file = join(out, 'paper-pandoc.docx');
    expect(exportDraft(['examples/draft.md', '-o', file]).code).toBe(0);
    const md = spawnSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', file], {
      encoding: 'utf8',
    }).stdout;
    expect(md).toContain(
      '兰江、杨秀琴的研究[^1]把塔利班重返执政解释为美、阿、塔三方各自内部博弈的结果[^2]。',
    );
    expect(md).toContain('[^3]: 同上: 53--55.');
    expect(md).toContain('## 参考文献');
  });

  it('is the same bytes every time', () => {
    const a = join(out, 'a.docx');
    const b = join(out, 'b.docx');
    expect(exportDraft(['examples/draft.md', '-o', a]).code).toBe(0);
    expect(exportDraft(['examples/draft.md', '-o', b]).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });
});

describe('the Pandoc export through pandoc --citeproc', () => {
  it('gives a docx with the same citations: one note per citation, the same sources and pages', () => {
    const md = join(out, 'p.pandoc.md');
    expect(exportDraft(['examples/draft.md', '-o', md]).code).toBe(0);
    const docx = join(out, 'p-from-pandoc.docx');
    const csl = join(REPO, 'dist/csl/china-national-standard-gb-t-7714-2015-note.csl');
    const r = spawnSync('pandoc', [md, '--citeproc', '--csl', csl, '-o', docx], {
      cwd: out,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const theirs = docxFootnotes(docx);
    const ours = docxFootnotes(join(out, 'paper.docx'));
    expect(theirs).toHaveLength(ours.length);
    // Each source's first note names its title in both; pages of 002 are the same note for note.
    for (const [i, note] of ours.entries()) {
      const title = /\. (.+?)\[[A-Z]+\]/.exec(note)?.[1];
      if (title) expect(theirs[i]).toContain(title);
      const pages = note.match(/\d+(?:–\d+)?/g);
      if (note.startsWith('同上:')) expect(theirs[i]!.replace(/--/g, '–')).toContain(pages![0]!);
    }
  });
});

describe('refusal, --force and usage', () => {
  const ws = makeWorkspace({
    'drafts/bad.md': '# 草稿\n\n好的[[002#us-phase3]]，坏的[[002#us-phase9]]。\n',
    'drafts/good.md': '---\nlang: en-US\n---\n\nAs argued.[[002#us-phase3]] And so [[002#us-phase3]].\n',
  });
  afterAll(() => ws.dispose());

  it('refuses a draft with errors, lists them as check does, and writes nothing', () => {
    const r = exportDraft(['drafts/bad.md', '-o', 'bad.docx'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "drafts/bad.md:3:29 error unknown-anchor Unknown anchor 'us-phase9' in [[002#us-phase9]]",
    );
    expect(r.stderr).toContain(
      'export refused: drafts/bad.md has errors. Fix them, or export anyway with --force.',
    );
    expect(existsSync(join(ws.dir, 'bad.docx'))).toBe(false);
  });

  it('keeps an existing output file when it refuses', () => {
    writeFileSync(join(ws.dir, 'kept.html'), 'old');
    expect(exportDraft(['drafts/bad.md', '-o', 'kept.html'], ws.dir).code).toBe(1);
    expect(readFileSync(join(ws.dir, 'kept.html'), 'utf8')).toBe('old');
  });

  it('exports anyway with --force, leaving the broken citation as written', () => {
    const r = exportDraft(['drafts/bad.md', '--force', '-o', '-'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('好的[^1]，坏的\\[\\[002#us-phase9\\]\\]。');
    expect(r.stdout).toContain('[^1]: 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈\\[J\\]. 53–55.');
  });

  it('takes the locale from the draft’s front matter, and puts English note numbers after the punctuation', () => {
    const r = exportDraft(['drafts/good.md', '--style', 'chicago', '-o', '-'], ws.dir);
    expect(r.code, r.stderr).toBe(0);
    // The number sits on the word before it, after the punctuation that follows the citation.
    expect(r.stdout).toContain('As argued.[^1] And so.[^2]');
    expect(r.stdout).toContain('## References');
  });

  it('writes beside the draft by default and replaces an older export', () => {
    writeFileSync(join(ws.dir, 'drafts/good.html'), 'old');
    const r = exportDraft(['drafts/good.md', '--to', 'html'], ws.dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^✔ drafts\/good\.md → drafts\/good\.html \(html, Chicago|^✔ drafts\/good\.md → drafts\/good\.html \(html, China/,
    );
    expect(readFileSync(join(ws.dir, 'drafts/good.html'), 'utf8')).toContain('<!DOCTYPE html>');
  });

  it.each([
    [['drafts/good.md', '--to', 'pdf'], "--to must be one of docx, html, markdown, pandoc, not 'pdf'"],
    [['drafts/good.md', '-o', 'paper.pdf'], "cannot tell the format from 'paper.pdf'"],
    [[], 'export takes one draft, none given'],
    [['drafts/none.md'], 'no such draft: drafts/none.md'],
    [['drafts/good.md', '--style', 'nope'], "No citation style 'nope'"],
    [['drafts/good.md', '--to', 'docx', '-o', '-'], 'a docx cannot go to standard output'],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const r = exportDraft(args, ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
