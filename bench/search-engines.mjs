#!/usr/bin/env node
/**
 * Passage-search engine benchmark: makes the synthetic corpus and the query set, then measures each engine
 * in its own child process (node --expose-gc bench/engine-runner.mjs) and prints Markdown tables.
 *
 *   node bench/search-engines.mjs [--docs 1000] [--engines opencc,compact,minisearch,flexsearch,flexsearch-r1]
 *                                 [--rounds 3] [--mutation 0.05] [--corpus DIR] [--json results.json]
 *
 * --mutation is the mean share of Han characters replaced in the synthetic corpus (more: more distinct
 * bigrams, to see how each engine's memory grows with the vocabulary).
 *
 * Packages come from BENCH_DEPS (node_modules folders joined with the path delimiter), else the
 * repository's node_modules, then /tmp/benchdeps/node_modules (npm install --prefix /tmp/benchdeps
 * minisearch@7.2.0 flexsearch@0.8.212 opencc-js@1.4.2).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeCorpus, writeCorpus } from './make-corpus.mjs';
import { benchDir, importDep, loadCorpus, parseArgs } from './lib.mjs';
import { makeQueries } from './queries.mjs';

const started = performance.now();
const args = parseArgs(process.argv.slice(2));
const docCount = Number(args.docs ?? 1000);
const corpusDir =
  args.corpus ??
  (docCount === 1000 && args.mutation === undefined
    ? '/tmp/sa-bench-corpus'
    : `/tmp/sa-bench-corpus-${docCount}-${args.mutation ?? 0.05}`);
const engines = (args.engines ?? 'opencc,compact,minisearch,flexsearch,flexsearch-r1').split(',');
const rounds = Number(args.rounds ?? 3);
const MB = 1e6;

const mutation = Number(args.mutation ?? 0.05);
const docs = makeCorpus({ docs: docCount, mutation });
writeCorpus(corpusDir, docs);
const corpus = loadCorpus(corpusDir);
const { module: OpenCC } = await importDep('opencc-js');
const queries = makeQueries(corpus, {
  s2t: OpenCC.Converter({ from: 'cn', to: 'tw' }),
  t2s: OpenCC.Converter({ from: 't', to: 'cn' }),
});
const queriesFile = path.join(corpusDir, '_queries.json');
writeFileSync(queriesFile, JSON.stringify(queries));
const prepSeconds = (performance.now() - started) / 1000;

const hanChars = corpus.blocks.reduce((n, b) => n + (b.match(/\p{Script=Han}/gu)?.length ?? 0), 0);
const blockChars = corpus.blocks.reduce((n, b) => n + b.length, 0);
const out = [];
const log = (/** @type {string} */ s = '') => out.push(s);

log(`## Machine and corpus`);
log();
log(`- node ${process.version}, ${os.availableParallelism()} cores (nproc), ${os.cpus()[0]?.model ?? '?'}`);
log(
  `- corpus (${corpusDir}, mutation ${mutation}): ${docCount} documents, ${(corpus.bytes / MB).toFixed(2)} MB UTF-8, ${corpus.chars.toLocaleString('en')} characters;` +
    ` ${corpus.blocks.length.toLocaleString('en')} blocks holding ${blockChars.toLocaleString('en')} characters (${hanChars.toLocaleString('en')} Han)`,
);
log(`- languages: ${countBy(corpus.docs, (d) => d.lang)}`);
log(
  `- queries: ${queries.length} (${countBy(queries, (q) => q.kind)}), ${rounds} timed rounds after one warm-up, top ${20}`,
);
log();

/** @type {Record<string, any>} */
const results = {};
for (const engine of engines) {
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      path.join(benchDir, 'engine-runner.mjs'),
      '--engine',
      engine,
      '--corpus',
      corpusDir,
      '--queries',
      queriesFile,
      '--rounds',
      String(rounds),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60 * 1000 },
  );
  const seconds = (performance.now() - t0) / 1000;
  const line = child.stdout.trim().split('\n').pop();
  if (child.status !== 0 || !line) {
    results[engine] = {
      engine,
      error: (child.stderr || `exit ${child.status}`).trim().slice(-2000),
      seconds,
    };
    process.stderr.write(`${engine}: failed\n${results[engine].error}\n`);
    continue;
  }
  results[engine] = { ...JSON.parse(line), seconds };
  process.stderr.write(`${engine}: done in ${seconds.toFixed(1)} s\n`);
}

/**
 * "a 3, b 2": how many items per key, in first-seen order.
 * @template T @param {T[]} items @param {(item: T) => string} key
 */
function countBy(items, key) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

