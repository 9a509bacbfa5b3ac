#!/usr/bin/env node
/**
 * Measures one engine in this process and prints one line of JSON. Run by search-engines.mjs, one child
 * process per engine so heap numbers do not mix:
 *
 *   node --expose-gc bench/engine-runner.mjs --engine compact|minisearch|flexsearch|opencc \
 *     --corpus /tmp/sa-bench-corpus --queries /tmp/sa-bench-corpus/_queries.json [--rounds 3] [--limit 20]
 *
 * Heap: process.memoryUsage() after full GCs before and after the build, with the index still referenced.
 * "heap" is heapUsed + arrayBuffers, because typed arrays keep their bytes outside the JS heap.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TextDecoder } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CompactIndex } from './compact-index.mjs';
import { buildFoldTable, buildFoldTableWithConverter, foldString } from './fold.mjs';
import { importDep, loadCorpus, loadFoldDicts, memorySnapshot, parseArgs, percentile } from './lib.mjs';
import { buildClassTable, forEachToken, tokenizeQueryToStrings, tokenizeToStrings } from './tokenize.mjs';

// As a worker thread: build a CompactIndex from the corpus and hand its typed arrays over without a copy.
if (!isMainThread) {
  const t0 = performance.now();
  const corpus = loadCorpus(workerData.corpusDir);
  const fold = buildFoldTable(await loadFoldDicts());
  const index = CompactIndex.build(corpus.blocks, { fold, cls: buildClassTable() });
  const parts = index.toParts();
  const transfer = [parts.keys, parts.offsets, parts.postings, parts.tfs, parts.blockLens].map(
    (a) => a.buffer,
  );
  parentPort?.postMessage({ parts, workerMs: performance.now() - t0 }, transfer);
  process.exit(0);
}

const args = parseArgs(process.argv.slice(2));
const engineName = args.engine;
const corpusDir = args.corpus ?? '/tmp/sa-bench-corpus';
const rounds = Number(args.rounds ?? 3);
const limit = Number(args.limit ?? 20);

const corpus = loadCorpus(corpusDir);
/** @type {Array<{ q: string, kind: string, source: number }>} */
const queries = JSON.parse(readFileSync(args.queries ?? `${corpusDir}/_queries.json`, 'utf8'));
const dicts = await loadFoldDicts();
const fold = buildFoldTable(dicts);
const cls = buildClassTable();
const corpusBytes = corpus.bytes;

/** @param {number} ms */
const round2 = (ms) => Math.round(ms * 1000) / 1000;

/**
 * @typedef {object} Engine
 * @property {string} version
 * @property {() => unknown} build
 * @property {Record<string, (q: string) => unknown>} modes searches timed per query, by mode name
 * @property {(q: string) => number[]} all every block matching all terms (AND), for cross-checking
 * @property {() => Record<string, unknown>} [stats]
 * @property {() => Promise<Record<string, unknown>>} [transfer] measured after everything else
 */

