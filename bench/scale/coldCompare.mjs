#!/usr/bin/env node
/**
 * The cold `check` of two builds beside the peer (issue 17, point 5): in a workspace of the scale
 * bench, runs the peer, `check drafts` of build A and `check drafts` of build B, each from an
 * empty cache, round after round, and prints per command the median wall time and processor time
 * (user + system, which a shared machine inflates less than wall time), the ratios to the peer,
 * and the load average. Between runs it waits, untimed, for the detached cache writer
 * (cacheWriters.mjs), as run.mjs does. Build A is usually a copy of the commit before's `dist/`.
 *
 *   node bench/scale/coldCompare.mjs --a /tmp/old-dist/cli.js [--b dist/cli.js] [--shape sections]
 *                                    [--size M] [--rounds 7] [--root /tmp/sa-scale]
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
if (!args.a) throw new Error('--a <cli.js of the build to compare with> is required');
const root = args.root ?? '/tmp/sa-scale';
const ws = benchWorkspace(root, args.size ?? 'M', args.shape ?? 'sections');
const cacheHome = path.join(root, '.cache-compare');
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Runs one command under /usr/bin/time; its wall and processor time in ms. */
function timed(argv) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], { cwd: ws.dir, env, encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const [user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

const commands = {
  peer: () => timed([process.execPath, path.join(repo, 'bench/scale/peer.mjs'), ws.dir, 'peer']),
  a: () => timed([process.execPath, path.resolve(args.a), 'check', 'drafts']),
  b: () =>
    timed([process.execPath, path.resolve(args.b ?? path.join(repo, 'dist/cli.js')), 'check', 'drafts']),
};
const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const before = load();
const rounds = Number(args.rounds ?? 7);
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(commands)) {
    rmSync(cacheHome, { recursive: true, force: true });
    samples[name].push(run());
    await waitForCacheWriters(cacheHome);
  }
}
rmSync(cacheHome, { recursive: true, force: true });

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
const peer = { wall: median(samples.peer.map((s) => s.wall)), cpu: median(samples.peer.map((s) => s.cpu)) };
console.log(`${ws.dir}: ${ws.docs} docs, ${rounds} rounds, load ${before} → ${load()}`);
for (const [name, runs] of Object.entries(samples)) {
  const wall = median(runs.map((s) => s.wall));
  const cpu = median(runs.map((s) => s.cpu));
  const label = name === 'a' ? `A ${args.a}` : name === 'b' ? `B ${args.b ?? 'dist/cli.js'}` : 'peer';
  console.log(
    `${label}: wall ${wall.toFixed(0)} ms (${(wall / peer.wall).toFixed(2)}× peer), cpu ${cpu.toFixed(0)} ms (${(cpu / peer.cpu).toFixed(2)}×); ` +
      `walls ${runs.map((s) => s.wall.toFixed(0)).join(', ')}`,
  );
}
