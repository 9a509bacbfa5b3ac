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
import { PostingLists } from './postingLists.js';
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

/** A list of numbers kept in fixed-size typed chunks: it grows without copying. */
class ChunkedU32 {
  static readonly CHUNK = 1 << 16;
  /** Chunk `i >>> 16` holds entry `i` at `i & 0xffff`. */
  readonly chunks: Uint32Array[] = [];
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
  at(i: number): number {
    return this.chunks[i >>> 16]![i & (ChunkedU32.CHUNK - 1)]!;
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

/**
 * Token numbers by key, kept in 64 shards: growing one rehashes 1/64 of the keys, never all at
 * once (a step of the build stays short).
 */
interface Ids<K> {
  /** The key's number; a key not seen yet gets `next`. */
  idOf(key: K, next: number): number;
  get(key: K): number | undefined;
  clear(): void;
}

/**
 * Han keys' numbers in open-addressing tables of typed arrays (a `Map` of such numbers, which
 * do not fit a small integer, took most of the build's time). A Han key is never 0, the mark of
 * a free slot: its first character is at least U+3400.
 */
class HanIds implements Ids<number> {
  #keys = Array.from({ length: 64 }, () => new Uint32Array(16));
  #ids = Array.from({ length: 64 }, () => new Uint32Array(16));
  readonly #sizes = new Uint32Array(64);

  idOf(key: number, next: number): number {
    const h = mix(key);
    const s = h & 63;
    const keys = this.#keys[s]!;
    const mask = keys.length - 1;
    for (let i = (h >>> 6) & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return this.#ids[s]![i]!;
      if (k === 0) {
        keys[i] = key;
        this.#ids[s]![i] = next;
        if (++this.#sizes[s]! * 2 > keys.length) this.#grow(s);
        return next;
      }
    }
  }

  get(key: number): number | undefined {
    const h = mix(key);
    const s = h & 63;
    const keys = this.#keys[s]!;
    const mask = keys.length - 1;
    for (let i = (h >>> 6) & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return this.#ids[s]![i]!;
      if (k === 0) return undefined;
    }
  }

  clear(): void {
    this.#keys = [];
    this.#ids = [];
  }

  /** Doubles shard `s`'s table. */
  #grow(s: number): void {
    const oldKeys = this.#keys[s]!;
    const oldIds = this.#ids[s]!;
    const keys = new Uint32Array(oldKeys.length * 2);
    const ids = new Uint32Array(oldKeys.length * 2);
    const mask = keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === 0) continue;
      let i = (mix(key) >>> 6) & mask;
      while (keys[i] !== 0) i = (i + 1) & mask;
      keys[i] = key;
      ids[i] = oldIds[j]!;
    }
    this.#keys[s] = keys;
    this.#ids[s] = ids;
  }
}

/** Spreads a 32-bit key's bits (MurmurHash3's finalizer). */
function mix(key: number): number {
  let h = key ^ (key >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Words' numbers in 64 maps, sharded by their first and last characters and their length. */
class WordIds implements Ids<string> {
  readonly #shards = Array.from({ length: 64 }, () => new Map<string, number>());
  idOf(w: string, next: number): number {
    const shard = this.#shards[(w.charCodeAt(0) + w.length * 7 + w.charCodeAt(w.length - 1) * 31) & 63]!;
    const id = shard.get(w);
    if (id !== undefined) return id;
    shard.set(w, next);
    return next;
  }
  get(w: string): number | undefined {
    return this.#shards[(w.charCodeAt(0) + w.length * 7 + w.charCodeAt(w.length - 1) * 31) & 63]!.get(w);
  }
  clear(): void {
    for (const m of this.#shards) m.clear();
  }
}

/**
 * One kind of token (Han keys or words): the number of its posting list for each distinct token,
 * in order of first sight. Both kinds share one {@link PostingLists}, which holds each token's
 * postings as they are met, block after block, already as LEB128 gaps.
 */
class Vocabulary<K> {
  readonly ids: Ids<K>;
  readonly keys: K[] = [];
  readonly lists: PostingLists;

  constructor(ids: Ids<K>, lists: PostingLists) {
    this.ids = ids;
    this.lists = lists;
  }

  add(key: K, block: number): void {
    const next = this.lists.count;
    const id = this.ids.idOf(key, next);
    if (id === next) {
      this.lists.open();
      this.keys.push(key);
    }
    this.lists.add(id, block);
  }

  /**
   * Lays the postings out token by token, tokens in sorted order (`sorted` is `keys` sorted): each
   * token's list is copied from the pool into one array. Every step does
   * at most {@link STEP_WORK} units (a token, or 8 bytes copied), and says how many.
   */
  *layout(sorted: ArrayLike<K>): Generator<number, { offsets: Uint32Array; postings: Uint8Array }> {
    const n = sorted.length;
    // Token number by rank, and where each rank's bytes start.
    const order = new Uint32Array(n);
    const offsets = new Uint32Array(n + 1);
    for (let t0 = 0; t0 < n; t0 += STEP_WORK) {
      const t1 = Math.min(n, t0 + STEP_WORK);
      for (let t = t0; t < t1; t++) {
        const id = this.ids.get(sorted[t]!)!;
        order[t] = id;
        offsets[t + 1] = offsets[t]! + this.lists.bytesOf(id);
      }
      yield t1 - t0;
    }
    this.ids.clear();
    const postings = new Uint8Array(offsets[n]!);
    // A token, then its slices (at most 1,020 bytes each): yield before a step could pass STEP_WORK.
    const room = STEP_WORK - 1 - Math.ceil(1020 / 8);
    let work = 0;
    for (let t = 0; t < n; t++) {
      work++;
      for (const bytes of this.lists.copy(order[t]!, postings, offsets[t]!)) {
        work += Math.ceil(bytes / 8);
        if (work > room) {
          yield work;
          work = 0;
        }
      }
      if (work > room) {
        yield work;
        work = 0;
      }
    }
    if (work) yield work;
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

/**
 * Builds a segment one step at a time: each `next()` does a bounded piece of work (at most
 * {@link STEP_WORK} units, which it yields: part of a block's text, of the sorting, of the
 * layout), so a server can build in time slices between requests without a second thread
 * holding a copy of every text. The one exception is a block whose text runs longer than
 * {@link STEP_WORK} characters without a space or punctuation: it is tokenized in one step.
 * Memory: the postings about two and a half times (the lists as they grow, half as much again as
 * their bytes — postingLists.ts — then the laid-out array), plus one map entry per distinct
 * token. Inputs are read one at a time, as the build reaches them. `small` is for a document or
 * two (a changed document's own segment): pages of 64 KB for its posting lists rather than of
 * 32 MB of address space, which V8 counts as memory to collect for.
 */
export function* buildSegmentSteps(
  inputs: Iterable<SegmentInput>,
  small = false,
): Generator<number, Segment> {
  const docs: string[] = [];
  const blockDoc = new ChunkedU32();
  const blockIndex = new ChunkedU32();
  // One pool for both kinds: its first page (32 MB of address space) is most often the only one.
  const lists = small ? new PostingLists(16) : new PostingLists();
  const han = new Vocabulary<number>(new HanIds(), lists);
  const word = new Vocabulary<string>(new WordIds(), lists);
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

/**
 * Builds a segment at once (the CLI, tests, one changed document: `small`, see
 * {@link buildSegmentSteps}).
 */
export function buildSegment(inputs: Iterable<SegmentInput>, small = false): Segment {
  const steps = buildSegmentSteps(inputs, small);
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