/** @returns {Promise<Engine>} */
async function makeEngine() {
  const blocks = corpus.blocks;
  /** @param {string} q */
  const phraseCheck = (q) => {
    const parts = q
      .split(/\s+/)
      .filter(Boolean)
      .map((p) => foldString(fold, p));
    return (/** @type {number} */ b) => {
      const text = foldString(fold, blocks[b]);
      return parts.every((p) => text.includes(p));
    };
  };
  if (engineName === 'compact') {
    /** @type {CompactIndex} */
    let index;
    return {
      version: 'bench/compact-index.mjs',
      build() {
        index = CompactIndex.build(blocks, { fold, cls });
        return index;
      },
      modes: {
        and: (q) => index.search(q, { mode: 'and', limit }),
        or: (q) => index.search(q, { mode: 'or', limit }),
        // Phrase check: each space-separated part must occur contiguously in the folded block text
        // (folded on the fly; the index keeps no text). Lazily, best candidates first…
        'and+phrase': (q) => index.search(q, { mode: 'and', limit, verify: phraseCheck(q) }),
        // …or every candidate, for an exact count.
        'and+phrase-all': (q) => index.search(q, { mode: 'and', limit, filter: phraseCheck(q) }),
      },
      all: (q) => index.search(q, { mode: 'and', limit: 1e9 }).hits.map((h) => h.block),
      stats: () => ({
        terms: index.termCount,
        postings: index.postingCount,
        typedArrayBytes: index.byteSize,
        words: index.words.size,
      }),
      // Build in a worker thread (reading the corpus there too) and transfer the index to this thread.
      async transfer() {
        const t0 = performance.now();
        const worker = new Worker(new URL(import.meta.url), { workerData: { corpusDir } });
        const message = await new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        const received = performance.now() - t0;
        const copy = CompactIndex.fromParts(message.parts, { fold, cls });
        const same = copy.search(queries[0].q).total === index.search(queries[0].q).total;
        await worker.terminate();
        return {
          what: 'worker thread: read corpus + build + transfer typed arrays',
          wallMs: round2(received),
          workerMs: round2(message.workerMs),
          same,
        };
      },
    };
  }
  if (engineName === 'minisearch') {
    const { module: MiniSearch, version } = await importDep('minisearch');
    /** @type {any} */
    let ms;
    /** @param {string} text */
    const tokenize = (text) => tokenizeToStrings(text, fold, cls);
    /** @param {string} text */
    const queryTokenize = (text) => tokenizeQueryToStrings(text, fold, cls);
    return {
      version,
      build() {
        ms = new MiniSearch({
          fields: ['text'],
          storeFields: [],
          tokenize,
          processTerm: (/** @type {string} */ t) => t,
          searchOptions: { tokenize: queryTokenize, processTerm: (/** @type {string} */ t) => t },
        });
        ms.addAll(blocks.map((text, id) => ({ id, text })));
        return ms;
      },
      modes: {
        and: (q) => ms.search(q, { combineWith: 'AND' }).slice(0, limit),
        or: (q) => ms.search(q).slice(0, limit),
      },
      all: (q) => ms.search(q, { combineWith: 'AND' }).map((/** @type {any} */ r) => r.id),
      stats: () => ({ terms: ms.termCount, documents: ms.documentCount }),
      // What moving the index from a worker thread would cost: it is objects, so JSON and a reload.
      async transfer() {
        let t0 = performance.now();
        const json = JSON.stringify(ms);
        const stringifyMs = performance.now() - t0;
        t0 = performance.now();
        const copy = MiniSearch.loadJSON(json, {
          fields: ['text'],
          tokenize,
          processTerm: (/** @type {string} */ t) => t,
          searchOptions: { tokenize: queryTokenize, processTerm: (/** @type {string} */ t) => t },
        });
        const loadMs = performance.now() - t0;
        const same = copy.search(queries[0].q).length === ms.search(queries[0].q).length;
        return {
          what: 'JSON.stringify + MiniSearch.loadJSON',
          jsonMB: round2(json.length / 1e6),
          stringifyMs: round2(stringifyMs),
          loadMs: round2(loadMs),
          same,
        };
      },
    };
  }
  if (engineName === 'flexsearch' || engineName === 'flexsearch-r1') {
    const { module: FlexSearch, version } = await importDep('flexsearch');
    // Default resolution 9 keeps up to 9 id arrays per term (one per position bucket); 1 keeps one.
    const resolution = engineName === 'flexsearch-r1' ? 1 : 9;
    /** @type {any} */
    let index;
    // FlexSearch runs one encoder for documents and queries; a flag tells them apart.
    let querying = false;
    /** @param {string} text */
    const encode = (text) =>
      querying ? tokenizeQueryToStrings(text, fold, cls) : tokenizeToStrings(text, fold, cls);
    /** @param {string} q @param {object} options */
    const search = (q, options) => {
      querying = true;
      try {
        return index.search(q, options);
      } finally {
        querying = false;
      }
    };
    return {
      version: `${version} (resolution ${resolution})`,
      build() {
        index = new FlexSearch.Index({ encode, tokenize: 'strict', resolution, cache: false });
        for (let i = 0; i < blocks.length; i++) index.add(i, blocks[i]);
        return index;
      },
      modes: {
        and: (q) => search(q, { limit }),
        or: (q) => search(q, { limit, suggest: true }),
      },
      all: (q) => search(q, { limit: 1e7 }),
      stats: () => ({ terms: index.map.size }),
    };
  }
  throw new Error(`unknown engine ${engineName}`);
}

/** @param {(q: string) => unknown} fn */
function timeQueries(fn) {
  for (const { q } of queries) fn(q); // warm-up
  /** @type {number[]} */
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    for (const { q } of queries) {
      const t0 = performance.now();
      fn(q);
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    p50: round2(percentile(samples, 0.5)),
    p95: round2(percentile(samples, 0.95)),
    max: round2(samples[samples.length - 1]),
    mean: round2(mean),
    n: samples.length,
  };
}

