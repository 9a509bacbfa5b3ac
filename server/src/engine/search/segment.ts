/**
 * An immutable, compact inverted index over blocks of text: for each token (Han bigram or Latin
 * word), the sorted list of blocks holding it. Everything lives in a few typed arrays, so a
 * segment costs little heap per indexed character. It is built a step at a time
 * ({@link buildSegmentSteps}), so a server builds it between requests in its own thread.
 *
 * Layout, for Han tokens (words are alike with a sorted string array for keys):
 *
 *     hanKeys     [k0 < k1 < k2 …]                  one per distinct token
 *     hanOffsets  [0, n0, n0+n1, …]                 where each token's postings start
 *     hanPostings [blocks of k0…, blocks of k1…]    global block numbers, ascending per token
 *
 * Global block `g` is block `blockIndex[g]` of document `docs[blockDoc[g]]`.
 */
import { forEachToken } from './searchText.js';

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
  hanPostings: Uint32Array;
  words: string[];
  wordOffsets: Uint32Array;
  wordPostings: Uint32Array;
}

/**
 * A list of numbers kept in fixed-size typed chunks: it grows without copying (a doubling
 * array would hold up to three times its contents while it grows), and it can be read once
 * from the start while each chunk read is let go.
 */
class ChunkedU32 {
  static readonly CHUNK = 1 << 16;
  #chunks: (Uint32Array | undefined)[] = [];
  #last = new Uint32Array(0);
  #fill = ChunkedU32.CHUNK;
  length = 0;
  push(v: number): void {
    if (this.#fill === ChunkedU32.CHUNK) {
      this.#last = new Uint32Array(ChunkedU32.CHUNK);
      this.#chunks.push(this.#last);
      this.#fill = 0;
    }
    this.#last[this.#fill++] = v;
    this.length++;
  }
  /** The value at `i`; once `drop` is set, each chunk is released when reading passes its end. */
  at(i: number, drop = false): number {
    const c = Math.floor(i / ChunkedU32.CHUNK);
    const r = i % ChunkedU32.CHUNK;
    const v = this.#chunks[c]![r]!;
    if (drop && r === ChunkedU32.CHUNK - 1) this.#chunks[c] = undefined;
    return v;
  }
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
 * One kind of token (Han keys or words): a number per distinct token in order of first sight,
 * how many blocks hold each, and the stream of (block, token number) pairs, each token once per
 * block.
 */
class Vocabulary<K> {
  readonly ids = new Map<K, number>();
  readonly keys: K[] = [];
  readonly count = new Counters();
  /** Per token number: 1 + the last block that held it, to keep each token once per block. */
  readonly lastBlock = new Counters();
  readonly stream = new ChunkedU32();
  /** Where each block's tokens end in `stream`. */
  readonly ends = new ChunkedU32();

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
   * Lays the postings out token by token, tokens in sorted order: `sorted` is `keys` sorted. The
   * counters become write cursors (`offsets[rank]` of each token number). Yields every few
   * thousand blocks.
   */
  *layout(sorted: ArrayLike<K>): Generator<void, { offsets: Uint32Array; postings: Uint32Array }> {
    const n = sorted.length;
    const offsets = new Uint32Array(n + 1);
    const cursor = this.count.data;
    for (let t = 0; t < n; t++) {
      const id = this.ids.get(sorted[t]!)!;
      const c = cursor[id]!;
      cursor[id] = offsets[t]!;
      offsets[t + 1] = offsets[t]! + c;
    }
    this.ids.clear();
    this.lastBlock.data = new Uint32Array(0);
    yield;
    const postings = new Uint32Array(offsets[n]!);
    let at = 0;
    for (let g = 0; g < this.ends.length; g++) {
      for (const end = this.ends.at(g, true); at < end; at++)
        postings[cursor[this.stream.at(at, true)]!++] = g;
      if (g % 4096 === 4095) yield;
    }
    return { offsets, postings };
  }
}

/**
 * Builds a segment one step at a time: each `next()` does a bounded piece of work (one block's
 * tokens, or a few thousand blocks of the layout), so a server can build in time slices between
 * requests without a second thread holding a copy of every text. Memory: the postings twice at
 * most (the token stream, then the laid-out lists, the stream let go as it is read), plus one
 * map entry per distinct token.
 */
export function* buildSegmentSteps(inputs: readonly SegmentInput[]): Generator<void, Segment> {
  const docs: string[] = [];
  const blockDoc = new ChunkedU32();
  const blockIndex = new ChunkedU32();
  const han = new Vocabulary<number>();
  const word = new Vocabulary<string>();
  let g = 0;
  for (const input of inputs) {
    const d = docs.length;
    docs.push(input.key);
    for (let i = 0; i < input.texts.length; i++) {
      const text = input.texts[i]!;
      if (!text) continue;
      blockDoc.push(d);
      blockIndex.push(i);
      forEachToken(
        text,
        (k) => han.add(k, g),
        (w) => word.add(w, g),
      );
      han.endBlock();
      word.endBlock();
      g++;
      yield;
    }
  }
  const hanKeys = Uint32Array.from(han.keys).sort();
  han.keys.length = 0;
  const hanLists = yield* han.layout(hanKeys);
  const words = [...word.keys].sort();
  const wordLists = yield* word.layout(words);
  const toArray = (list: ChunkedU32) => {
    const out = new Uint32Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = list.at(i);
    return out;
  };
  return {
    docs,
    blockDoc: toArray(blockDoc),
    blockIndex: toArray(blockIndex),
    hanKeys,
    hanOffsets: hanLists.offsets,
    hanPostings: hanLists.postings,
    words,
    wordOffsets: wordLists.offsets,
    wordPostings: wordLists.postings,
  };
}

/** Builds a segment at once (the CLI, tests, one changed document). */
export function buildSegment(inputs: readonly SegmentInput[]): Segment {
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
    if (k === key) return s.hanPostings.subarray(s.hanOffsets[mid]!, s.hanOffsets[mid + 1]!);
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
    out.push(s.hanPostings.subarray(s.hanOffsets[t]!, s.hanOffsets[t + 1]!));
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

export function wordPostingsAt(s: Segment, t: number): Uint32Array {
  return s.wordPostings.subarray(s.wordOffsets[t]!, s.wordOffsets[t + 1]!);
}

const EMPTY = new Uint32Array(0);
