/**
 * `source-anchors import` as a user runs it (dist/cli.js): the file it writes, what it prints,
 * exit codes, and that a refused input leaves nothing behind.
 */
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, REPO, type Workspace } from '../lsp/harness.js';

let ws: Workspace;
beforeEach(() => {
  ws = makeWorkspace({
    'in/web-copy.txt': 'Quasi Allies\nThe first paragraph.\n1. Ukraine\nThe second one.\n',
  });
});
afterEach(() => ws.dispose());

const corpusFiles = () => readdirSync(join(ws.dir, 'corpus')).sort();
const BUNDLED = [
  '000-pakistan-afghanistan-us-strategy.md',
  '001-pakistan-afghanistan-talks-mistrust.md',
  '002-us-taliban-internal-games.md',
  '003-us-quasi-allies-dilemma.md',
  '004-us-allies-eurasia-network.md',
];

describe('source-anchors import', () => {
  it('writes the next free id with front matter, and says what it found', () => {
    const r = runCli(['import', 'in/web-copy.txt'], ws.dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'in/web-copy.txt → corpus/005-quasi-allies.md (005)',
        '  title: Quasi Allies',
        '  found: no page numbers, 1 section, 0 footnotes, 2 paragraphs',
        '  dropped: nothing',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(ws.dir, 'corpus/005-quasi-allies.md'), 'utf8')).toBe(
      [
        '---',
        'id: "005"',
        'title: "Quasi Allies"',
        'authors: []',
        'original:',
        '  file: "web-copy.txt"',
        '  sha256: "9f5283187170b9dc4833a3373126b27998e5c03ebcae3911c03f5839ecd60064"',
        '---',
        '',
        '# Quasi Allies',
        '',
        'The first paragraph.',
        '',
        '## 1\\. Ukraine {#s1}',
        '',
        'The second one.',
        '',
      ].join('\n'),
    );
    const check = runCli(['check'], ws.dir);
    expect(check.stdout).toContain('6 sources');
  });

  it('imports the seed of 002 with its pages, sections and footnotes, under --id', () => {
    const seed = join(REPO, 'test/fixtures/originals/002_3984c6b6c7c0bc8d.txt');
    const r = runCli(['import', seed, '--id', 'lan2022', '--into', 'papers'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      '  title: 美塔协议签署后的美阿塔三方内部博弈',
      '  found: pages 47-66, 16 sections, 83 footnotes, 45 paragraphs',
      "  dropped: 256 × unreadable line (U+FFFD / Latin-1 residue of a figure), e.g. '����'",
      "  dropped: 1 × page number, e.g. '·48·'",
      "  dropped: 3 × running head, e.g. '… 政治·外交'",
      '',
    ]);
    expect(readdirSync(join(ws.dir, 'papers'))).toEqual(['lan2022-美塔协议签署后的美阿塔三方内部博弈.md']);
  });

  it('with --dry-run says the same and writes nothing', () => {
    const r = runCli(['import', 'in/web-copy.txt', '--dry-run'], ws.dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'in/web-copy.txt → corpus/005-quasi-allies.md (005) [dry run: not written]',
    );
    expect(corpusFiles()).toEqual(BUNDLED);
  });

  it('writes nothing when one input is refused (exit 1)', () => {
    ws.write('in/notes.rtf', '{\\rtf1 hello}');
    const r = runCli(['import', 'in/web-copy.txt', 'in/notes.rtf', 'in/missing.txt'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        "source-anchors: cannot import 'notes.rtf': not one of .txt, .html, .htm, .docx, .pdf",
        "source-anchors: cannot import 'in/missing.txt': no such file",
        'source-anchors: nothing written (2 of 3 refused)',
        '',
      ].join('\n'),
    );
    // The accepted input is still described, but not as written.
    expect(r.stdout.split('\n')[0]).toMatch(
      /^in\/web-copy\.txt → corpus\/005-.*\.md \(005\) \[not written\]$/,
    );
    expect(corpusFiles()).toEqual(BUNDLED);
  });

  it('refuses a 200 MB file without reading it, and an empty one', () => {
    writeFileSync(join(ws.dir, 'in/huge.txt'), '');
    truncateSync(join(ws.dir, 'in/huge.txt'), 200 * 1024 * 1024);
    ws.write('in/empty.txt', '');
    const r = runCli(['import', 'in/huge.txt', 'in/empty.txt'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      "source-anchors: cannot import 'in/huge.txt': it is 200 MB, over the 100 MB an original may have",
      "source-anchors: cannot import 'in/empty.txt': the file is empty",
    ]);
    expect(corpusFiles()).toEqual(BUNDLED);
  });

  it('refuses a web page with no article and a truncated PDF, writing nothing (exit 1)', () => {
    ws.write(
      'in/index.html',
      `<html><body><nav>${'<a href="/x">Home</a> '.repeat(20)}</nav><p>Welcome!</p></body></html>`,
    );
    ws.write('in/cut.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
    const r = runCli(['import', 'in/web-copy.txt', 'in/index.html', 'in/cut.pdf'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      "source-anchors: no article in 'index.html': the page has no main text of 200 characters or more (an index, a login page or a page that builds its text with scripts?)",
      "source-anchors: cannot import 'cut.pdf': not a readable PDF (damaged or truncated?): Invalid PDF structure.",
      'source-anchors: nothing written (2 of 3 refused)',
      '',
    ]);
    expect(corpusFiles()).toEqual(BUNDLED);
  });

  it('refuses an id whose document the original is not (exit 1) and bad arguments (exit 2)', () => {
    const taken = runCli(['import', 'in/web-copy.txt', '--id', '003'], ws.dir);
    expect([taken.code, taken.stderr]).toEqual([
      1,
      "source-anchors: 'in/web-copy.txt' keeps only 0 of the 67 passages of corpus/003-us-quasi-allies-dilemma.md: is it the same source?\n" +
        'source-anchors: nothing written (pass --force to write it anyway)\n',
    ]);
    expect(runCli(['import'], ws.dir).code).toBe(2);
    expect(runCli(['import', 'a.txt', 'b.txt', '--id', 'x'], ws.dir).stderr.split('\n')[0]).toBe(
      'source-anchors: --id names one document, but 2 files were given',
    );
    expect(runCli(['import', 'a.txt', '--id', 'a b'], ws.dir).code).toBe(2);
    expect(corpusFiles()).toEqual(BUNDLED);
  });
});
