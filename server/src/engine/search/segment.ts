/**
 * An immutable, compact inverted index over blocks of text: for each token (Han bigram or Latin
 * word), the sorted list of blocks holding it. Everything lives in a few typed arrays, so a
 * segment costs little heap per indexed character (about 1.6 bytes per posting). It is built a
 * step at a time ({@link buildSegmentSteps}), so a server builds it between requests in its own
 * thread.
 *
 * Layout, for Han tokens (words are alike with a sorted string array for keys):
 *
 *     hanKeys     [k0 < k1 < k2 …]                  one per distinct token
 *     hanOffsets  [0, b0, b0+b1, …]                 where each token's postings start, in bytes
 *     hanPostings [blocks of k0…, blocks of k1…]    global block numbers, ascending per token,
 *                                                   each as the gap from the one before (the
 *                                                   first from 0) in LEB128: 7 bits a byte, low
 *                                                   bits first, the high bit set on every byte
 *                                                   but a number's last
 *
 * Example: blocks [3, 130, 131] are the gaps 3, 127, 1 → bytes 03 7F 01; blocks [200] are
 * 200 = 0b1_1001000 → bytes C8 01 (0x48 | 0x80, then 1).
 *
 * Global block `g` is block `blockIndex[g]` of document `docs[blockDoc[g]]`.
 */
import { forEachToken, tokenPieceEnd } from './searchText.js';

export interface SegmentInput {
  /** The document's key (its URI). */
  key: string;
  /** Text of each block, by block index; '' for blocks not to index. */
  texts: readonly string[];
}

export interface Segment {
  docs: string[];
  blockDoc: Uint32Array;
  blockIndex: Uint32Array;
  hanKeys: Uint32Array;
  hanOffsets: Uint32Array;
  hanPostings: Uint8Array;
  words: string[];
  wordOffsets: Uint32Array;
  wordPostings: Uint8Array;
}

/**
 * A list of numbers kept in fixed-size typed chunks: it grows without copying (a doubling
 * array would hold up to three times its contents while it grows), and it can be read once
 * from the start while each chunk read is let go.
 */