const fmt = (/** @type {number} */ x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const lat = (/** @type {any} */ l) => (l ? `${fmt(l.p50)} / ${fmt(l.p95)}` : '–');

if (results.opencc && !results.opencc.error) {
  const r = results.opencc;
  log(`## Traditional ↔ Simplified (opencc-js ${r.version})`);
  log();
  log('| converter | create ms | heap MB | MB/s | s for the corpus |');
  log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, c] of Object.entries(r.converters)) {
    log(
      `| Converter ${name} | ${fmt(c.createMs, 0)} | ${fmt(c.heap / MB, 1)} | ${fmt(c.mbPerSec, 1)} | ${fmt(c.seconds)} |`,
    );
  }
  for (const [name, f] of Object.entries(r.folds))
    log(`| char fold: ${name} | – | 0.2 | ${fmt(f.mbPerSec, 1)} | ${fmt(f.seconds)} |`);
  log(
    `| tokenizer scan with inline fold (no strings) | – | – | ${fmt(r.tokenizeScan.mbPerSec, 1)} | ${fmt(r.tokenizeScan.seconds)} |`,
  );
  log();
  const t = r.tables;
  log(
    `Fold table: ${t.hanMappings} Han mappings from the opencc-js dictionaries in ${fmt(t.fromDictsMs, 0)} ms; ` +
      `converting each BMP ideograph once takes ${fmt(t.perCharConverterTMs, 0)} ms (t→cn) / ${fmt(t.perCharConverterTwMs, 0)} ms (tw→cn) ` +
      `and differs from the dictionary table at ${t.diffVsPerCharT} / ${t.diffVsPerCharTw} code points; converting twice with tw→cn changes ${t.perCharTwNotIdempotent} characters again (${t.perCharTwChains.join(', ')}).`,
  );
  const a = r.agreement;
  log(
    `Agreement: on the Traditional documents the character fold differs from OpenCC t→cn (phrase-aware, both then folded) at ${a.foldVsOpenccT2cnDiffs} of ${a.hantHanChars.toLocaleString('en')} Han characters; ` +
      `fold(cn→tw(text)) differs from fold(text) at ${a.foldOfCn2twVsFoldDiffs} of ${a.hansHanChars.toLocaleString('en')} Han characters of the Simplified documents.`,
  );
  log();
}

const searchEngines = engines.filter((e) => e !== 'opencc');
if (searchEngines.length > 0) {
  log(`## Search engines (budget: build ≤ 30 s, heap ≤ 4 × corpus, p95 ≤ 30 ms)`);
  log();
  log(
    '| engine | build s | MB/s | heap MB (JS + typed arrays) | heap ÷ corpus | AND p50 / p95 ms | OR p50 / p95 ms | AND + phrase check, lazy / all: p50 / p95 ms | terms | peak RSS MB | budgets |',
  );
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const e of searchEngines) {
    const r = results[e];
    if (!r || r.error) {
      log(`| ${e} | failed: ${(r?.error ?? '').split('\n').pop()} | | | | | | | | | |`);
      continue;
    }
    const ratio = r.heap / r.corpusBytes;
    // The exhaustive phrase check is shown for its cost, not held to the budget.
    const p95 = Math.max(
      ...Object.entries(r.latency)
        .filter(([mode]) => mode !== 'and+phrase-all')
        .map(([, l]) => /** @type {any} */ (l).p95),
    );
    const ok = r.buildMs <= 30000 && ratio <= 4 && p95 <= 30;
    log(
      `| ${e} ${r.version} | ${fmt(r.buildMs / 1000)} | ${fmt(r.mbPerSec, 1)} | ${fmt(r.heap / MB, 1)} (${fmt(r.heapUsed / MB, 1)} + ${fmt(r.arrayBuffers / MB, 1)}) | ${fmt(ratio)} | ${lat(r.latency.and)} | ${lat(r.latency.or)} | ${r.latency['and+phrase'] ? `${lat(r.latency['and+phrase'])}; ${lat(r.latency['and+phrase-all'])}` : '–'} | ${(r.stats.terms ?? 0).toLocaleString('en')} | ${r.maxRssMB} | ${ok ? 'all met' : 'missed'} |`,
    );
  }
  log();
  // Cross-check the AND result sets against the first engine that ran.
  const ok = searchEngines.filter((e) => results[e] && !results[e].error);
  if (ok.length > 0) {
    const ref = results[ok[0]];
    const lines = ok.map((e) => {
      const r = results[e];
      let same = 0;
      r.andResults.forEach((/** @type {any} */ x, /** @type {number} */ i) => {
        if (x.digest === ref.andResults[i].digest && x.count === ref.andResults[i].count) same++;
      });
      const missSource = r.andResults.filter((/** @type {any} */ x) => !x.hasSource).length;
      const hits = r.andResults.map((/** @type {any} */ x) => x.count).sort((a, b) => a - b);
      return `${e}: same AND set as ${ok[0]} for ${same}/${queries.length} queries; source block missed by ${missSource}; AND hits per query median ${hits[hits.length >> 1]}, max ${hits[hits.length - 1]}`;
    });
    log(`Cross-check (full AND result sets): ${lines.join('; ')}.`);
    log();
    for (const e of ok) {
      const r = results[e];
      log(
        `- ${e}: ${Object.entries(r.stats)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en') : v}`)
          .join(', ')}; heap after queries ${fmt(r.heapAfterQueries / MB, 1)} MB; ` +
          `latency max ${Object.entries(r.latency)
            .map(([k, v]) => `${k} ${fmt(/** @type {any} */ (v).max)} ms`)
            .join(', ')}; child process ${fmt(r.seconds, 1)} s` +
          (r.transfer
            ? `; transfer (${r.transfer.what}): ${Object.entries(r.transfer)
                .filter(([k]) => k !== 'what')
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`
            : ''),
      );
    }
    log();
  }
}
const total = (performance.now() - started) / 1000;
log(`Run: corpus + queries ${fmt(prepSeconds, 1)} s, total ${fmt(total, 1)} s.`);

console.log(out.join('\n'));
if (args.json) writeFileSync(args.json, JSON.stringify({ corpusDir, results }, null, 2));
