/**
 * One run of the real language server (`dist/server.js --stdio`) over a benchmark workspace, as an
 * editor drives it: start, then poll completion until it answers for the corpus's first document
 * (first answer) and its last (ready); time completion while passage search is being built, then
 * wait for it; time keystrokes (completion, hover,
 * passage queries) and a changed corpus file; read the process's peak RSS (after shutdown, so
 * that it includes the index cache's save).
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import rpc from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { performance } from 'node:perf_hooks';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = rpc;

/** p50 / p95 of samples, in ms. */
export function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { p50: at(0.5), p95: at(0.95) };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {string} repo the repository (its dist/server.js runs)
 * @param {import('./workspaces.mjs').BenchWorkspace} ws
 * @param {{ env: NodeJS.ProcessEnv, keystrokes: boolean }} options
 */
export async function serverSession(repo, ws, { env, keystrokes }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio'], {
    cwd: ws.dir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const conn = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  let searchReadyAt;
  conn.onNotification('sourceAnchors/status', (s) => {
    if (s.searchReady) searchReadyAt ??= performance.now() - t0;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.listen();
  const root = URI.file(ws.dir).toString();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'bench' }],
    capabilities: {
      workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    },
  });
  conn.sendNotification('initialized', {});

  const probe = URI.file(path.join(ws.dir, 'drafts', 'zz-probe.md')).toString();
  let version = 1;
  const setText = (text) =>
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: probe, version: ++version },
      contentChanges: [{ text }],
    });
  const probeText = `[[${ws.firstId}#\n[[${ws.lastId}#`;
  conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: probe, languageId: 'markdown', version, text: probeText },
  });
  const labels = (r) => (r ? (Array.isArray(r) ? r : r.items).map((i) => i.label) : []);
  const complete = (line, character) =>
    conn.sendRequest('textDocument/completion', {
      textDocument: { uri: probe },
      position: { line, character },
    });

  // First answer (any anchor of the first document) and ready (the last document's anchors),
  // each polled on its own: a request may wait for indexing before it answers.
  const lastAnchor = ws.anchorsOfLast[0] ?? 'p1';
  const poll = async (line, character, done) => {
    while (performance.now() - t0 < 300_000) {
      if (done(labels(await complete(line, character)))) return performance.now() - t0;
      await sleep(5);
    }
    return undefined;
  };
  const [firstAnswer, ready] = await Promise.all([
    poll(0, probeText.indexOf('\n'), (l) => l.length > 0),
    poll(1, probeText.length - probeText.indexOf('\n') - 1, (l) => l.includes(lastAnchor)),
  ]);
  const out = { firstAnswer, ready };
  // Keystrokes while passage search is still being built (issue 17, point 6): completion after
  // `[[<id>#` for ids spread over the corpus, until search is ready (at most 200).
  if (keystrokes) {
    const during = [];
    for (let i = 0; searchReadyAt === undefined && i < 200; i++) {
      const id = String((i * 7919) % ws.docs).padStart(ws.firstId.length, '0');
      const text = `见[[${id}#`;
      setText(text);
      const t = performance.now();
      await complete(0, text.length);
      if (searchReadyAt === undefined) during.push(performance.now() - t);
      await sleep(10);
    }
    out.completionIndexing = during.length ? { ...percentiles(during), n: during.length } : undefined;
  }
  while (searchReadyAt === undefined && performance.now() - t0 < 300_000) await sleep(20);
  out.searchReady = searchReadyAt;

  if (keystrokes) Object.assign(out, await measureKeystrokes(conn, ws, setText, complete, labels, probe));

  // After shutdown, which waits for the index cache's save: the peak includes it.
  await conn.sendRequest('shutdown');
  out.peakRssMb = peakRssMb(child.pid);
  conn.sendNotification('exit');
  await new Promise((r) => child.once('exit', r));
  conn.dispose();
  if (out.ready === undefined) throw new Error(`the server was never ready:\n${stderr}`);
  return out;
}

async function measureKeystrokes(conn, ws, setText, complete, labels, probe) {
  const ids = Array.from({ length: 100 }, (_, i) =>
    String((i * 7919) % ws.docs).padStart(ws.firstId.length, '0'),
  );
  const completion = [];
  for (const id of ids) {
    const text = `见[[${id}#`;
    setText(text);
    const t = performance.now();
    await complete(0, text.length);
    completion.push(performance.now() - t);
  }
  setText(ids.map((id) => `见[[${id}#s1]]。`).join('\n'));
  const hover = [];
  for (let line = 0; line < ids.length; line++) {
    const t = performance.now();
    await conn.sendRequest('textDocument/hover', {
      textDocument: { uri: probe },
      position: { line, character: 4 },
    });
    hover.push(performance.now() - t);
  }
  const passage = [];
  const words = [
    '美国',
    '塔利班 撤军',
    '盟友',
    '巴基斯坦',
    '阿富汗政府',
    '和谈',
    '美國盟友',
    '安全',
    '战略 利益',
    '中国',
  ];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await conn.sendRequest('sourceAnchors/searchPassages', { query: words[i % words.length], limit: 30 });
    passage.push(performance.now() - t);
  }
  // A corpus file changes on disk: how soon does completion know its new anchor?
  const file = path.join(ws.dir, 'corpus', ws.lastFile);
  const before = readFileSync(file);
  const { atime, mtime } = statSync(file);
  writeFileSync(file, Buffer.concat([before, Buffer.from('\n## 新的一节 {#bench-new}\n\n新的段落。\n')]));
  const text = `[[${ws.lastId}#`;
  setText(text);
  const t = performance.now();
  conn.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: URI.file(file).toString(), type: 2 }],
  });
  let changedFile;
  while (changedFile === undefined && performance.now() - t < 10_000) {
    if (labels(await complete(0, text.length)).includes('bench-new')) changedFile = performance.now() - t;
  }
  writeFileSync(file, before);
  utimesSync(file, atime, mtime);
  return {
    completion: percentiles(completion),
    hover: percentiles(hover),
    passageQuery: percentiles(passage),
    changedFile,
  };
}

/** The peak resident set of a process (Linux), in MB. */
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