/** A short stable digest of a sorted id list. */
function digest(ids) {
  let h = 0x811c9dc5;
  for (const id of ids) h = Math.imul(h ^ id, 16777619) >>> 0;
  return h.toString(16);
}

async function runEngine() {
  const engine = await makeEngine();
  const before = memorySnapshot();
  const t0 = performance.now();
  const index = engine.build();
  const buildMs = performance.now() - t0;
  const after = memorySnapshot();
  const heapUsed = after.heapUsed - before.heapUsed;
  const arrayBuffers = after.arrayBuffers - before.arrayBuffers;
  /** @type {Record<string, unknown>} */
  const latency = {};
  for (const [mode, fn] of Object.entries(engine.modes)) latency[mode] = timeQueries(fn);
  // Cross-check: the full AND result of every query, as a count and a digest.
  const andResults = queries.map(({ q, source }) => {
    const ids = engine.all(q).sort((a, b) => a - b);
    return { count: ids.length, digest: digest(ids), hasSource: ids.includes(source) };
  });
  const end = memorySnapshot();
  const transfer = engine.transfer ? await engine.transfer() : null;
  return {
    engine: engineName,
    version: engine.version,
    blocks: corpus.blocks.length,
    corpusBytes,
    buildMs: round2(buildMs),
    mbPerSec: round2(corpusBytes / 1e6 / (buildMs / 1000)),
    heapUsed,
    arrayBuffers,
    heap: heapUsed + arrayBuffers,
    heapAfterQueries: end.heapUsed + end.arrayBuffers - before.heapUsed - before.arrayBuffers,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    stats: engine.stats?.() ?? {},
    latency,
    andResults,
    transfer,
    keep: typeof index,
  };
}

