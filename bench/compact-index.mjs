/**
 * CompactIndex — an immutable inverted index over text blocks (paragraphs), held in a handful of typed
 * arrays, for passage search in mixed Chinese / English sources.
 *
 * Terms are the tokens of tokenize.mjs (Han bigrams, lone Han characters, words), each turned into a
 * 32-bit key:
 * - a BMP bigram c1 c2 → c1 · 65536 + c2 (≥ 0x2E80_0000, since c1 is a Han code unit);
 * - a lone BMP character c → c (< 0x1_0000);
 * - a word, or a Han n-gram with an astral character → an id from a dictionary, 0x1_0000 upwards.
 *
 * Layout (T terms, P postings, B blocks):
 *   keys      Uint32Array(T)    sorted term keys — a term's index is found by binary search
 *   offsets   Uint32Array(T+1)  postings of term t are [offsets[t], offsets[t+1])
 *   postings  Uint32Array(P)    block ids, ascending within a term
 *   tfs       Uint8Array(P)     occurrences of the term in that block, capped at 255
 *   blockLens Uint32Array(B)    tokens per block, for length normalisation
 *   words     Map<string, number>
 * ≈ 5 bytes per posting + 8 per term. Everything but `words` is a transferable ArrayBuffer, so an index
 * built in a worker thread moves to the main thread without a copy (see toParts / fromParts).
 *
 * Build: every token occurrence becomes one float64 `key · 2^21 + block` (exact below 2^53), the whole array
 * is sorted natively once, and one linear pass over it emits terms, postings and term frequencies. No hash
 * map per term, no per-term arrays.
 *
 * Search: AND intersects postings rarest-first with galloping search; OR accumulates scores into a dense
 * array. Both rank by BM25 and keep the top `limit` with a small heap. An optional `filter` sees each
 * candidate block before ranking, an optional `verify` only as many, best first, as it takes to fill
 * `limit` (either can check that the query occurs as a contiguous phrase — bigrams alone do not say so).
 *
 * Example:
 *   const index = CompactIndex.build(blocks, { fold, cls });
 *   index.search('美國盟友', { mode: 'and', limit: 20 }) // → { total, hits: [{ block, score }, …] }
 */
import { BIGRAM, UNIGRAM, forEachToken } from './tokenize.mjs';

const BLOCK_SHIFT = 2 ** 21;
/** Most blocks an index can hold (2^21 ≈ 2.1 million). */
export const MAX_BLOCKS = BLOCK_SHIFT;
const WORD_BASE = 0x10000;
const K1 = 1.2;
const B = 0.75;

/**
 * @typedef {object} CompactIndexParts
 * @property {Uint32Array} keys
 * @property {Uint32Array} offsets
 * @property {Uint32Array} postings
 * @property {Uint8Array} tfs
 * @property {Uint32Array} blockLens
 * @property {Map<string, number>} words
 */

/**
 * @typedef {object} SearchOptions
 * @property {'and' | 'or'} [mode] 'and' (default): blocks with every query term; 'or': blocks with any.
 * @property {number} [limit] hits to return (default 20).
 * @property {(block: number) => boolean} [filter] keeps a candidate block or not, before ranking (every
 *   candidate is checked, so `total` is exact).
 * @property {(block: number) => boolean} [verify] like filter, but checked lazily in rank order until
 *   `limit` hits pass, so a common phrase with thousands of candidates checks only a few dozen; `total`
 *   then counts candidates, an upper bound (`exact` says which).
 */

/**
 * @typedef {object} SearchResult
 * @property {number} total candidate blocks that matched (and passed the filter).
 * @property {Array<{ block: number, score: number }>} hits best first.
 * @property {boolean} exact false when `verify` left candidates unchecked: `total` is then an upper bound.
 */

export class CompactIndex {
  /**
   * @param {CompactIndexParts} parts
   * @param {Uint16Array} fold fold table (fold.mjs)
   * @param {Uint8Array} cls class table (tokenize.mjs)
   */
  constructor(parts, fold, cls) {
    this.keys = parts.keys;
    this.offsets = parts.offsets;
    this.postings = parts.postings;
    this.tfs = parts.tfs;
    this.blockLens = parts.blockLens;
    this.words = parts.words;
    this.fold = fold;
    this.cls = cls;
    const n = this.blockLens.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.blockLens[i];
    /** Average tokens per block. */
    this.avgLen = n > 0 ? sum / n || 1 : 1;
    /** @type {Float64Array | null} scratch score accumulator for OR queries, allocated on first use */
    this.acc = null;
  }

