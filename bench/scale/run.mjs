#!/usr/bin/env node
/**
 * `npm run bench` (second part): Source Anchors at S/M/L/XL scale against the floor and the peer,
 * through the real `dist/cli.js` and `dist/server.js --stdio`, each in its own process, in one run
 * (the machine is shared: only ratios measured side by side mean something). Writes
 * bench/results.json and the tables of docs/performance.md.
 *
 *   node bench/scale/run.mjs [--shapes standard,sections] [--sizes S,M,L,XL] [--reps 3] [--root /tmp/sa-scale]
 *
 * Two corpus shapes (workspaces.mjs): `standard` at S, M, L, XL and `sections` (issue 17) at M and L
 * unless `--sizes` says otherwise. A run of some shapes keeps the others' last results in
 * bench/results.json, so `--shapes sections` measures the second shape alone:
 *
 *   node bench/scale/run.mjs --shapes sections --sizes M --reps 1
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../lib.mjs';
import { benchWorkspace } from './workspaces.mjs';
import { serverSession } from './serverSession.mjs';
import { writePerformanceTable } from './report.mjs';
import { waitForCacheWriters } from './cacheWriters.mjs';
import { performance } from 'node:perf_hooks';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const shapes = (args.shapes ?? 'standard,sections').split(',');
const DEFAULT_SIZES = { standard: 'S,M,L,XL', sections: 'M,L' };
for (const shape of shapes) if (!DEFAULT_SIZES[shape]) throw new Error(`unknown shape ${shape}`);
const baseReps = Number(args.reps ?? 3);
const root = args.root ?? '/tmp/sa-scale';
const cacheHome = path.join(root, '.cache');
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
const clearCache = () => rmSync(cacheHome, { recursive: true, force: true });
const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : undefined;
};

/** Runs a command to its end; its wall time in ms and its parsed JSON output (if any). */
function run(cmd, argv, cwd) {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { ms, json, stdout: r.stdout };
}
const node = (script, argv, cwd) => run(process.execPath, [path.join(repo, script), ...argv], cwd);
const check = (ws, extra = []) => node('dist/cli.js', ['check', ...extra, 'drafts'], ws.dir);

/** The machine's load averages over 1, 5 and 15 minutes, e.g. "3.90 4.24 6.49". */
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const header = () => ({
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, node ${process.version}`,
  command:
    process.env.npm_lifecycle_event === 'bench'
      ? 'npm run bench'
      : ['node bench/scale/run.mjs', ...process.argv.slice(2)].join(' '),
});

// The shapes not measured now keep their last results.
const resultsFile = path.join(repo, 'bench/results.json');
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
const results = shapes.includes('standard')
  ? { ...header(), sizes: {}, shapes: previous?.shapes ?? {} }
  : { ...previous, shapes: previous?.shapes ?? {} };
const started = performance.now();

for (const shape of shapes) {
  const sizes = (args.sizes ?? DEFAULT_SIZES[shape]).split(',');
  const shapeStarted = performance.now();
  const block = shape === 'standard' ? results : (results.shapes[shape] = { ...header(), sizes: {} });
  for (const size of sizes) block.sizes[size] = await measure(shape, size);
  // One draft line holding 20,000 citations, against the same citations one per line (smallest size).
  if (shape === 'standard') results.oneLine = oneLineCheck(benchWorkspace(root, sizes[0]));
  block.totalSeconds = (performance.now() - shapeStarted) / 1000;
}

/** Measures one shape at one size: `reps` rounds of every process, side by side. */
async function measure(shape, size) {
  const loadBefore = load();
  const ws = benchWorkspace(root, size, shape);
  const reps = size === 'XL' ? 1 : baseReps;
  const samples = {
    floor: [],
    peer: [],
    checkCold: [],
    cacheWriter: [],
    checkWarm: [],
    server: [],
    serverWarm: [],
  };
  let summary;
  for (let rep = 0; rep < reps; rep++) {
    samples.floor.push(node('bench/scale/floor.mjs', [path.join(ws.dir, 'corpus')]).json.ms);
    const peer = node('bench/scale/peer.mjs', [ws.dir, 'peer']);
    samples.peer.push(peer.ms);
    clearCache();
    const cold = check(ws);
    samples.checkCold.push(cold.ms);
    // The cold check's index cache is written by a detached process: not timed, but not overlapped.
    samples.cacheWriter.push(await waitForCacheWriters(cacheHome));
    summary = cold.stdout.trim().split('\n').at(-1);
    samples.checkWarm.push(check(ws).ms);
    clearCache();
    samples.server.push(await serverSession(repo, ws, { env, keystrokes: rep === 0 }));
    samples.serverWarm.push(await serverSession(repo, ws, { env, keystrokes: false }));
    console.log(
      `${shape} ${size} rep ${rep + 1}/${reps} done at ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const first = samples.server[0];
  const m = {
    docs: ws.docs,
    corpusMb: ws.bytes / 1e6,
    reps,
    summary,
    floorMs: median(samples.floor),
    peerMs: median(samples.peer),
    checkColdMs: median(samples.checkCold),
    checkWarmMs: median(samples.checkWarm),
    firstAnswerMs: median(samples.server.map((s) => s.firstAnswer)),
    readyColdMs: median(samples.server.map((s) => s.ready)),
    readyWarmMs: median(samples.serverWarm.map((s) => s.ready)),
    searchReadyMs: median(samples.server.map((s) => s.searchReady)),
    peakRssMb: Math.max(...samples.server.map((s) => s.peakRssMb ?? 0)),
    completion: first.completion,
    completionIndexing: first.completionIndexing,
    hover: first.hover,
    passageQuery: first.passageQuery,
    changedFileMs: first.changedFile,
    loadAvg: { before: loadBefore, after: load() },
    samples,
  };
  m.rssBudgetMb = (4 * ws.bytes) / 1024 / 1024 + 150;
  console.log(
    `${shape} ${size} (load ${m.loadAvg.before} → ${m.loadAvg.after}): floor ${m.floorMs.toFixed(0)} ms, peer ${m.peerMs.toFixed(0)} ms, check ${m.checkColdMs.toFixed(0)} / ${m.checkWarmMs.toFixed(0)} ms, ` +
      `ready ${m.readyColdMs.toFixed(0)} / ${m.readyWarmMs.toFixed(0)} ms, first answer ${m.firstAnswerMs.toFixed(0)} ms, ` +
      `completion p95 ${m.completion.p95.toFixed(1)} ms, RSS ${m.peakRssMb.toFixed(0)} MB`,
  );
  return m;
}

function oneLineCheck(small) {
  const oneLine = node('dist/cli.js', ['check', 'one-line/line.md'], small.dir).ms;
  const spread = node('dist/cli.js', ['check', 'one-line/lines.md'], small.dir).ms;
  console.log(
    `one line of 20,000 citations: ${oneLine.toFixed(0)} ms; spread over lines: ${spread.toFixed(0)} ms`,
  );
  return { citations: 20000, oneLineMs: oneLine, spreadMs: spread, ratio: oneLine / spread };
}

const seconds = (performance.now() - started) / 1000;
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
writePerformanceTable(path.join(repo, 'docs/performance.md'), results);
console.log(`bench/results.json and the tables of docs/performance.md written (${seconds.toFixed(0)} s).`);
