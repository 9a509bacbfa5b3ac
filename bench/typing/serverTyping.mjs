/**
 * Typing into one draft through the real language server (`dist/server.js --stdio`), as an editor
 * sends it: the draft is opened, the corpus indexed, then 200 keystrokes at 30 ms go in as
 * incremental changes at the draft's end (a new paragraph ending with a broken citation), with a
 * hover on a citation every 10 keys, sent without waiting for the previous one. Measured: each
 * hover's answer time, and when the diagnostics of the final text arrive after the last key (the
 * first publication equal to the last one once the server has been quiet for 3 s).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import rpc from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { performance } from 'node:perf_hooks';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = rpc;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The 200 characters typed: prose, then a citation of a document that does not exist. */
export const TYPED = (() => {
  const tail = '[[9999#s1]]。';
  const prose = '新的一段：作者在此补充了一些看法，'.repeat(20);
  return '\n\n' + prose.slice(0, 200 - 2 - tail.length) + tail;
})();

/**
 * @param {string} repo the repository whose dist/server.js runs
 * @param {string} dir the workspace
 * @param {{ ours: string, hoverLine: number, hoverCharacter: number }} draft
 * @param {{ keys?: number, intervalMs?: number, hoverEvery?: number }} [options]
 */
export async function serverTyping(repo, dir, draft, { keys = 200, intervalMs = 30, hoverEvery = 10 } = {}) {
  const { conn, uri, text, published, close, stderr } = await openDraft(repo, dir, draft);
  let version = 1;
  const hovers = [];
  const pending = [];
  const start = performance.now();
  let line = text.split('\n').length - 1;
  let character = text.length - text.lastIndexOf('\n') - 1;
  for (let k = 0; k < keys; k++) {
    const ch = TYPED[k % TYPED.length];
    const at = { line, character };
    if (ch === '\n') {
      line++;
      character = 0;
    } else character++;
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: at, end: at }, text: ch }],
    });
    if (k % hoverEvery === hoverEvery - 1) {
      const t = performance.now();
      pending.push(
        conn
          .sendRequest('textDocument/hover', {
            textDocument: { uri },
            position: { line: draft.hoverLine, character: draft.hoverCharacter },
          })
          .then((h) => hovers.push({ ms: performance.now() - t, answered: !!h })),
      );
    }
    await sleep(Math.max(0, start + (k + 1) * intervalMs - performance.now()));
  }
  const lastKey = performance.now() - intervalMs;
  await Promise.all(pending);
  // The diagnostics published after the last key, then nothing more for 3 s.
  while (!published.some((p) => p.at >= lastKey) && performance.now() - lastKey < 60_000) await sleep(20);
  await quiet(published, 3000);
  const final = published.at(-1);
  const first = final ? published.find((p) => p.at >= lastKey && p.json === final.json) : undefined;
  await close();
  if (!final) throw new Error(`no diagnostics for ${draft.ours}:\n${stderr()}`);
  return {
    hoverMs: hovers.map((h) => h.ms),
    hoversAnswered: hovers.filter((h) => h.answered).length,
    finalDiagnosticsMs: first ? first.at - lastKey : undefined,
    finalDiagnostics: final.count,
    finalReportsTyped: final.json.includes('9999'),
    finalJson: final.json,
  };
}

/**
 * A new server (`dist/server.js --stdio` of `repo`) on the workspace `dir`, with `draft` open,
 * once the corpus is indexed, passage search built, the draft's first diagnostics published and
 * nothing more published for a second. `published` collects the draft's publications as they come.
 */
export async function openDraft(repo, dir, draft) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SERVER_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.SERVER_PROF] : []),
      path.join(repo, 'dist/server.js'),
      '--stdio',
    ],
    {
      cwd: dir,
      env: { ...process.env, XDG_CACHE_HOME: path.join(dir, '.cache') },
      stdio: ['pipe', 'pipe', process.env.SERVER_STDERR ? 'inherit' : 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const conn = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const uri = URI.file(path.join(dir, draft.ours)).toString();
  /** Every publication for the draft: when it arrived and what it said. */
  const published = [];
  let ready = false;
  conn.onNotification('sourceAnchors/status', (s) => {
    if (s.state === 'ready' && s.searchReady) ready = true;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === uri)
      published.push({
        at: performance.now(),
        json: JSON.stringify(p.diagnostics),
        count: p.diagnostics.length,
      });
  });
  conn.listen();
  const root = URI.file(dir).toString();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'typing' }],
    capabilities: { workspace: { workspaceFolders: true } },
  });
  conn.sendNotification('initialized', {});
  const text = readFileSync(path.join(dir, draft.ours), 'utf8');
  conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  const t0 = performance.now();
  while (!ready && performance.now() - t0 < 120_000) await sleep(20);
  // Settled: the draft's first diagnostics are out, and nothing more for a second.
  while (!published.length && performance.now() - t0 < 120_000) await sleep(20);
  await quiet(published, 1000);
  const close = async () => {
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
    await new Promise((r) => child.once('exit', r));
    conn.dispose();
  };
  return { conn, uri, text, published, close, stderr: () => stderr };
}

/** Resolves once no publication has arrived for `ms` (at most 60 s). */
async function quiet(published, ms) {
  const t0 = performance.now();
  while (performance.now() - t0 < 60_000) {
    const last = published.at(-1)?.at ?? t0;
    if (performance.now() - Math.max(last, t0) >= ms) return;
    await sleep(50);
  }
}
