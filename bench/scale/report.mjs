/**
 * Writes the benchmark's results as the tables of docs/performance.md: the standard corpus shape
 * between the markers `<!-- bench:scale:start -->` and `<!-- bench:scale:end -->`, each other shape
 * between `<!-- bench:scale-<shape>:start -->` and `<!-- bench:scale-<shape>:end -->` (e.g.
 * `bench:scale-sections:start`). One column per size, each time with its ratio to the floor or the
 * peer, and whether the issue's goal holds (✔) or not (✖); the last row is the machine's load
 * average (1, 5, 15 minutes) before and after the size was measured.
 *
 *   node bench/scale/report.mjs     rewrites the tables from bench/results.json alone
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const START = '<!-- bench:scale:start -->';
const END = '<!-- bench:scale:end -->';

const ms = (x) => (x === undefined ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const fixed = (x, d = 1) => (x === undefined ? '–' : x.toFixed(d));
const mark = (ok) => (ok ? ' ✔' : ' ✖');

/** The table's rows: a label and a cell per size. */
function rows(results) {
  const sizes = Object.keys(results.sizes);
  const cell = (f) => sizes.map((s) => f(results.sizes[s], s));
  const vs = (x, base, goal) =>
    `${ms(x)} (${fixed(x / base, 2)}×)${goal === undefined ? '' : mark(x / base <= goal)}`;
  const pp = (p, goal) =>
    `${fixed(p.p50)} / ${fixed(p.p95)} ms${goal === undefined ? '' : mark(p.p95 <= goal)}`;
  return [
    ['corpus', cell((m) => `${m.docs.toLocaleString('en')} docs, ${fixed(m.corpusMb)} MB`)],
    ['floor: list, read, decode, one regex pass', cell((m) => ms(m.floorMs))],
    [
      'peer: `vscode-markdown-languageservice` validates the drafts, whole process',
      cell((m) => ms(m.peerMs)),
    ],
    ['`check drafts`, cold (× peer; goal ≤ 0.5×)', cell((m) => vs(m.checkColdMs, m.peerMs, 0.5))],
    ['`check drafts`, second run (× peer; goal ≤ 0.2×)', cell((m) => vs(m.checkWarmMs, m.peerMs, 0.2))],
    ['server: first answer (first document), cold (× floor)', cell((m) => vs(m.firstAnswerMs, m.floorMs))],
    [
      'server: ready (last document answers), cold (× floor; goal ≤ 5×)',
      cell((m) => vs(m.readyColdMs, m.floorMs, 5)),
    ],
    ['server: ready, second start (× floor; goal ≤ 2×)', cell((m) => vs(m.readyWarmMs, m.floorMs, 2))],
    ['server: passage search ready, cold', cell((m) => ms(m.searchReadyMs))],
    [
      'server: peak RSS, search built (goal ≤ 4× corpus + 150 MB)',
      cell(
        (m) =>
          `${fixed(m.peakRssMb, 0)} MB of ${fixed(m.rssBudgetMb, 0)}${mark(m.peakRssMb <= m.rssBudgetMb)}`,
      ),
    ],
    ['completion after `[[doc#`, p50 / p95 (goal p95 ≤ 10 ms)', cell((m) => pp(m.completion, 10))],
    [
      'completion while passage search is built, p50 / p95 (samples; goal p95 ≤ 10 ms)',
      cell((m) =>
        m.completionIndexing ? `${pp(m.completionIndexing, 10)} (${m.completionIndexing.n})` : '–',
      ),
    ],
    ['hover, p50 / p95 (goal p95 ≤ 10 ms)', cell((m) => pp(m.hover, 10))],
    ['passage query, p50 / p95 (goal p95 ≤ 30 ms)', cell((m) => pp(m.passageQuery, 30))],
    [
      'a changed corpus file answered (goal ≤ 200 ms)',
      cell((m) => `${ms(m.changedFileMs)}${mark(m.changedFileMs !== undefined && m.changedFileMs <= 200)}`),
    ],
    [
      'load average before → after',
      cell((m) => (m.loadAvg ? `${m.loadAvg.before} → ${m.loadAvg.after}` : '–')),
    ],
  ];
}

/** The Markdown of the standard shape's table and the lines around it. */
export function formatTable(results) {
  return [...formatBlock(results), '', oneLineSentence(results.oneLine)].join('\n');
}

/** The lines of one shape's table: `block` holds its date, machine, command, sizes and time. */
function formatBlock(results) {
  const sizes = Object.keys(results.sizes);
  return [
    `Measured ${results.date.slice(0, 10)} on ${results.machine} by \`${results.command}\` ` +
      `(${results.totalSeconds.toFixed(0)} s; medians of ${sizes.map((s) => `${results.sizes[s].reps} at ${s}`).join(', ')}):`,
    '',
    `| | ${sizes.join(' | ')} |`,
    `| --- |${sizes.map(() => ' --- |').join('')}`,
    ...rows(results).map(([label, cells]) => `| ${label} | ${cells.join(' | ')} |`),
  ];
}

function oneLineSentence(oneLine) {
  return (
    `A draft line of ${oneLine.citations.toLocaleString('en')} citations: ${ms(oneLine.oneLineMs)}; ` +
    `the same citations one per line: ${ms(oneLine.spreadMs)} ` +
    `(${fixed(oneLine.ratio, 1)}×; goal ≤ 2×${mark(oneLine.ratio <= 2)}).`
  );
}

/** `page` with the text between the markers `start` and `end` replaced by `text`. */
function between(page, pagePath, start, end, text) {
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${pagePath} has no ${start} … ${end} markers`);
  return `${page.slice(0, from + start.length)}\n${text}\n${page.slice(to)}`;
}

/** Replaces the tables between the markers in `pagePath` (docs/performance.md). */
export function writePerformanceTable(pagePath, results) {
  let page = readFileSync(pagePath, 'utf8');
  page = between(page, pagePath, START, END, formatTable(results));
  for (const [shape, block] of Object.entries(results.shapes ?? {})) {
    const marker = (edge) => `<!-- bench:scale-${shape}:${edge} -->`;
    page = between(page, pagePath, marker('start'), marker('end'), formatBlock(block).join('\n'));
  }
  writeFileSync(pagePath, page);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const results = JSON.parse(readFileSync(path.join(repo, 'bench/results.json'), 'utf8'));
  writePerformanceTable(path.join(repo, 'docs/performance.md'), results);
}
