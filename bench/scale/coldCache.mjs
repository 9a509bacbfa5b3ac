#!/usr/bin/env node
/**
 * How long a cold `check` waits for the index cache (issue 17): `check drafts` from an empty cache
 * against `check --no-cache drafts`, alternated, in a workspace of the scale bench (made if missing).
 * Prints each run's wall time (from spawn to the process's exit, which is when the shell prompt
 * returns), the medians and the load average; then waits, untimed, for the detached cache writer
 * (server/src/node/cacheWriter.ts) before the next run, and reports how long it still ran.
 *
 *   node bench/scale/coldCache.mjs [--shape sections] [--size M] [--runs 5] [--root /tmp/sa-scale]
 *                                  [--cli dist/cli.js]   (another build's cli.js, e.g. of the commit before)
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from '../lib.mjs';
import { benchWorkspace } from './workspaces.mjs';
import { waitForCacheWriters } from './cacheWriters.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const root = args.root ?? '/tmp/sa-scale';
const ws = benchWorkspace(root, args.size ?? 'M', args.shape ?? 'sections');
const cacheHome = path.join(root, '.cache-cold');
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
const cliJs = path.resolve(args.cli ?? path.join(repo, 'dist/cli.js'));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** One cold `check` (the cache emptied first); its wall time in ms. */
async function cold(extra) {
  rmSync(cacheHome, { recursive: true, force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, [cliJs, 'check', ...extra, 'drafts'], {
    cwd: ws.dir,
    env,
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  if (r.status !== 1 && r.status !== 0) throw new Error(`check: exit ${r.status}\n${r.stderr}`);
  writerMs.push(await waitForCacheWriters(cacheHome));
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const runs = Number(args.runs ?? 5);
const withCache = [];
const writerMs = [];
const noCache = [];
const before = load();
for (let i = 0; i < runs; i++) {
  withCache.push(await cold([]));
  noCache.push(await cold(['--no-cache']));
}
rmSync(cacheHome, { recursive: true, force: true });
const f = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(`${cliJs} in ${ws.dir}: ${ws.docs} docs, load ${before} → ${load()}`);
console.log(`cold, cache written: ${f(withCache)} ms (median ${median(withCache).toFixed(0)})`);
console.log(`cold, --no-cache:    ${f(noCache)} ms (median ${median(noCache).toFixed(0)})`);
console.log(
  `a detached cache writer still ran after the cached runs for: ${f(writerMs.filter((_, i) => i % 2 === 0))} ms`,
);