class ChunkedU32 {
  static readonly CHUNK = 1 << 16;
  /** Chunk `i >>> 16` holds entry `i` at `i & 0xffff`; a released chunk is undefined. */
  readonly chunks: (Uint32Array | undefined)[] = [];
  #last = new Uint32Array(0);
  #fill = ChunkedU32.CHUNK;
  length = 0;
  push(v: number): void {
    if (this.#fill === ChunkedU32.CHUNK) {
      this.#last = new Uint32Array(ChunkedU32.CHUNK);
      this.chunks.push(this.#last);
      this.#fill = 0;
    }
    this.#last[this.#fill++] = v;
    this.length++;
  }
  /** The value at `i`; once `drop` is set, each chunk is released when reading passes its end. */
  at(i: number, drop = false): number {
    const c = Math.floor(i / ChunkedU32.CHUNK);
    const r = i % ChunkedU32.CHUNK;
    const v = this.chunks[c]![r]!;
    if (drop && r === ChunkedU32.CHUNK - 1) this.chunks[c] = undefined;
    return v;
  }
}

/** How many bytes `n` (≥ 0) takes in LEB128: 7 bits a byte. Example: leb128Bytes(200) = 2. */
export function leb128Bytes(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/** A growable array of counters, indexed by token number. */
class Counters {
  data = new Uint32Array(1024);
  grow(n: number): void {
    if (n <= this.data.length) return;
    const bigger = new Uint32Array(Math.max(n, Math.ceil(this.data.length * 1.5)));
    bigger.set(this.data);
    this.data = bigger;
  }
}

/**
 * The most work one step of {@link buildSegmentSteps} does, in units: a character tokenized, a
 * token numbered or ranked, a posting moved, gathered or encoded, a key placed by a sort's merge,
 * or 8 bytes copied. A unit costs a few nanoseconds, so a step takes well under a millisecond.
 */
export const STEP_WORK = 1 << 14;
/** Keys sorted at once (by the runtime's sort) before the sort's steps merge the runs. */
const SORT_RUN = 1024;

/** A key-to-number map in 64 shards: growing one rehashes 1/64 of the keys, never all at once. */
class ShardedIds<K> {
  readonly #shards = Array.from({ length: 64 }, () => new Map<K, number>());
  readonly #shard: (key: K) => number;
  constructor(shard: (key: K) => number) {
    this.#shard = shard;
  }
  get(key: K): number | undefined {
    return this.#shards[this.#shard(key) & 63]!.get(key);
  }
  set(key: K, id: number): void {
    this.#shards[this.#shard(key) & 63]!.set(key, id);
  }
  clear(): void {
    for (const m of this.#shards) m.clear();
  }
}

/**
 * One kind of token (Han keys or words): a number per distinct token in order of first sight,
 * how many blocks hold each, and the stream of (block, token number) pairs, each token once per
 * block.
 */
class Vocabulary<K> {
  readonly ids: ShardedIds<K>;
  readonly keys: K[] = [];
  readonly count = new Counters();
  /** Per token number: 1 + the last block that held it, to keep each token once per block. */
  readonly lastBlock = new Counters();
  readonly stream = new ChunkedU32();
  /** Where each block's tokens end in `stream`. */
  readonly ends = new ChunkedU32();

  constructor(shard: (key: K) => number) {
    this.ids = new ShardedIds(shard);
  }

  add(key: K, block: number): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.count.grow(id + 1);
      this.lastBlock.grow(id + 1);
    }
    if (this.lastBlock.data[id] === block + 1) return;
    this.lastBlock.data[id] = block + 1;
    this.count.data[id]!++;
    this.stream.push(id);
  }

  endBlock(): void {
    this.ends.push(this.stream.length);
  }

  /**
   * Lays the postings out token by token, tokens in sorted order (`sorted` is `keys` sorted), as
   * gaps in LEB128 (see the module comment). Tokens are taken in a few batches of about an
   * eighth of the postings each: a batch is gathered from the stream as block numbers, then
   * encoded, so only the stream, one batch and the encoded bytes are held at once. The stream is
   * let go as the last batch reads it. Every step does at most {@link STEP_WORK} units, and says
   * how many.
   */
  *layout(sorted: ArrayLike<K>): Generator<number, { offsets: Uint32Array; postings: Uint8Array }> {
    const n = sorted.length;
    // Where each rank's blocks start among all postings; the stream, from token numbers to ranks.
    const rank = new Uint32Array(n);
    const start = new Uint32Array(n + 1);
    for (let t0 = 0; t0 < n; t0 += STEP_WORK) {
      const t1 = Math.min(n, t0 + STEP_WORK);
      for (let t = t0; t < t1; t++) {
        const id = this.ids.get(sorted[t]!)!;
        rank[id] = t;
        start[t + 1] = start[t]! + this.count.data[id]!;
      }
      yield t1 - t0;
    }
    this.ids.clear();
    this.count.data = new Uint32Array(0);
    this.lastBlock.data = new Uint32Array(0);
    const chunks = this.stream.chunks;
    const CHUNK = ChunkedU32.CHUNK;
    for (const chunk of chunks) {
      for (let r0 = 0; r0 < CHUNK; r0 += STEP_WORK) {
        const r1 = Math.min(CHUNK, r0 + STEP_WORK);
        for (let r = r0; r < r1; r++) chunk![r] = rank[chunk![r]!]!;
        yield r1 - r0;
      }
    }
    const total = start[n]!;
    const batchSize = Math.max(1 << 20, Math.ceil(total / 8));
    const offsets = new Uint32Array(n + 1);
    const encoded: Uint8Array[] = [];
    // Batches of whole tokens (a token with more postings than a batch is a batch of its own).
    const batchEnds: number[] = [];
    let largest = 0;
    let planned = 0;
    for (let from = 0; from < n;) {
      let to = from + 1;
      while (to < n && start[to + 1]! - start[from]! <= batchSize) to++;
      batchEnds.push(to);
      largest = Math.max(largest, start[to]! - start[from]!);
      planned += to - from;
      from = to;
      if (planned >= STEP_WORK) {
        yield planned;
        planned = 0;
      }
    }
    if (planned) yield planned;
    // One scratch for every batch; each batch's encoding is sized exactly before it is written.
    const scratch = new Uint32Array(largest);
    let bytes = 0;
    let from = 0;
    for (const to of batchEnds) {
      const base = start[from]!;
      const batch = scratch;
      // By rank − from: where the token's next block goes in the batch.
      const cursor = new Uint32Array(to - from);
      for (let t0 = from; t0 < to; t0 += STEP_WORK) {
        const t1 = Math.min(to, t0 + STEP_WORK);
        for (let t = t0; t < t1; t++) cursor[t - from] = start[t]! - base;
        yield t1 - t0;
      }
      const last = to === n;
      // Gathered: stream entries read since the last step.
      let work = 0;
      let at = 0;
      for (let g = 0; g < this.ends.length; g++) {
        const end = this.ends.at(g, last);
        while (at < end) {
          const chunk = chunks[at >>> 16]!;
          const r0 = at & (CHUNK - 1);
          const r1 = Math.min(CHUNK, r0 + end - at, r0 + STEP_WORK - work);
          for (let r = r0; r < r1; r++) {
            const t = chunk[r]!;
            if (t >= from && t < to) batch[cursor[t - from]!++] = g;
          }
          if (last && r1 === CHUNK) chunks[at >>> 16] = undefined;
          at += r1 - r0;
          work += r1 - r0;
          if (work === STEP_WORK) {
            yield work;
            work = 0;
          }
        }
      }
      if (work) yield work;
      // The batch's postings, token by token, as gaps (the first from 0): first sized, then written.
      const count = start[to]! - base;
      let size = 0;
      let t = from;
      let tokenEnd = start[t + 1]! - base;
      let prev = 0;
      for (let i0 = 0; i0 < count; i0 += STEP_WORK) {
        const i1 = Math.min(count, i0 + STEP_WORK);
        for (let i = i0; i < i1; i++) {
          while (i === tokenEnd) {
            tokenEnd = start[++t + 1]! - base;
            prev = 0;
          }
          size += leb128Bytes(batch[i]! - prev);
          prev = batch[i]!;
        }
        yield i1 - i0;
      }
      const out = new Uint8Array(size);
      let o = 0;
      t = from;
      tokenEnd = start[t + 1]! - base;
      prev = 0;
      offsets[t] = bytes;
      for (let i0 = 0; i0 < count; i0 += STEP_WORK) {
        const i1 = Math.min(count, i0 + STEP_WORK);
        for (let i = i0; i < i1; i++) {
          while (i === tokenEnd) {
            tokenEnd = start[++t + 1]! - base;
            offsets[t] = bytes + o;
            prev = 0;
          }
          let gap = batch[i]! - prev;
          prev = batch[i]!;
          while (gap >= 0x80) {
            out[o++] = (gap & 0x7f) | 0x80;
            gap = Math.floor(gap / 0x80);
          }
          out[o++] = gap;
        }
        yield i1 - i0;
      }
      encoded.push(out);
      bytes += o;
      from = to;
    }
    offsets[n] = bytes;
    const postings = new Uint8Array(bytes);
    let put = 0;
    for (const e of encoded) {
      for (let b0 = 0; b0 < e.length; b0 += STEP_WORK * 8) {
        const b1 = Math.min(e.length, b0 + STEP_WORK * 8);
        postings.set(e.subarray(b0, b1), put + b0);
        yield Math.ceil((b1 - b0) / 8);
      }
      put += e.length;
    }
    encoded.length = 0;
    return { offsets, postings };
  }
}

/**
 * Sorts `keys` ascending by `less`, a bounded piece at a time: runs of {@link SORT_RUN} keys by
 * the runtime's sort (`sortRun`), then merged pairwise into `scratch` and back, each step placing
 * at most {@link STEP_WORK} keys. Returns whichever of the two holds the result. Example: with
 * runs of 2, `[4, 3, 2, 1]` → runs `[3, 4] [1, 2]` → merged `[1, 2, 3, 4]` (in `scratch`).
 */
function* sortSteps<K, A extends { length: number; [i: number]: K }>(
  keys: A,
  scratch: A,
  less: (a: K, b: K) => boolean,
  sortRun: (keys: A, from: number, to: number) => void,
): Generator<number, A> {
  const n = keys.length;
  for (let i = 0; i < n; i += SORT_RUN) {
    const j = Math.min(n, i + SORT_RUN);
    sortRun(keys, i, j);
    // A run's sort compares about log2(SORT_RUN) = 10 times a key.
    yield (j - i) * 10;
  }
  let src = keys;
  let dst = scratch;
  for (let width = SORT_RUN; width < n; width *= 2) {
    let work = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        dst[k] = j >= hi || (i < mid && !less(src[j]!, src[i]!)) ? src[i++]! : src[j++]!;
        if (++work === STEP_WORK) {
          yield work;
          work = 0;
        }
      }
    }
    if (work) yield work;
    [src, dst] = [dst, src];
  }
  return src;
}

