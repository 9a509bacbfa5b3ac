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
   * Lays the postings out token by token, tokens in sorted order (`sorted` is `keys` sorted), as
   * gaps in LEB128 (see the module comment). Tokens are taken in a few batches of about an
   * eighth of the postings each: a batch is gathered from the stream as block numbers, then
   * encoded, so only the stream, one batch and the encoded bytes are held at once. The stream is
   * let go as the last batch reads it. Yields every few thousand blocks.
   */
  *layout(sorted: ArrayLike<K>): Generator<void, { offsets: Uint32Array; postings: Uint8Array }> {
    const n = sorted.length;
    // Where each rank's blocks start among all postings; the stream, from token numbers to ranks.
    const rank = new Uint32Array(n);
    const start = new Uint32Array(n + 1);
    for (let t = 0; t < n; t++) {
      const id = this.ids.get(sorted[t]!)!;
      rank[id] = t;
      start[t + 1] = start[t]! + this.count.data[id]!;
      if (t % 65536 === 65535) yield;
    }
    this.ids.clear();
    this.count.data = new Uint32Array(0);
    this.lastBlock.data = new Uint32Array(0);
    const chunks = this.stream.chunks;
    const CHUNK = ChunkedU32.CHUNK;
    for (const chunk of chunks) {
      for (let r = 0; r < CHUNK; r++) chunk![r] = rank[chunk![r]!]!;
      yield;
    }
    const total = start[n]!;
    const batchSize = Math.max(1 << 20, Math.ceil(total / 8));
    const offsets = new Uint32Array(n + 1);
    const encoded: Uint8Array[] = [];
    // Batches of whole tokens (a token with more postings than a batch is a batch of its own).
    const batchEnds: number[] = [];
    let largest = 0;
    for (let from = 0; from < n;) {
      let to = from + 1;
      while (to < n && start[to + 1]! - start[from]! <= batchSize) to++;
      batchEnds.push(to);
      largest = Math.max(largest, start[to]! - start[from]!);
      from = to;
    }
    // One scratch for every batch; each batch's encoding is sized exactly before it is written.
    const scratch = new Uint32Array(largest);
    let bytes = 0;
    let from = 0;
    for (const to of batchEnds) {
      const base = start[from]!;
      const batch = scratch;
      // By rank − from: where the token's next block goes in the batch.
      const cursor = start.slice(from, to).map((at) => at - base);
      const last = to === n;
      let at = 0;
      for (let g = 0; g < this.ends.length; g++) {
        const end = this.ends.at(g, last);
        while (at < end) {
          const chunk = chunks[at >>> 16]!;
          const r0 = at & (CHUNK - 1);
          const r1 = Math.min(CHUNK, r0 + end - at);
          for (let r = r0; r < r1; r++) {
            const t = chunk[r]!;
            if (t >= from && t < to) batch[cursor[t - from]!++] = g;
          }
          if (last && r1 === CHUNK) chunks[at >>> 16] = undefined;
          at += r1 - r0;
        }
        if (g % 4096 === 4095) yield;
      }
      let size = 0;
      for (let t = from; t < to; t++) {
        let prev = 0;
        for (let i = start[t]! - base; i < start[t + 1]! - base; i++) {
          size += leb128Bytes(batch[i]! - prev);
          prev = batch[i]!;
        }
      }
      const out = new Uint8Array(size);
      let o = 0;
      for (let t = from; t < to; t++) {
        offsets[t] = bytes + o;
        let prev = 0;
        for (let i = start[t]! - base; i < start[t + 1]! - base; i++) {
          let gap = batch[i]! - prev;
          prev = batch[i]!;
          while (gap >= 0x80) {
            out[o++] = (gap & 0x7f) | 0x80;
            gap = Math.floor(gap / 0x80);
          }
          out[o++] = gap;
        }
      }
      encoded.push(out);
      bytes += o;
      from = to;
      yield;
    }
    offsets[n] = bytes;
    const postings = new Uint8Array(bytes);
    let put = 0;
    for (const e of encoded) {
      postings.set(e, put);
      put += e.length;
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
