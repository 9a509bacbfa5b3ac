/**
 * The `library` setting over real LSP (dist/server.js --stdio): the server imports the configured
 * `.bib` once it has indexed, and again when the file changes (as Better BibTeX's auto-export
 * rewrites it); drafts follow at once. And `sourceAnchors/importLibrary` (Import Library…).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { JABREF } from '../helpers/library.js';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

let ws: Workspace;
let lsp: LspClient | undefined;
afterEach(async () => {
  await lsp?.stop();
  lsp = undefined;
  ws.dispose();
});

const RUBIN = `@book{rubin2013,
  title = {Afghanistan from the Cold War through the War on Terror},
  author = {Rubin, Barnett R.},
  date = {2013},
  publisher = {Oxford University Press},
  location = {New York}
}
`;
const NEW = `@article{new2021,
  title = {A New Entry},
  author = {Doe, Jane},
  date = {2021},
  journaltitle = {Asian Survey}
}
`;
const DRAFT = [
  '# Paper',
  '',
  'Quasi alliances [[Smith2020@105]]. “Rubin says so.”[[rubin2013@12]] And [[new2021]].',
  '',
].join('\n');

const codes = (ds: { code?: string | number; message: unknown }[]) =>
  ds.map((d) => `${d.code}: ${String(d.message)}`);

describe('the library setting', () => {
  it('imports the configured library at start and again when it changes', async () => {
    ws = makeWorkspace(
      {
        'source-anchors.json': JSON.stringify({
          corpus: ['corpus/'],
          drafts: ['drafts/**/*.md'],
          library: ['refs/library.bib'],
        }),
        'refs/library.bib': JABREF + RUBIN,
        'refs/smith2020.txt':
          'Quasi Alliances Revisited\n\nAllies that are not quite allies share threats but not treaties.\n',
        'drafts/paper.md': DRAFT,
      },
      false,
    );
    lsp = await startServer(ws);
    const draft = ws.uri('drafts/paper.md');
    lsp.open(draft, DRAFT);
    const first = await lsp.waitForDiagnostics(draft, (ds) => ds.some((d) => d.code === 'quote-no-text'));
    expect(codes(first)).toEqual([
      'quote-no-text: Quote not verified: [[rubin2013]] has no text to verify against (metadata only; import its PDF or web page to check quotes).',
      "unknown-document: Unknown document 'new2021' in [[new2021]]: no source has this id.",
    ]);
    expect(readFileSync(join(ws.dir, 'corpus/Smith2020.md'), 'utf8')).toContain(
      'Allies that are not quite allies share threats but not treaties.',
    );

    ws.write(
      'refs/library.bib',
      (JABREF + RUBIN + NEW).replace('Quasi Alliances Revisited', 'Quasi Alliances Reconsidered'),
    );
    lsp.filesChanged([{ uri: ws.uri('refs/library.bib'), type: FileChangeType.Changed }]);
    const second = await lsp.waitForDiagnostics(
      draft,
      (ds) => !ds.some((d) => d.code === 'unknown-document'),
    );
    expect(codes(second)).toEqual([
      'quote-no-text: Quote not verified: [[rubin2013]] has no text to verify against (metadata only; import its PDF or web page to check quotes).',
    ]);
    expect(existsSync(join(ws.dir, 'corpus/new2021.md'))).toBe(true);
    // The Sources view: the documents without text say so.
    const tree = (await lsp.connection.sendRequest('sourceAnchors/sources', {})) as {
      documents: { target: string; noText?: true }[];
    };
    expect(tree.documents.map((d) => [d.target, d.noText ?? false])).toEqual([
      ['new2021', true],
      ['rubin2013', true],
      ['Smith2020', false],
    ]);
    const smith = readFileSync(join(ws.dir, 'corpus/Smith2020.md'), 'utf8');
    expect(smith).toContain('title: "Quasi Alliances Reconsidered"');
    expect(smith).toContain('Allies that are not quite allies share threats but not treaties.');
    const libraryLogs = () => lsp!.logs.filter((l) => l.startsWith('library.bib: '));
    for (let waited = 0; libraryLogs().length < 2 && waited < 10_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    expect(libraryLogs()).toEqual([
      'library.bib: 2 entries, 2 new, 0 updated, 0 up to date (1 without text: metadata only). Cite them by key: [[Smith2020]].\nSmith2020 → corpus/Smith2020.md (new)\n  title: Quasi Alliances Revisited\n  attachment: smith2020.txt imported\n  found: no page numbers, 0 sections, 0 footnotes, 1 paragraph\n  dropped: nothing\nrubin2013 → corpus/rubin2013.md (new, no text)\n  title: Afghanistan from the Cold War through the War on Terror',
      'library.bib: 3 entries, 1 new, 1 updated, 1 up to date (2 without text: metadata only). Cite them by key: [[Smith2020]].\nSmith2020 → corpus/Smith2020.md (updated)\n  title: Quasi Alliances Reconsidered\n  attachment: smith2020.txt unchanged since the last import\nrubin2013 → corpus/rubin2013.md (up to date, no text)\n  title: Afghanistan from the Cold War through the War on Terror\nnew2021 → corpus/new2021.md (new, no text)\n  title: A New Entry',
    ]);
  });

  it('imports a library on request (Import Library…), and refuses in an untrusted workspace', async () => {
    ws = makeWorkspace({ 'refs/library.bib': RUBIN }, false);
    lsp = await startServer(ws, { initializationOptions: { workspaceTrusted: false } });
    const refused = await lsp.connection.sendRequest('sourceAnchors/importLibrary', {
      uri: ws.uri('refs/library.bib'),
    });
    expect(refused).toMatchObject({ ok: false, documents: [] });
    expect(existsSync(join(ws.dir, 'corpus/rubin2013.md'))).toBe(false);
    await lsp.stop();
    lsp = await startServer(ws);
    const r = await lsp.connection.sendRequest('sourceAnchors/importLibrary', {
      uri: ws.uri('refs/library.bib'),
    });
    expect(r).toEqual({
      ok: true,
      message:
        'library.bib: 1 entry, 1 new, 0 updated, 0 up to date (1 without text: metadata only). Cite them by key: [[rubin2013]].',
      documents: [{ uri: ws.uri('corpus/rubin2013.md'), id: 'rubin2013', written: true }],
      report: [
        'rubin2013 → corpus/rubin2013.md (new, no text)',
        '  title: Afghanistan from the Cold War through the War on Terror',
      ],
      broken: [],
    });
  });
});
