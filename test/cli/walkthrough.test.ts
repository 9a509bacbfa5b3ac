/**
 * The walkthrough of docs/importing.md (importing a paper), command by command (dist/cli.js): the PDF in
 * examples/ imports to a document whose sections and pages are cited with a verified quote, and
 * the PDF is what its source page (test/fixtures/sample-paper) prints.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { printPdf } from '../helpers/printPdf.js';
import { makeWorkspace, REPO, type Workspace } from '../lsp/harness.js';

const PDF = join(REPO, 'examples/quasi-alliances.pdf');
const DOC = 'corpus/005-quasi-alliances.md';
const body = (md: string) => md.slice(md.indexOf('\n---\n') + 5);

let ws: Workspace;
beforeEach(() => {
  ws = makeWorkspace();
  copyFileSync(PDF, join(ws.dir, 'quasi-alliances.pdf'));
});
afterEach(() => ws.dispose());

describe('docs/importing.md: importing a paper and citing it', () => {
  it('imports the PDF, then a quote cited at a page checks clean, and a misquote does not', () => {
    const r = runCli(['import', 'quasi-alliances.pdf'], ws.dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'quasi-alliances.pdf → corpus/005-quasi-alliances.md (005)',
        '  title: Quasi Alliances',
        '  found: pages 53-54, 2 sections, 0 footnotes, 4 paragraphs',
        "  dropped: 2 × page number, e.g. '53'",
        "  dropped: 2 × running head, e.g. 'Foreign Affairs · Quasi Alliances'",
        '',
      ].join('\n'),
    );
    const md = readFileSync(join(ws.dir, DOC), 'utf8');
    expect(md).toContain('\n<!-- page 54 -->\n\n## 2\\. The limits of influence {#s2}\n');
    ws.write(
      'drafts/notes.md',
      '# Notes\n\nAid “given without conditions buys little restraint”[[005#s2@54]].\n',
    );
    const check = runCli(['check', 'drafts/notes.md'], ws.dir);
    expect([check.code, check.stdout]).toEqual([
      0,
      '✔ 1 citation in 1 draft: all resolve (6 sources, 1 cited).\n',
    ]);
    ws.write(
      'drafts/notes.md',
      '# Notes\n\nAid “given without conditions buys no restraint”[[005#s2@60]].\n',
    );
    const bad = runCli(['check', 'drafts/notes.md'], ws.dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout.split('\n').map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'drafts/notes.md:3:6 error quote-not-found',
      'drafts/notes.md:3:58 error page-out-of-range',
      '✖ 2 errors,',
      '',
    ]);
  });

  it('is the PDF its source page prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-sample-'));
    try {
      const html = readFileSync(join(REPO, 'test/fixtures/sample-paper/quasi-alliances.html'), 'utf8');
      writeFileSync(join(dir, 'quasi-alliances.pdf'), printPdf(html));
      expect(runCli(['import', 'quasi-alliances.pdf', '--into', 'out'], dir).code).toBe(0);
      expect(runCli(['import', 'quasi-alliances.pdf'], ws.dir).code).toBe(0);
      const again = readFileSync(join(dir, 'out/001-quasi-alliances.md'), 'utf8');
      expect(body(again)).toBe(body(readFileSync(join(ws.dir, DOC), 'utf8')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
