/**
 * Add Source over real LSP (`sourceAnchors/importSources` to dist/server.js --stdio): a PDF
 * imported into the corpus and completed at once, a re-import that would break a citation refused
 * with the list and written when forced, and nothing written in an untrusted workspace.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { makeWorkspace, REPO, startServer, type LspClient, type Workspace } from './harness.js';

const DOC = 'corpus/005-quasi-alliances.md';
let ws: Workspace;
let lsp: LspClient | undefined;

beforeEach(() => {
  ws = makeWorkspace({ 'drafts/notes.md': '# Notes\n' });
  copyFileSync(join(REPO, 'examples/quasi-alliances.pdf'), join(ws.dir, 'quasi-alliances.pdf'));
});
afterEach(async () => {
  await lsp?.stop();
  lsp = undefined;
  ws.dispose();
});

const importSources = (uris: string[], force = false) =>
  lsp!.connection.sendRequest('sourceAnchors/importSources', { uris, force }) as Promise<{
    ok: boolean;
    message: string;
    documents: { uri: string; id: string; written: boolean }[];
    report: string[];
    broken: string[];
  }>;

describe('sourceAnchors/importSources', () => {
  it('imports a PDF into the corpus, and its anchors complete at once', async () => {
    lsp = await startServer(ws);
    const r = await importSources([ws.uri('quasi-alliances.pdf')]);
    expect(r).toEqual({
      ok: true,
      message: 'Imported 005 (corpus/005-quasi-alliances.md): cite it as [[005#…]].',
      documents: [{ uri: ws.uri(DOC), id: '005', written: true }],
      report: [
        'quasi-alliances.pdf → corpus/005-quasi-alliances.md (005)',
        '  title: Quasi Alliances',
        '  found: pages 53-54, 2 sections, 0 footnotes, 4 paragraphs',
        "  dropped: 2 × page number, e.g. '53'",
        "  dropped: 2 × running head, e.g. 'Foreign Affairs · Quasi Alliances'",
      ],
      broken: [],
    });
    expect(readFileSync(join(ws.dir, DOC), 'utf8')).toContain('## 2\\. The limits of influence {#s2}');
    const text = 'See [[005#';
    lsp.open(ws.uri('drafts/notes.md'), text);
    const list = (await lsp.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: ws.uri('drafts/notes.md') },
      position: { line: 0, character: text.length },
    })) as CompletionList;
    expect(list.items.map((i) => i.label)).toEqual(['quasi-alliances', 's1', 'p1', 'p2', 's2', 'p3', 'p4']);
    // The walkthrough of docs/importing.md: a quote cited at a page, verified in the hover.
    const cited = 'Aid “given without conditions buys little restraint”[[005#s2@54]].';
    lsp.change(ws.uri('drafts/notes.md'), cited);
    const hover = (await lsp.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: ws.uri('drafts/notes.md') },
      position: { line: 0, character: cited.indexOf('s2@') },
    })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('cited at p. 54 (the passage is on p. 54)');
    expect(hover.contents.value).toContain('✓ **Quote verified**: verbatim in \\[\\[005\\#s2\\]\\].');
  });

  it('refuses a re-import that breaks a citation, with the list, and writes it when forced', async () => {
    ws.write('in/paper.txt', 'Quasi Allies\nThe first paragraph.\n1. Ukraine\nThe second one.\n');
    ws.write('drafts/notes.md', '# Notes\n\nSee [[005#s1]].\n');
    lsp = await startServer(ws);
    expect((await importSources([ws.uri('in/paper.txt')])).ok).toBe(true);
    const before = readFileSync(join(ws.dir, 'corpus/005-quasi-allies.md'), 'utf8');
    ws.write('in/paper.txt', 'Quasi Allies\nThe first paragraph.\nThe second one.\n');
    const refused = await importSources([ws.uri('in/paper.txt')]);
    expect([refused.ok, refused.message, refused.broken, refused.documents]).toEqual([
      false,
      'Not imported: re-importing would break 1 citation (listed in the output). Change the drafts, or import anyway.',
      ['drafts/notes.md:3 [[005#s1]]: its passage is gone'],
      [],
    ]);
    expect(refused.report.slice(-2)).toEqual([
      '  passages: 3 as before, 0 moved, 0 changed, 0 new, 1 gone',
      '  gone: #s1 “1. Ukraine” (was heading 2) — cited, would break',
    ]);
    expect(readFileSync(join(ws.dir, 'corpus/005-quasi-allies.md'), 'utf8')).toBe(before);
    const forced = await importSources([ws.uri('in/paper.txt')], true);
    expect([forced.ok, forced.message]).toEqual([
      true,
      'Re-imported 005 (corpus/005-quasi-allies.md); its cited anchors are kept.',
    ]);
    expect(readFileSync(join(ws.dir, 'corpus/005-quasi-allies.md'), 'utf8')).not.toContain('Ukraine');
  });

  it('takes two imports sent at once one after the other: each its own id', async () => {
    ws.write('in/a.txt', 'Paper A\nThe first paragraph of A.\n');
    ws.write('in/b.txt', 'Paper B\nThe first paragraph of B.\n');
    lsp = await startServer(ws);
    const [a, b] = await Promise.all([
      importSources([ws.uri('in/a.txt')]),
      importSources([ws.uri('in/b.txt')]),
    ]);
    expect([a.documents, b.documents]).toEqual([
      [{ uri: ws.uri('corpus/005-paper-a.md'), id: '005', written: true }],
      [{ uri: ws.uri('corpus/006-paper-b.md'), id: '006', written: true }],
    ]);
  });

  it('writes nothing in an untrusted workspace, and says how to go on', async () => {
    lsp = await startServer(ws, { initializationOptions: { workspaceTrusted: false } });
    const r = await importSources([ws.uri('quasi-alliances.pdf')]);
    expect([r.ok, r.message]).toEqual([
      false,
      'Add Source writes files into the corpus: trust this workspace first (Manage Workspace Trust), then add the source again.',
    ]);
    expect(existsSync(join(ws.dir, DOC))).toBe(false);
    expect(readdirSync(join(ws.dir, 'corpus')).length).toBe(5);
  });
});
