#!/usr/bin/env node
/**
 * `npm run bench` (typing part): 200 keystrokes at 30 ms into a short draft, a thesis-size draft
 * and a hostile draft, through the real server over stdio (serverTyping.mjs), and the same typing
 * into vscode-markdown-languageservice (peerTyping.mjs). Writes bench/typing-results.json.
 *
 * Each draft is typed into `--reps` times (3 unless said) with a new server each time; the hover
 * percentiles are over the hovers of all runs (the machine is shared: one run's p95 is one slow
 * hover), the final diagnostics time is the median of the runs. Then blocking.mjs: the longest
 * piece of work the server runs at once while answering each request that reads the whole draft
 * (thesis and hostile).
 *
 *   node bench/typing/run.mjs [--repo DIR (whose dist/server.js runs)] [--root /tmp/sa-scale] [--out FILE]
 *                             [--drafts short,thesis,hostile] [--reps 3]
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../lib.mjs';
import { typingWorkspace } from './drafts.mjs';
import { serverTyping } from './serverTyping.mjs';
import { blockingProbe } from './blocking.mjs';
import { percentiles } from '../scale/serverSession.mjs';

const here = fileURLToPath(new URL('../..', import.meta.url));
const args = parseArgs(process.argv.slice(2));
const repo = args.repo ?? here;
const ws = typingWorkspace(args.root ?? '/tmp/sa-scale');
const out = { date: new Date().toISOString(), repo, drafts: {} };
const fmt = (x) => (x === undefined ? '—' : x.toFixed(0));
for (const name of (args.drafts ?? 'short,thesis,hostile').split(',')) {
  const draft = ws.drafts[name];
  const runs = [];
  for (let r = 0; r < Number(args.reps ?? 3); r++) runs.push(await serverTyping(repo, ws.dir, draft));
  const finals = runs
    .map((r) => r.finalDiagnosticsMs)
    .filter((x) => x !== undefined)
    .sort((a, b) => a - b);
  const ours = {
    hoverMs: runs.flatMap((r) => r.hoverMs),
    hoversAnswered: runs.reduce((n, r) => n + r.hoversAnswered, 0),
    finalDiagnosticsMs: finals[Math.floor((finals.length - 1) / 2)],
    finalDiagnosticsRuns: runs.map((r) => r.finalDiagnosticsMs),
    finalDiagnostics: runs[0].finalDiagnostics,
    finalReportsTyped: runs.every((r) => r.finalReportsTyped),
    sameFinal: runs.every((r) => r.finalJson === runs[0].finalJson),
  };
  const peerRun = spawnSync(
    process.execPath,
    [path.join(here, 'bench/typing/peerTyping.mjs'), ws.dir, JSON.stringify(draft)],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const peer = peerRun.status === 0 ? JSON.parse(peerRun.stdout) : undefined;
  const m = {
    chars: draft.chars,
    citations: draft.citations,
    quotes: draft.quotes,
    hover: percentiles(ours.hoverMs),
    hoverMax: Math.max(...ours.hoverMs),
    hoversAnswered: `${ours.hoversAnswered}/${ours.hoverMs.length}`,
    finalDiagnosticsMs: ours.finalDiagnosticsMs,
    finalDiagnosticsRuns: ours.finalDiagnosticsRuns,
    sameFinalInEveryRun: ours.sameFinal,
    finalDiagnostics: ours.finalDiagnostics,
    finalReportsTyped: ours.finalReportsTyped,
    peerHover: peer && percentiles(peer.hoverMs),
    peerFinalDiagnosticsMs: peer?.finalDiagnosticsMs,
  };
  out.drafts[name] = m;
  console.log(
    `${name} (${draft.chars} chars, ${draft.citations} citations, ${draft.quotes} quotes): hover p50/p95/max ${fmt(m.hover.p50)}/${fmt(m.hover.p95)}/${fmt(m.hoverMax)} ms (${m.hoversAnswered} with an answer) ` +
      `(peer ${fmt(m.peerHover?.p50)}/${fmt(m.peerHover?.p95)}), final diagnostics ${fmt(m.finalDiagnosticsMs)} ms after the last key ` +
      `(${m.finalDiagnostics}, typed citation reported: ${m.finalReportsTyped}; peer ${fmt(m.peerFinalDiagnosticsMs)} ms)`,
  );
}
// What holds the server at once: each whole-draft request alone, in the thesis and the hostile draft.
out.longestTasks = {};
for (const name of ['thesis', 'hostile']) {
  const probe = await blockingProbe(repo, ws.dir, ws.drafts[name]);
  out.longestTasks[name] = probe;
  for (const p of probe)
    console.log(
      `${name}: ${p.name}: answered in ${fmt(p.requestMs)} ms; longest task ${fmt(p.longestTaskMs)} ms`,
    );
}
writeFileSync(args.out ?? path.join(here, 'bench/typing-results.json'), JSON.stringify(out, null, 2) + '\n');
process.exit(0);
