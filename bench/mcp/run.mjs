#!/usr/bin/env node
/**
 * `npm run bench` (the MCP part): `source-anchors mcp` as an assistant's client sees it, through
 * the real `dist/cli.js mcp` spawned over stdio by the SDK's client, each run a process of its own:
 *
 * - start on the bundled corpus, cold (no index cache) and warm: from the spawn to the answer of
 *   `tools/list`, and to the first `search_passages` answer (goal: under 1 s);
 * - `search_passages` at 1,000 sources (bench/scale's M workspace): 200 queries, each timed from
 *   the call to its answer, JSON-RPC over the pipe included (goal: p95 ≤ 30 ms).
 *
 *   node bench/mcp/run.mjs [--reps 5] [--root /tmp/sa-scale]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parseArgs, percentile, repoDir } from '../lib.mjs';
import { benchWorkspace } from '../scale/workspaces.mjs';

const args = parseArgs(process.argv.slice(2));
const reps = Number(args.reps ?? 5);
const root = args.root ?? '/tmp/sa-scale';
const cacheHome = mkdtempSync(path.join(tmpdir(), 'sa-bench-mcp-cache-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const QUERIES = [
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

/** Spawns the server over `dir`; the client once `tools/list` has answered, and the times. */
async function start(dir) {
  const t = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(repoDir, 'dist/cli.js'), 'mcp', '--root', dir],
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  if (tools.length !== 6) throw new Error(`expected 6 tools, got ${tools.length}`);
  const listed = performance.now() - t;
  return { client, listed, since: t };
}

async function search(client, query) {
  const r = await client.callTool({ name: 'search_passages', arguments: { query, limit: 10 } });
  if (r.isError) throw new Error(`search_passages '${query}': ${JSON.stringify(r.content)}`);
  return r.structuredContent.passages.length;
}

const rows = [];
const row = (what, value, goal = '') => {
  rows.push({ what, value, goal });
  console.log(`${what.padEnd(58)} ${value.padEnd(22)} ${goal}`);
};
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// The floor: how long Node itself takes to start an empty script on this machine, now.
const floor = [];
for (let i = 0; i < reps; i++) {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  floor.push(performance.now() - t);
}
row('node -e 0 (the floor: Node starting, nothing else)', `${median(floor).toFixed(0)} ms`);

// 1. Start on the bundled corpus.
for (const warm of [false, true]) {
  const listed = [];
  const searched = [];
  for (let i = 0; i < reps; i++) {
    if (!warm) rmSync(cacheHome, { recursive: true, force: true });
    const s = await start(repoDir);
    await search(s.client, '撤军派');
    searched.push(performance.now() - s.since);
    listed.push(s.listed);
    await s.client.close();
  }
  const label = warm ? 'warm (index cache)' : 'cold (no index cache)';
  row(`bundled corpus, start → tools listed, ${label}`, `${median(listed).toFixed(0)} ms`, '< 1 s');
  row(
    `bundled corpus, start → first search answered, ${label}`,
    `${median(searched).toFixed(0)} ms`,
    '< 1 s',
  );
}

// 2. search_passages at 1,000 sources.
const ws = benchWorkspace(root, 'M');
await (await start(ws.dir)).client.close(); // fills the index cache
const s = await start(ws.dir);
row(`${ws.docs} sources, start → tools listed (warm)`, `${s.listed.toFixed(0)} ms`);
let t = performance.now();
await search(s.client, QUERIES[0]);
row(`${ws.docs} sources, first search_passages (search built)`, `${(performance.now() - t).toFixed(0)} ms`);
const times = [];
let hits = 0;
for (let i = 0; i < 200; i++) {
  t = performance.now();
  hits += await search(s.client, QUERIES[i % QUERIES.length]);
  times.push(performance.now() - t);
}
await s.client.close();
times.sort((a, b) => a - b);
row(
  `${ws.docs} sources, search_passages (10 results), p50 / p95`,
  `${percentile(times, 0.5).toFixed(1)} / ${percentile(times, 0.95).toFixed(1)} ms`,
  'p95 ≤ 30 ms',
);
if (hits === 0) throw new Error('no query found anything: the bench measured nothing');
rmSync(cacheHome, { recursive: true, force: true });
