/**
 * `npm run bench`: the product's engine at the scale of thousands of sources, against the budgets.
 *
 * On a synthetic corpus (bench/make-corpus.mjs, 1,000 documents ≈ 20 MB by default) it measures:
 * parsing and indexing, the passage search segment (build time, heap), passage queries, and the
 * keystroke features (completion, hover, diagnostics with quote checks) on a draft of 200
 * citations. Timing budgets live here, not in the tests.
 *
 *     npm run bench [-- --docs 1000]
 */
import { parseArgs } from 'node:util';
import { parseSource } from '../server/src/engine/corpus/parseSource.js';
import { parseDraft } from '../server/src/engine/drafts/parseDraft.js';
import { mergeConfig } from '../server/src/engine/config.js';
import { checkDraft } from '../server/src/engine/features/diagnostics.js';
import { buildSegment } from '../server/src/engine/search/segment.js';
import { createService } from '../server/src/engine/service.js';

interface Doc {
  id: string;
  name: string;
  text: string;
}

const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000' } } });
const docCount = Number(values.docs);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  // Typed arrays live outside the JS heap: count them too.
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => bytes / 1024 / 1024;
const rows: [string, string, string][] = [];
const row = (what: string, value: string, budget = '') => {
  rows.push([what, value, budget]);
  console.log(`${what.padEnd(44)} ${value.padEnd(22)} ${budget}`);
};
function percentiles(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: s[Math.floor(s.length * 0.5)]!,
    p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!,
  };
}
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

// Loaded at run time from the repository (not bundled): the generator reads the real corpus beside it.
const generator = (await import(new URL('../bench/make-corpus.mjs', import.meta.url).href)) as {
  makeCorpus(o: { docs: number }): Doc[];
};
const docs = generator.makeCorpus({ docs: docCount });
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
const chars = docs.reduce((n, d) => n + d.text.length, 0);
console.log(
  `node ${process.version}; corpus: ${docs.length} documents, ${mb(bytes).toFixed(1)} MB, ${chars.toLocaleString()} characters\n`,
);

const service = createService();
const heap0 = heap();
const [, parseMs] = time(() => {
  for (const d of docs) service.index.set(parseSource(`file:///bench/corpus/${d.name}`, d.text));
});
const heapParsed = heap();
row(
  'parse + index sources',
  `${(parseMs / 1000).toFixed(2)} s (${(mb(bytes) / (parseMs / 1000)).toFixed(1)} MB/s)`,
);
row('memory: parsed corpus (heap + buffers)', `${mb(heapParsed - heap0).toFixed(0)} MB`);

const { inputs, mark } = service.search.snapshot();
const [segment, buildMs] = time(() => buildSegment(inputs));
service.search.install(segment, mark);
const heapSearch = heap();
const indexHeap = heapParsed >= 0 ? heapSearch - heapParsed : 0;
row('search segment build (in 8 ms slices in the server)', `${(buildMs / 1000).toFixed(2)} s`, '≤ 30 s');
row(
  'memory: search index (heap + buffers)',
  `${mb(indexHeap).toFixed(0)} MB = ${(indexHeap / bytes).toFixed(2)}× corpus`,
  '≤ 4× corpus',
);

// Queries: 2–8 character phrases from the corpus, a third in Traditional form, some with two terms.
const queries: string[] = [];
for (let i = 0; queries.length < 200; i++) {
  const d = docs[(i * 7919) % docs.length]!;
  const body = d.text.replace(/^---[\s\S]*?---/, '').replace(/[#{}^\s\w]/g, '');
  const at = (i * 104729) % Math.max(1, body.length - 10);
  const len = 2 + (i % 7);
  const q = body.slice(at, at + len);
  if (q.length < 2) continue;
  queries.push(i % 5 === 0 ? `${q} ${body.slice(at + 20, at + 23)}` : q);
}
service.passages.search(queries[0]!, 20);
const queryTimes = queries.map((q) => time(() => service.passages.search(q, 20))[1]);
const qp = percentiles(queryTimes);
row('passage query (20 results), p50 / p95', `${qp.p50.toFixed(1)} / ${qp.p95.toFixed(1)} ms`, 'p95 ≤ 30 ms');

// Keystroke features on a draft of 200 citations, 50 with quotes taken from the corpus.
const lines: string[] = [];
const some = service.index.docs().slice(0, 200);
some.forEach((d, i) => {
  const a = d.anchors.find((x) => x.kind === 'paragraph')!;
  const text = d.blocks[a.firstBlock]!.text.replace(/\s+/g, '');
  const quote = i % 4 === 0 ? `“${text.slice(5, 25)}”` : '';
  lines.push(`段落${i}${quote}[[${d.id}#${a.id}]]。`);
});
const draftText = lines.join('\n\n');
const draft = parseDraft(draftText);
const config = mergeConfig();
const [, firstCheck] = time(() => checkDraft(draft, service.index, config, service.quotes));
row('diagnostics, 200 citations + 50 quotes, first', `${firstCheck.toFixed(0)} ms`);
const edits = Array.from({ length: 30 }, (_, k) => {
  const edited = draftText.replace(`段落${k}`, `段落${k}改`);
  return time(() => checkDraft(parseDraft(edited), service.index, config, service.quotes))[1];
});
const ep = percentiles(edits);
row('diagnostics after an edit (cached verdicts), p95', `${ep.p95.toFixed(1)} ms`);
const docId = some[0]!.id;
const completionTimes = Array.from({ length: 50 }, () => {
  const t = `见[[${docId}#`;
  const d = parseDraft(t);
  return time(() => service.completion.provideCompletion(d, { line: 0, character: t.length }))[1];
});
row('completion after [[doc#, p95', `${percentiles(completionTimes).p95.toFixed(1)} ms`);
const docListTimes = Array.from({ length: 50 }, () => {
  const d = parseDraft('见[[0');
  return time(() => service.completion.provideCompletion(d, { line: 0, character: 4 }))[1];
});
row(`completion after [[ (${docs.length} documents), p95`, `${percentiles(docListTimes).p95.toFixed(1)} ms`);
const hoverTimes = Array.from(
  { length: 50 },
  (_, k) => time(() => service.hover.provideHover(draft, { line: k * 2, character: 8 }))[1],
);
row('hover on a citation, p95', `${percentiles(hoverTimes).p95.toFixed(1)} ms`);
const words = ['美国', '塔利班 撤军', '盟友'];
const passageCompletion = words.map((w) => {
  const t = `[[${w}`;
  return time(() => service.completion.provideCompletion(parseDraft(t), { line: 0, character: t.length }))[1];
});
row('passage completion ([[words), worst of 3', `${Math.max(...passageCompletion).toFixed(1)} ms`);
