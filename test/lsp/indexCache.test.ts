/**
 * The server's start: it keeps its index in the storage folder the client passes and answers the
 * same from it on the next start; it indexes for clients that send no workspace-folder events.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompletionRequest, type CompletionList } from 'vscode-languageserver-protocol';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

let ws: Workspace;
beforeEach(() => {
  ws = makeWorkspace({ 'drafts/a.md': '见[[002#us-phase3]]。\n' });
});
afterEach(() => ws.dispose());

async function anchorsOf002(lsp: LspClient): Promise<string[]> {
  const uri = ws.uri('drafts/probe.md');
  lsp.open(uri, '[[002#');
  const list = (await lsp.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: 6 },
  })) as CompletionList;
  expect(list.isIncomplete).toBe(false);
  return list.items.map((i) => i.label);
}

describe('server start', () => {
  it('keeps its index in the storage folder it is given, and answers the same from it', async () => {
    const storagePath = join(ws.dir, 'storage');
    const first = await startServer(ws, { initializationOptions: { storagePath } });
    const fresh = await anchorsOf002(first);
    const freshStatus = first.status.find((s) => s.state === 'ready');
    await first.stop();
    expect(readdirSync(storagePath).sort()).toEqual([
      expect.stringMatching(/^index-[0-9a-f]{16}\.bin$/),
      expect.stringMatching(/^index-[0-9a-f]{16}\.texts$/),
    ]);

    const second = await startServer(ws, { initializationOptions: { storagePath } });
    expect(await anchorsOf002(second)).toEqual(fresh);
    expect(second.status.find((s) => s.state === 'ready')).toEqual(freshStatus);
    expect(fresh).toContain('us-phase3');
    await second.stop();
  });

  it('indexes for a client that sends no workspace-folder events', async () => {
    const lsp = await startServer(ws, { capabilities: { workspace: { configuration: true } } });
    expect(lsp.status.find((s) => s.state === 'ready')).toMatchObject({ sources: 5, drafts: 1 });
    expect(await anchorsOf002(lsp)).toContain('us-phase3');
    await lsp.stop();
  });

  it('writes its code cache once indexed and searchable, and starts from it the next time', async () => {
    const saved = process.env.XDG_CACHE_HOME;
    const home = mkdtempSync(join(tmpdir(), 'sa-xdg-'));
    process.env.XDG_CACHE_HOME = home;
    try {
      const file = join(home, 'source-anchors', 'server.v8cache');
      const first = await startServer(ws);
      await first.waitForStatus((s) => s.searchReady);
      for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
      const fresh = await anchorsOf002(first);
      await first.stop();
      expect(readFileSync(file).subarray(0, 6).toString()).toBe('SACC1\n');

      const second = await startServer(ws);
      expect(await anchorsOf002(second)).toEqual(fresh);
      await second.stop();
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });
});