async function runOpencc() {
  const { module: OpenCC, version } = await importDep('opencc-js');
  const files = corpus.docs.map((d) => readFileSync(`${corpusDir}/${d.name}`, 'utf8'));
  const hant = files.filter((_, i) => corpus.docs[i].lang === 'zh-Hant');
  const hans = files.filter((_, i) => corpus.docs[i].lang === 'zh-Hans');
  const bytesOf = (/** @type {string[]} */ list) => list.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const allBytes = bytesOf(files);

  /** Times fn over every document; returns MB/s and the outputs. */
  const throughput = (/** @type {(s: string) => string} */ fn, list = files) => {
    fn(list[0].slice(0, 2000)); // warm-up
    const t0 = performance.now();
    const out = list.map(fn);
    const s = (performance.now() - t0) / 1000;
    return { mbPerSec: round2(bytesOf(list) / 1e6 / s), seconds: round2(s), out };
  };

  /** @type {Record<string, unknown>} */
  const converters = {};
  /** @type {Record<string, (s: string) => string>} */
  const conv = {};
  for (const [name, opts] of /** @type {const} */ ([
    ['t→cn', { from: 't', to: 'cn' }],
    ['tw→cn', { from: 'tw', to: 'cn' }],
    ['cn→tw', { from: 'cn', to: 'tw' }],
  ])) {
    const m0 = memorySnapshot();
    const t0 = performance.now();
    conv[name] = OpenCC.Converter(opts);
    const createMs = performance.now() - t0;
    const m1 = memorySnapshot();
    converters[name] = { createMs: round2(createMs), heap: m1.heapUsed - m0.heapUsed };
  }
  /** @type {Record<string, { mbPerSec: number, seconds: number, out: string[] }>} */
  const runs = {};
  for (const name of Object.keys(conv)) {
    runs[name] = throughput(conv[name]);
    Object.assign(/** @type {object} */ (converters[name]), {
      mbPerSec: runs[name].mbPerSec,
      seconds: runs[name].seconds,
    });
  }

  // Char-map fold tables.
  let t0 = performance.now();
  const fromDicts = buildFoldTable(dicts);
  const dictsMs = performance.now() - t0;
  t0 = performance.now();
  const fromT = buildFoldTableWithConverter(conv['t→cn']);
  const perCharTMs = performance.now() - t0;
  t0 = performance.now();
  const fromTw = buildFoldTableWithConverter(conv['tw→cn']);
  const perCharTwMs = performance.now() - t0;
  let mapped = 0;
  let diffT = 0;
  let diffTw = 0;
  for (let c = 0; c < 65536; c++) {
    if (fromDicts[c] !== c && c >= 0x2e80) mapped++;
    if (fromDicts[c] !== fromT[c]) diffT++;
    if (fromDicts[c] !== fromTw[c]) diffTw++;
  }
  // Converting character by character with tw→cn is not idempotent where a Taiwan variant is also a
  // Simplified character (麼 → 么, but 么 → 幺): fold.mjs closes such chains.
  let notIdempotentTw = 0;
  /** @type {string[]} */
  const chains = [];
  for (let c = 0x3400; c <= 0xfaff; c++) {
    const ch = String.fromCharCode(c);
    const once = conv['tw→cn'](ch);
    if (once === ch || once.length !== 1) continue;
    const twice = conv['tw→cn'](once);
    if (twice !== once) {
      notIdempotentTw++;
      if (chains.length < 6) chains.push(`${ch}→${once}→${twice}`);
    }
  }

  // Fold implementations, same table.
  /** @type {Map<string, string>} */
  const map = new Map();
  let charClass = '';
  for (let c = 0; c < 65536; c++) {
    if (fold[c] !== c && !(c >= 0xd800 && c <= 0xdfff)) {
      map.set(String.fromCharCode(c), String.fromCharCode(fold[c]));
      charClass += `\\u${c.toString(16).padStart(4, '0')}`;
    }
  }
  const re = new RegExp(`[${charClass}]`, 'g');
  const decoder = new TextDecoder('utf-16le');
  const foldDecoder = (/** @type {string} */ s) => {
    const u = new Uint16Array(s.length);
    for (let i = 0; i < s.length; i++) u[i] = fold[s.charCodeAt(i)];
    return decoder.decode(u);
  };
  const folds = {
    'Uint16Array table + fromCharCode chunks (foldString)': throughput((s) => foldString(fold, s)),
    'Uint16Array table + TextDecoder utf-16le': throughput(foldDecoder),
    'Map<string,string> + RegExp replace': throughput((s) => s.replace(re, (ch) => map.get(ch) ?? ch)),
  };
  let tokens = 0;
  const scan = throughput((s) => {
    tokens += forEachToken(s, fold, cls, () => {});
    return '';
  });

  // How far the character fold is from OpenCC's phrase-aware conversion, and whether it undoes cn→tw.
  let hanChars = 0;
  let differFromT2cn = 0;
  const hantT2cn = hant.map(conv['t→cn']);
  hant.forEach((doc, i) => {
    const a = foldString(fold, doc);
    const b = foldString(fold, hantT2cn[i]);
    if (a.length !== b.length) return;
    for (let k = 0; k < a.length; k++) {
      if (a.charCodeAt(k) >= 0x3400) {
        hanChars++;
        if (a[k] !== b[k]) differFromT2cn++;
      }
    }
  });
  let hansChars = 0;
  let roundTripDiffs = 0;
  const hansIdx = files.map((_, i) => i).filter((i) => corpus.docs[i].lang === 'zh-Hans');
  hansIdx.forEach((fileIndex, k) => {
    const a = foldString(fold, hans[k]);
    const b = foldString(fold, runs['cn→tw'].out[fileIndex]);
    if (a.length !== b.length) return;
    for (let j = 0; j < a.length; j++) {
      if (a.charCodeAt(j) >= 0x3400) {
        hansChars++;
        if (a[j] !== b[j]) roundTripDiffs++;
      }
    }
  });
  return {
    engine: 'opencc',
    version,
    corpusBytes: allBytes,
    converters,
    tables: {
      fromDictsMs: round2(dictsMs),
      perCharConverterTMs: round2(perCharTMs),
      perCharConverterTwMs: round2(perCharTwMs),
      hanMappings: mapped,
      diffVsPerCharT: diffT,
      diffVsPerCharTw: diffTw,
      perCharTwNotIdempotent: notIdempotentTw,
      perCharTwChains: chains,
    },
    folds: Object.fromEntries(
      Object.entries(folds).map(([k, v]) => [k, { mbPerSec: v.mbPerSec, seconds: v.seconds }]),
    ),
    tokenizeScan: { mbPerSec: scan.mbPerSec, seconds: scan.seconds, tokens },
    agreement: {
      hantHanChars: hanChars,
      foldVsOpenccT2cnDiffs: differFromT2cn,
      hansHanChars: hansChars,
      foldOfCn2twVsFoldDiffs: roundTripDiffs,
    },
  };
}

const result = engineName === 'opencc' ? await runOpencc() : await runEngine();
process.stdout.write(JSON.stringify(result) + '\n');