  /**
   * Indexes `blocks` in order; block i of the result is blocks[i].
   * @param {ArrayLike<string>} blocks
   * @param {{ fold: Uint16Array, cls: Uint8Array }} tables
   * @returns {CompactIndex}
   */
  static build(blocks, { fold, cls }) {
    const blockCount = blocks.length;
    if (blockCount > MAX_BLOCKS) throw new RangeError(`CompactIndex holds at most ${MAX_BLOCKS} blocks`);
    // A block of n code units has at most n tokens.
    let capacity = 0;
    for (let i = 0; i < blockCount; i++) capacity += blocks[i].length;
    const occurrences = new Float64Array(capacity);
    const blockLens = new Uint32Array(blockCount);
    /** @type {Map<string, number>} */
    const words = new Map();
    let n = 0;
    let block = 0;
    /** @type {import('./tokenize.mjs').TokenSink} */
    const sink = (kind, a, b, str) => {
      let key;
      if (kind === BIGRAM) key = a * 65536 + b;
      else if (kind === UNIGRAM) key = a;
      else {
        key = words.get(str);
        if (key === undefined) words.set(str, (key = WORD_BASE + words.size));
      }
      occurrences[n++] = key * BLOCK_SHIFT + block;
    };
    for (; block < blockCount; block++) blockLens[block] = forEachToken(blocks[block], fold, cls, sink);

    const sorted = occurrences.subarray(0, n).sort();
    // Count distinct terms and (term, block) postings.
    let termCount = 0;
    let postingCount = 0;
    let lastKey = -1;
    let last = -1;
    for (let i = 0; i < n; i++) {
      const v = sorted[i];
      if (v === last) continue;
      last = v;
      postingCount++;
      const key = Math.floor(v / BLOCK_SHIFT);
      if (key !== lastKey) {
        termCount++;
        lastKey = key;
      }
    }
    const keys = new Uint32Array(termCount);
    const offsets = new Uint32Array(termCount + 1);
    const postings = new Uint32Array(postingCount);
    const tfs = new Uint8Array(postingCount);
    let t = -1;
    let p = -1;
    lastKey = -1;
    last = -1;
    for (let i = 0; i < n; i++) {
      const v = sorted[i];
      if (v === last) {
        if (tfs[p] < 255) tfs[p]++;
        continue;
      }
      last = v;
      const key = Math.floor(v / BLOCK_SHIFT);
      p++;
      if (key !== lastKey) {
        t++;
        keys[t] = key;
        offsets[t] = p;
        lastKey = key;
      }
      postings[p] = v - key * BLOCK_SHIFT;
      tfs[p] = 1;
    }
    offsets[termCount] = postingCount;
    return new CompactIndex({ keys, offsets, postings, tfs, blockLens, words }, fold, cls);
  }

  /** The parts to send to another thread; transfer `[keys, offsets, postings, tfs, blockLens].map(a => a.buffer)`. */
  toParts() {
    const { keys, offsets, postings, tfs, blockLens, words } = this;
    return { keys, offsets, postings, tfs, blockLens, words };
  }

  /**
   * @param {CompactIndexParts} parts
   * @param {{ fold: Uint16Array, cls: Uint8Array }} tables
   */
  static fromParts(parts, { fold, cls }) {
    return new CompactIndex(parts, fold, cls);
  }

  get blockCount() {
    return this.blockLens.length;
  }

  get termCount() {
    return this.keys.length;
  }

  get postingCount() {
    return this.postings.length;
  }

  /** Bytes held by the typed arrays (the words map is extra, and small for Chinese text). */
  get byteSize() {
    return (
      this.keys.byteLength +
      this.offsets.byteLength +
      this.postings.byteLength +
      this.tfs.byteLength +
      this.blockLens.byteLength
    );
  }

