/**
 * The index equals the disk after churn: 1,000 sources rewritten, renamed and deleted at once
 * (as a branch switch does), files vanishing right after their event, an unreadable file, a
 * symbolic link loop, the same folder configured twice, and the corpus folder deleted and
 * restored. The churned server's anchors, file by file, must equal a fresh server's.
 */
import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DocumentSymbolRequest, FileChangeType, type FileEvent } from 'vscode-languageserver-protocol';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

const N = 1000;
const name = (i: number) => `corpus/src-${String(i).padStart(4, '0')}.md`;
const body = (tag: string, i: number) => `## 第${i}节 {#${tag}${i}}\n\n段落${i}。 ^b${i}\n`;

let ws: Workspace | undefined;
const servers: LspClient[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
  if (ws) {
    try {
      chmodSync(join(ws.dir, 'corpus/moved-0400.md'), 0o644);
    } catch {
      // The test stopped before it made the file unreadable.
    }
    ws.dispose();
  }
});

it('ends, after 1,000 sources churn within a second, with the anchors of a fresh index', async () => {
  const files: Record<string, string> = {
    'source-anchors.json': JSON.stringify({ corpus: ['corpus/', './corpus'] }),
  };
  for (let i = 0; i < N; i++) files[name(i)] = body('s', i);
  ws = makeWorkspace(files, false);
  const w = ws;
  const churned = await startServer(w, { waitMs: 90_000 });
  servers.push(churned);
  expect(churned.status.at(-1)).toMatchObject({ sources: N, anchors: 3 * N });

  const events: FileEvent[] = [];
  const ev = (rel: string, type: FileChangeType) => events.push({ uri: w.uri(rel), type });
  const every: string[] = [];
  for (let i = 0; i < N; i++) every.push(name(i));
  // Rewritten, renamed, deleted.
  for (let i = 0; i < 400; i++) {
    w.write(name(i), body('t', i));
    ev(name(i), FileChangeType.Changed);
  }
  for (let i = 400; i < 700; i++) {
    const moved = `corpus/moved-${String(i).padStart(4, '0')}.md`;
    renameSync(join(w.dir, name(i)), join(w.dir, moved));
    ev(name(i), FileChangeType.Deleted);
    ev(moved, FileChangeType.Created);
    every.push(moved);
  }
  for (let i = 700; i < N; i++) {
    rmSync(join(w.dir, name(i)));
    ev(name(i), FileChangeType.Deleted);
  }
  // Files that vanish before they are read: created, announced, deleted, announced.
  for (let k = 0; k < 50; k++) {
    const ghost = `corpus/ghost-${k}.md`;
    w.write(ghost, body('g', k));
    churned.filesChanged([{ uri: w.uri(ghost), type: FileChangeType.Created }]);
    rmSync(join(w.dir, ghost));
    ev(ghost, FileChangeType.Deleted);
    every.push(ghost);
  }
  // Files deleted while the server reads them: each event alone, the change before the deletion.
  for (let i = 0; i < 50; i++) {
    churned.filesChanged([{ uri: w.uri(name(i)), type: FileChangeType.Changed }]);
    rmSync(join(w.dir, name(i)));
    churned.filesChanged([{ uri: w.uri(name(i)), type: FileChangeType.Deleted }]);
  }
  // Unreadable (for anyone but root), a symbolic link loop, a folder deleted and restored.
  chmodSync(join(w.dir, 'corpus/moved-0400.md'), 0o000);
  ev('corpus/moved-0400.md', FileChangeType.Changed);
  mkdirSync(join(w.dir, 'corpus/sub'));
  symlinkSync(join(w.dir, 'corpus'), join(w.dir, 'corpus/sub/loop'));
  symlinkSync(join(w.dir, 'corpus/sub'), join(w.dir, 'corpus/loop.md'));
  ev('corpus/sub', FileChangeType.Created);
  ev('corpus/loop.md', FileChangeType.Created);
  every.push('corpus/loop.md');
  renameSync(join(w.dir, 'corpus'), join(w.dir, 'corpus-away'));
  // The watcher's events arrive in bursts while the folder is gone, then it is back.
  for (let at = 0; at < events.length; at += 100) churned.filesChanged(events.slice(at, at + 100));
  churned.filesChanged([{ uri: w.uri('corpus'), type: FileChangeType.Deleted }]);
  renameSync(join(w.dir, 'corpus-away'), join(w.dir, 'corpus'));
  churned.filesChanged([{ uri: w.uri('corpus'), type: FileChangeType.Created }]);

  const fresh = await startServer(w, { waitMs: 90_000 });
  servers.push(fresh);
  const want = fresh.status.at(-1)!;
  const settled = await churned.waitForStatus(
    (s) => s.state === 'ready' && s.sources === want.sources && s.anchors === want.anchors,
  );
  expect(settled).toMatchObject({ sources: want.sources, anchors: want.anchors });

  const anchorsOf = async (server: LspClient, rel: string) =>
    JSON.stringify(
      await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: w.uri(rel) } }),
    );
  const differ: string[] = [];
  await Promise.all(
    every.map(async (rel) => {
      const [a, b] = await Promise.all([anchorsOf(churned, rel), anchorsOf(fresh, rel)]);
      if (a !== b) differ.push(rel);
    }),
  );
  differ.sort();
  expect(differ).toEqual([]);
  // And the fresh index is what the disk holds: 350 rewritten, 300 moved, the rest deleted.
  expect(await anchorsOf(fresh, name(50))).toContain('"detail":"#t50"');
  expect(await anchorsOf(fresh, name(0))).toBe('[]');
  expect(await anchorsOf(fresh, 'corpus/moved-0699.md')).toContain('"detail":"#s699"');
  expect(await anchorsOf(fresh, name(999))).toBe('[]');
}, 240_000);
