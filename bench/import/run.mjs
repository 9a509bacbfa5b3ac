#!/usr/bin/env node
/**
 * `npm run bench` (last part): the PDF import's goals — a 30-page PDF imports within 3 s, a
 * 300-page one with a peak memory under 300 MB — through the real CLI (`node dist/cli.js import
 * FILE --dry-run`), each run in its own process. The PDFs are the ones the tests print (002's
 * pages over and over, with their running heads and footnotes, by Chromium; made here with the
 * test helpers, bundled on the fly by esbuild). Peak memory is the process's VmHWM, read from
 * /proc/self/status as it exits. Times are medians of `--reps` runs (default 5); the machine may
 * be shared, so read them with the load average printed beside them.
 *
 * Then the layout's fidelity per producer: the papers the layout tests typeset with TeX Live
 * (`test/helpers/texPapers.ts`: pdfTeX in two columns and in one with endnotes, XeLaTeX + ctex in
 * two columns and in one), imported by the CLI, their paragraphs compared with the originals'
 * (whitespace folded): precision is the share of imported paragraphs that are an original one
 * whole, recall the share of the original paragraphs found whole.
 *
 *   node bench/import/run.mjs [--reps 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { parseArgs, repoDir } from '../lib.mjs';

const args = parseArgs(process.argv.slice(2));
const reps = Number(args.reps ?? 5);
const dir = mkdtempSync(path.join(tmpdir(), 'sa-bench-import-'));
const fold = (s) => s.replace(/\s+/g, '');

/** An imported document's paragraphs: not headings, notes, marks, reference entries or captions. */
function paragraphsOf(md) {
  return md
    .slice(md.indexOf('\n---\n', 4) + 5)
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter((c) => c && !/^(#|\[\^|<!--)/.test(c) && !/\s\^(ref|fig|tab)-\d+$/.test(c))
    .map((c) =>
      fold(c.replace(/<!--\s*page\s+\d+\s*-->|\[\^\w+\]/g, '').replace(/\\([\\`*_[\]<>^{}#&.)|+-])/g, '$1')),
    );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The tests' PDF helpers (TypeScript), bundled into one module and imported. */
async function helpers() {
  const out = await build({
    stdin: {
      contents: [
        "export { pagedHtml } from './test/helpers/pagedHtml.ts';",
        "export { pagedSource, repeatedPages } from './test/helpers/pagedSource.ts';",
        "export { printPdf } from './test/helpers/printPdf.ts';",
        "export { ENGLISH } from './test/helpers/englishPaper.ts';",
        "export { chinesePaper, chineseTex, englishTex, factsOf } from './test/helpers/texPapers.ts';",
        "export { texPdf } from './test/helpers/texPdf.ts';",
      ].join('\n'),
      resolveDir: repoDir,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
  });
  const file = path.join(dir, 'helpers.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  return import(file);
}

/** One import in its own process: wall time (ms) and peak resident memory (MB). */
function importOnce(pdf) {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      path.join(dir, 'peak.cjs'),
      path.join(repoDir, 'dist/cli.js'),
      'import',
      pdf,
      '--dry-run',
      '--into',
      path.join(dir, 'corpus'),
    ],
    { encoding: 'utf8' },
  );
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`import ${pdf}: exit ${r.status}\n${r.stderr}`);
  return { ms, mb: Number(/VmHWM (\d+)/.exec(r.stderr)[1]) / 1024 };
}

try {
  writeFileSync(
    path.join(dir, 'peak.cjs'),
    "process.on('exit', () => process.stderr.write('VmHWM ' + /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));",
  );
  const mod = await helpers();
  const { pagedHtml, pagedSource, repeatedPages, printPdf } = mod;
  const source = pagedSource(
    readFileSync(path.join(repoDir, 'corpus/002-us-taliban-internal-games.md'), 'utf8'),
  );
  const results = [];
  for (const pages of [30, 300]) {
    const pdf = path.join(dir, `p${pages}.pdf`);
    writeFileSync(pdf, printPdf(pagedHtml(repeatedPages(source, pages))));
    const runs = Array.from({ length: reps }, () => importOnce(pdf));
    results.push({ pages, ms: median(runs.map((r) => r.ms)), mb: Math.max(...runs.map((r) => r.mb)) });
  }
  const [small, large] = results;
  const { ENGLISH, chinesePaper, chineseTex, englishTex, factsOf, texPdf } = mod;
  const zh = chinesePaper(
    3,
    readFileSync(path.join(repoDir, 'corpus/002-us-taliban-internal-games.md'), 'utf8'),
  );
  const papers = [
    ['pdfTeX, two columns', 'pdflatex', englishTex(ENGLISH), factsOf(ENGLISH, 'Abstract: ', 'References')],
    [
      'pdfTeX, one column, endnotes',
      'pdflatex',
      englishTex(ENGLISH, true),
      factsOf(ENGLISH, 'Abstract: ', 'References'),
    ],
    ['XeLaTeX + ctex, two columns', 'xelatex', chineseTex(zh, 2), factsOf(zh, '摘要：', '参考文献')],
    ['XeLaTeX + ctex, one column', 'xelatex', chineseTex(zh, 1), factsOf(zh, '摘要：', '参考文献')],
  ];
  const fidelity = papers.map(([name, engine, tex, facts], i) => {
    const pdf = path.join(dir, `paper${i}.pdf`);
    writeFileSync(pdf, texPdf(engine, tex));
    const into = path.join(dir, `layout${i}`);
    const r = spawnSync(
      process.execPath,
      [path.join(repoDir, 'dist/cli.js'), 'import', pdf, '--into', into],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`import ${name}: exit ${r.status}\n${r.stderr}`);
    const md = readFileSync(
      path.join(
        into,
        readdirSync(into).find((f) => f.endsWith('.md')),
      ),
      'utf8',
    );
    const got = paragraphsOf(md);
    const want = new Set(facts.paragraphs.map(fold));
    const precision = got.filter((p) => want.has(p)).length / got.length;
    const recall = [...want].filter((p) => got.includes(p)).length / want.size;
    return { name, precision, recall };
  });
  const ok = (b) => (b ? 'holds' : 'DOES NOT HOLD');
  console.log(`PDF import (${reps} runs each, load average ${loadavg()[0].toFixed(1)}):`);
  for (const r of results)
    console.log(`  ${r.pages} pages: median ${(r.ms / 1000).toFixed(2)} s, peak ${Math.round(r.mb)} MB`);
  console.log(`  goal: 30 pages within 3 s — ${ok(small.ms <= 3000)}`);
  console.log(`  goal: 300 pages under 300 MB — ${ok(large.mb < 300)}`);
  console.log('PDF layout, paragraphs whole (precision / recall):');
  for (const f of fidelity)
    console.log(`  ${f.name}: ${(f.precision * 100).toFixed(1)} % / ${(f.recall * 100).toFixed(1)} %`);
  console.log(`  goal: recall ≥ 98 % on every producer — ${ok(fidelity.every((f) => f.recall >= 0.98))}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
