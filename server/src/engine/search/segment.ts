/**
 * An immutable, compact inverted index over blocks of text: for each token (Han bigram or Latin
 * word), the sorted list of blocks holding it. Everything lives in a few typed arrays, so a
 * segment costs little heap per indexed character and can be built in a worker thread and
 * handed over without copying (the arrays' buffers are transferable).
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

/** A growable Uint32Array. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

export function buildSegment(inputs: readonly SegmentInput[]): Segment {
  const docs: string[] = [];
  const blockDoc = new U32List();
  const blockIndex = new U32List();
  // Pass 1: every block's distinct tokens, in streams, and how many blocks hold each token.
  const hanStream = new U32List();
  const hanEnds = new U32List();
  const wordStream: string[] = [];
  const wordEnds = new U32List();
  const hanCount = new Map<number, number>();
  const wordCount = new Map<string, number>();
  const seenHan = new Set<number>();
  const seenWord = new Set<string>();
  for (const input of inputs) {
    const d = docs.length;
    docs.push(input.key);
    input.texts.forEach((text, i) => {
      if (!text) return;
      blockDoc.push(d);
      blockIndex.push(i);
      seenHan.clear();
      seenWord.clear();
      forEachToken(
        text,
        (k) => {
          if (seenHan.has(k)) return;
          seenHan.add(k);
          hanStream.push(k);
          hanCount.set(k, (hanCount.get(k) ?? 0) + 1);
        },
        (w) => {
          if (seenWord.has(w)) return;
          seenWord.add(w);
          wordStream.push(w);
          wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
        },
      );
      hanEnds.push(hanStream.length);
      wordEnds.push(wordStream.length);
    });
  }
  // Pass 2: lay the postings out token by token.
  const hanKeys = Uint32Array.from(hanCount.keys()).sort();
  const hanOffsets = new Uint32Array(hanKeys.length + 1);
  const hanCursor = new Map<number, number>();
  hanKeys.forEach((k, t) => {
    hanOffsets[t + 1] = hanOffsets[t]! + hanCount.get(k)!;
    hanCursor.set(k, hanOffsets[t]!);
  });
  hanCount.clear();
  const hanPostings = new Uint32Array(hanOffsets[hanKeys.length]!);
  const words = [...wordCount.keys()].sort();
  const wordOffsets = new Uint32Array(words.length + 1);
  const wordCursor = new Map<string, number>();
  words.forEach((w, t) => {
    wordOffsets[t + 1] = wordOffsets[t]! + wordCount.get(w)!;
    wordCursor.set(w, wordOffsets[t]!);
  });
  wordCount.clear();
  const wordPostings = new Uint32Array(wordOffsets[words.length]!);
  let h = 0;
  let w = 0;
  for (let g = 0; g < hanEnds.length; g++) {
    for (const end = hanEnds.data[g]!; h < end; h++) {
      const k = hanStream.data[h]!;
      const at = hanCursor.get(k)!;
      hanPostings[at] = g;
      hanCursor.set(k, at + 1);
    }
    for (const end = wordEnds.data[g]!; w < end; w++) {
      const word = wordStream[w]!;
      const at = wordCursor.get(word)!;
      wordPostings[at] = g;
      wordCursor.set(word, at + 1);
    }
  }
  return {
    docs,
    blockDoc: blockDoc.toArray(),
    blockIndex: blockIndex.toArray(),
    hanKeys,
    hanOffsets,
    hanPostings,
    words,
    wordOffsets,
    wordPostings,
  };
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

/** The typed arrays' buffers, to transfer a segment between threads without copying. */
export function transferables(s: Segment): ArrayBuffer[] {
  return [
    s.blockDoc,
    s.blockIndex,
    s.hanKeys,
    s.hanOffsets,
    s.hanPostings,
    s.wordOffsets,
    s.wordPostings,
  ].map((a) => a.buffer as ArrayBuffer);
}

const EMPTY = new Uint32Array(0);