  /**
   * Term index of a key, or -1.
   * @param {number} key
   * @returns {number}
   */
  termOf(key) {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /**
   * The distinct terms of a query, as term indices (-1 for a term the index lacks). A lone Han character
   * in a query that has other terms is left out: the index holds a lone character only where the text has
   * one between non-Han characters, so requiring it would miss 2021年 in "2021年以来".
   * @param {string} query
   * @returns {number[]}
   */
  queryTerms(query) {
    /** @type {number[]} */
    const keys = [];
    /** @type {number[]} */
    const lone = [];
    forEachToken(query, this.fold, this.cls, (kind, a, b, str) => {
      if (kind === BIGRAM) keys.push(a * 65536 + b);
      else if (kind === UNIGRAM) lone.push(a);
      else keys.push(this.words.get(str) ?? -1);
    });
    const all = keys.length > 0 ? keys : lone;
    return [...new Set(all)].map((key) => (key < 0 ? -1 : this.termOf(key)));
  }

  /**
   * @param {number} term
   * @returns {number}
   */
  idf(term) {
    const df = this.offsets[term + 1] - this.offsets[term];
    const n = this.blockLens.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * BM25 weight of one term occurrence count in one block.
   * @param {number} idf
   * @param {number} tf
   * @param {number} block
   */
  weight(idf, tf, block) {
    const norm = K1 * (1 - B + (B * this.blockLens[block]) / this.avgLen);
    return (idf * tf * (K1 + 1)) / (tf + norm);
  }

  /**
   * Searches the index. Query terms separated by spaces are simply more terms (AND: all must occur).
   * @param {string} query
   * @param {SearchOptions} [options]
   * @returns {SearchResult}
   */
  search(query, options = {}) {
    const { mode = 'and', limit = 20, filter, verify } = options;
    let terms = this.queryTerms(query);
    const none = { total: 0, hits: [], exact: true };
    if (terms.length === 0) return none;
    if (mode === 'and') {
      if (terms.includes(-1)) return none;
      return this.searchAnd(terms, limit, filter, verify);
    }
    terms = terms.filter((t) => t >= 0);
    if (terms.length === 0) return none;
    return this.searchOr(terms, limit, filter, verify);
  }

  /**
   * @param {number[]} terms
   * @param {number} limit
   * @param {((block: number) => boolean) | undefined} filter
   * @param {((block: number) => boolean) | undefined} verify
   * @returns {SearchResult}
   */
  searchAnd(terms, limit, filter, verify) {
    const { offsets, postings, tfs } = this;
    terms.sort((x, y) => offsets[x + 1] - offsets[x] - (offsets[y + 1] - offsets[y]));
    const first = terms[0];
    const start = offsets[first];
    let count = offsets[first + 1] - start;
    const blocks = postings.slice(start, start + count);
    const scores = new Float64Array(count);
    let idf = this.idf(first);
    for (let i = 0; i < count; i++) scores[i] = this.weight(idf, tfs[start + i], blocks[i]);
    for (let ti = 1; ti < terms.length && count > 0; ti++) {
      const term = terms[ti];
      idf = this.idf(term);
      const end = offsets[term + 1];
      let lo = offsets[term];
      let kept = 0;
      for (let i = 0; i < count && lo < end; i++) {
        const block = blocks[i];
        lo = gallop(postings, lo, end, block);
        if (lo < end && postings[lo] === block) {
          blocks[kept] = block;
          scores[kept] = scores[i] + this.weight(idf, tfs[lo], block);
          kept++;
          lo++;
        }
      }
      count = kept;
    }
    if (filter) {
      let kept = 0;
      for (let i = 0; i < count; i++) {
        if (filter(blocks[i])) {
          blocks[kept] = blocks[i];
          scores[kept] = scores[i];
          kept++;
        }
      }
      count = kept;
    }
    return rank(blocks, scores, count, limit, verify);
  }

  /**
   * @param {number[]} terms
   * @param {number} limit
   * @param {((block: number) => boolean) | undefined} filter
   * @param {((block: number) => boolean) | undefined} verify
   * @returns {SearchResult}
   */
  searchOr(terms, limit, filter, verify) {
    const { offsets, postings, tfs } = this;
    const acc = (this.acc ??= new Float64Array(this.blockLens.length));
    /** @type {number[]} */
    const touched = [];
    for (const term of terms) {
      const idf = this.idf(term);
      for (let p = offsets[term], end = offsets[term + 1]; p < end; p++) {
        const block = postings[p];
        if (acc[block] === 0) touched.push(block);
        acc[block] += this.weight(idf, tfs[p], block);
      }
    }
    const blocks = new Uint32Array(touched.length);
    const scores = new Float64Array(touched.length);
    let count = 0;
    for (const block of touched) {
      if (!filter || filter(block)) {
        blocks[count] = block;
        scores[count] = acc[block];
        count++;
      }
      acc[block] = 0;
    }
    return rank(blocks, scores, count, limit, verify);
  }
}

/**
 * Ranks candidates: the top `limit`, or with `verify`, the top `limit` that pass it, checking candidates in
 * rank order (top 2·limit first, then 4× more each time some fail) so few are checked.
 * @param {Uint32Array} blocks
 * @param {Float64Array} scores
 * @param {number} count
 * @param {number} limit
 * @param {((block: number) => boolean) | undefined} verify
 * @returns {SearchResult}
 */
export function rank(blocks, scores, count, limit, verify) {
  if (!verify) return { total: count, hits: topK(blocks, scores, count, limit), exact: true };
  /** @type {Map<number, boolean>} */
  const checked = new Map();
  let k = Math.min(count, Math.max(2 * limit, 16));
  for (;;) {
    /** @type {Array<{ block: number, score: number }>} */
    const hits = [];
    let passed = 0;
    for (const hit of topK(blocks, scores, count, k)) {
      let ok = checked.get(hit.block);
      if (ok === undefined) checked.set(hit.block, (ok = verify(hit.block)));
      if (!ok) continue;
      passed++;
      if (hits.length < limit) hits.push(hit);
      else if (k < count) break;
    }
    if (k >= count) return { total: passed, hits, exact: true };
    if (hits.length >= limit) return { total: count, hits, exact: false };
    k = Math.min(count, k * 4);
  }
}

/**
 * First index in [lo, hi) whose value is ≥ target, by exponential then binary search from lo.
 * @param {Uint32Array} arr sorted ascending
 * @param {number} lo
 * @param {number} hi
 * @param {number} target
 * @returns {number}
 */
export function gallop(arr, lo, hi, target) {
  if (lo >= hi || arr[lo] >= target) return lo;
  let step = 1;
  let prev = lo;
  let cur = lo + 1;
  while (cur < hi && arr[cur] < target) {
    prev = cur;
    step *= 2;
    cur = lo + step;
  }
  let a = prev + 1;
  let b = Math.min(cur, hi);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (arr[mid] < target) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * The `limit` best (block, score) pairs among the first `count`, best first; ties go to the lower block.
 * @param {Uint32Array} blocks
 * @param {Float64Array} scores
 * @param {number} count
 * @param {number} limit
 * @returns {Array<{ block: number, score: number }>}
 */
export function topK(blocks, scores, count, limit) {
  const k = Math.min(limit, count);
  if (k <= 0) return [];
  /** @param {number} i @param {number} j true when candidate i ranks below candidate j */
  const worse = (i, j) => scores[i] < scores[j] || (scores[i] === scores[j] && blocks[i] > blocks[j]);
  // Min-heap of candidate indices: heap[0] is the worst of the best k so far.
  const heap = new Int32Array(k);
  let size = 0;
  /** @param {number} pos */
  const siftDown = (pos) => {
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= size) return;
      const r = l + 1;
      const m = r < size && worse(heap[r], heap[l]) ? r : l;
      if (!worse(heap[m], heap[pos])) return;
      const tmp = heap[m];
      heap[m] = heap[pos];
      heap[pos] = tmp;
      pos = m;
    }
  };
  for (let i = 0; i < count; i++) {
    if (size < k) {
      let pos = size++;
      heap[pos] = i;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!worse(heap[pos], heap[parent])) break;
        const tmp = heap[parent];
        heap[parent] = heap[pos];
        heap[pos] = tmp;
        pos = parent;
      }
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  const order = Array.from(heap.subarray(0, size));
  order.sort((i, j) => (worse(i, j) ? 1 : worse(j, i) ? -1 : 0));
  return order.map((i) => ({ block: blocks[i], score: scores[i] }));
}
