/**
 * Untrusted workspaces: a repository's own source-anchors.json must not make the server read
 * outside the workspace folder (a corpus like `../../home/…`, or a symbolic link in the corpus
 * that leads out). Refused paths are said in the output. A trusted window reads them.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

let outside: string;
let ws: Workspace;
let lsp: LspClient | undefined;
let outsideEntry: string;

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'sa-outside-'));
  writeFileSync(join(outside, '900-secret.md'), '## 机密 {#secret}\n\n不该被读到的文字。\n');
  ws = makeWorkspace({ 'drafts/a.md': '见[[900#secret]]。\n' });
  outsideEntry = `${relative(ws.dir, outside).split('\\').join('/')}/`;
  ws.write('source-anchors.json', JSON.stringify({ corpus: ['corpus/', outsideEntry] }));
  symlinkSync(join(outside, '900-secret.md'), join(ws.dir, 'corpus/901-link.md'));
});

afterEach(async () => {
  await lsp?.stop();
  lsp = undefined;
});

afterAll(() => {
  ws.dispose();
  rmSync(outside, { recursive: true, force: true });
});

describe('an untrusted workspace', () => {
  it('refuses a corpus outside its folder and a link leading out, and says so', async () => {
    lsp = await startServer(ws, { initializationOptions: { workspaceTrusted: false } });
    const refusal = `Untrusted workspace: the corpus '${outsideEntry}' lies outside ${ws.dir} and is not read. Trust this workspace to read it.`;
    expect(lsp.status.at(-1)).toMatchObject({ sources: 6, configErrors: [refusal] });
    expect(lsp.logs).toContain(refusal);
    expect(lsp.logs).toContain(
      'Untrusted workspace: sources outside the workspace folders are not read (trust the workspace to read them).',
    );
    const link = await lsp.waitForDiagnostics(ws.uri('corpus/901-link.md'));
    expect(link.map((d) => [d.code, d.message])).toEqual([
      [
        'unreadable-source',
        `Cannot read this source: it leads outside the workspace folder (to ${join(outside, '900-secret.md')}), which an untrusted workspace may not read. It is left out of the index.`,
      ],
    ]);
    lsp.open(ws.uri('drafts/a.md'), '见[[900#secret]]。\n');
    const draft = await lsp.waitForDiagnostics(ws.uri('drafts/a.md'));
    expect(draft.map((d) => d.code)).toEqual(['unknown-document']);
  });
});

describe('a trusted workspace', () => {
  it('reads a corpus outside its folder (as ../shared/seeds) and a link leading out', async () => {
    lsp = await startServer(ws, { initializationOptions: { workspaceTrusted: true } });
    expect(lsp.status.at(-1)).toMatchObject({ sources: 7, configErrors: [] });
    lsp.open(ws.uri('drafts/a.md'), '见[[900#secret]]。\n');
    const draft = await lsp.waitForDiagnostics(ws.uri('drafts/a.md'));
    expect(draft).toEqual([]);
  });
});