/** Folds a number key's high and low halves into a shard. */
const numberShard = (k: number) => k ^ (k >>> 16);
/** A word's shard, from its first and last characters and its length. */
const wordShard = (w: string) => w.charCodeAt(0) + w.length * 7 + w.charCodeAt(w.length - 1) * 31;

/**
 * Builds a segment one step at a time: each `next()` does a bounded piece of work (at most
 * {@link STEP_WORK} units, which it yields: part of a block's text, of the sorting, of the
 * layout), so a server can build in time slices between requests without a second thread
 * holding a copy of every text. The one exception is a block whose text runs longer than
 * {@link STEP_WORK} characters without a space or punctuation: it is tokenized in one step.
 * Memory: the postings twice at most (the token stream, then the laid-out lists, the stream let
 * go as it is read), plus one map entry per distinct token. Inputs are read one at a time, as
 * the build reaches them.
 */
export function* buildSegmentSteps(inputs: Iterable<SegmentInput>): Generator<number, Segment> {
  const docs: string[] = [];
  const blockDoc = new ChunkedU32();
  const blockIndex = new ChunkedU32();
  const han = new Vocabulary<number>(numberShard);
  const word = new Vocabulary<string>(wordShard);
  const addHan = (k: number) => han.add(k, g);
  const addWord = (w: string) => word.add(w, g);
  let g = 0;
  for (const input of inputs) {
    const d = docs.length;
    docs.push(input.key);
    for (let i = 0; i < input.texts.length; i++) {
      const text = input.texts[i]!;
      if (!text) continue;
      blockDoc.push(d);
      blockIndex.push(i);
      for (let from = 0; from < text.length;) {
        const to = tokenPieceEnd(text, from, STEP_WORK);
        forEachToken(text, addHan, addWord, from, to);
        yield to - from;
        from = to;
      }
      han.endBlock();
      word.endBlock();
      g++;
    }
  }
  const hanKeys = new Uint32Array(han.keys.length);
  for (let t0 = 0; t0 < hanKeys.length; t0 += STEP_WORK) {
    const t1 = Math.min(hanKeys.length, t0 + STEP_WORK);
    for (let t = t0; t < t1; t++) hanKeys[t] = han.keys[t]!;
    yield t1 - t0;
  }
  han.keys.length = 0;
  const sortedHan = yield* sortSteps<number, Uint32Array>(
    hanKeys,
    new Uint32Array(hanKeys.length),
    (a, b) => a < b,
    (keys, from, to) => keys.subarray(from, to).sort(),
  );
  const hanLists = yield* han.layout(sortedHan);
  const words = word.keys.slice();
  yield words.length;
  const sortedWords = yield* sortSteps<string, string[]>(
    words,
    new Array<string>(words.length),
    (a, b) => a < b,
    (keys, from, to) => {
      const run = keys.slice(from, to).sort();
      for (let i = 0; i < run.length; i++) keys[from + i] = run[i]!;
    },
  );
  const wordLists = yield* word.layout(sortedWords);
  const blockDocs = yield* toArraySteps(blockDoc);
  const blockIndexes = yield* toArraySteps(blockIndex);
  return {
    docs,
    blockDoc: blockDocs,
    blockIndex: blockIndexes,
    hanKeys: sortedHan,
    hanOffsets: hanLists.offsets,
    hanPostings: hanLists.postings,
    words: sortedWords,
    wordOffsets: wordLists.offsets,
    wordPostings: wordLists.postings,
  };
}

/** A chunked list as one typed array, {@link STEP_WORK} entries a step. */
function* toArraySteps(list: ChunkedU32): Generator<number, Uint32Array> {
  const out = new Uint32Array(list.length);
  for (let i0 = 0; i0 < list.length; i0 += STEP_WORK) {
    const i1 = Math.min(list.length, i0 + STEP_WORK);
    for (let i = i0; i < i1; i++) out[i] = list.at(i);
    yield i1 - i0;
  }
  return out;
}

/** Builds a segment at once (the CLI, tests, one changed document). */
export function buildSegment(inputs: Iterable<SegmentInput>): Segment {
  const steps = buildSegmentSteps(inputs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The postings of a Han token key, or an empty array. */
export function hanPostings(s: Segment, key: number): Uint32Array {
  let lo = 0;
  let hi = s.hanKeys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = s.hanKeys[mid]!;
    if (k === key) return hanPostingsAt(s, mid);
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return EMPTY;
}

/**
 * For a lone character's key (`c * 65536`): the postings of every token starting with it — the
 * character alone and each bigram it begins — which are contiguous in the sorted keys.
 */
export function hanPrefixPostings(s: Segment, key: number): Uint32Array[] {
  let lo = 0;
  let hi = s.hanKeys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.hanKeys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  const out: Uint32Array[] = [];
  for (let t = lo; t < s.hanKeys.length && s.hanKeys[t]! < key + 65536; t++) {
    out.push(hanPostingsAt(s, t));
  }
  return out;
}

/** Index of the first word ≥ `prefix` in the sorted word list. */
export function firstWordAtOrAfter(s: Segment, prefix: string): number {
  let lo = 0;
  let hi = s.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The blocks holding the Han token of rank `t` (the one of key `hanKeys[t]`), ascending. */
export function hanPostingsAt(s: Segment, t: number): Uint32Array {
  return decodeGaps(s.hanPostings, s.hanOffsets[t]!, s.hanOffsets[t + 1]!);
}

/** The blocks holding word `words[t]`, ascending. */
export function wordPostingsAt(s: Segment, t: number): Uint32Array {
  return decodeGaps(s.wordPostings, s.wordOffsets[t]!, s.wordOffsets[t + 1]!);
}

/** The numbers whose gaps are `bytes[from, to)` in LEB128 (see the module comment). */
function decodeGaps(bytes: Uint8Array, from: number, to: number): Uint32Array {
  let n = 0;
  for (let i = from; i < to; i++) if (bytes[i]! < 0x80) n++;
  const out = new Uint32Array(n);
  let value = 0;
  let k = 0;
  for (let i = from; i < to;) {
    let gap = 0;
    let scale = 1;
    let b: number;
    do {
      b = bytes[i++]!;
      gap += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b >= 0x80);
    value += gap;
    out[k++] = value;
  }
  return out;
}

const EMPTY = new Uint32Array(0);
