/**
 * Full-text search over every passage (block) of the corpus, kept fresh as sources change.
 *
 * A compact {@link Segment} holds the corpus as it was when the segment was built (built off the
 * request path: in a worker thread by the server, in-process by the CLI and tests). Documents
 * changed since are masked in the segment and indexed again in a small in-memory delta; when the
 * delta grows, the owner builds a new segment.
 *
 * Ranking: the query's space-separated terms are cut into tokens (searchText.ts); a block scores
 * the idf of each token it holds, and blocks holding every token of more terms — and each term
 * as written, after folding — come first.
 */
import type { Block, SourceDoc } from '../corpus/sourceDoc.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { BlockRef, CandidateFinder } from '../quotes/verifyQuote.js';
import { editDistance } from '../text/editDistance.js';
import {
  buildSegment,
  firstWordAtOrAfter,
  hanPostings,
  hanPrefixPostings,
  wordPostingsAt,
  type Segment,
  type SegmentInput,
} from './segment.js';
import { foldForSearch, foldedTermsIn, forEachToken } from './searchText.js';
import { TopHits } from './topHits.js';

export interface PassageHit extends BlockRef {
  score: number;
  /** Share (0–1) of the query's tokens the block holds. */
  share: number;
  /** How many of the query's terms the block holds as written (after folding). */
  exact: number;
}

/** What to index of a block: body text, not headings or code. */
export function isSearchable(b: Block): boolean {
  return b.kind === 'paragraph' || b.kind === 'footnote' || b.kind === 'other';
}

export function segmentInput(doc: SourceDoc): SegmentInput {
  return { key: doc.uri, texts: doc.blocks.map((b) => (isSearchable(b) ? b.text : '')) };
}

/** Per block of a segment: score, terms held whole, hits of the current term, tokens matched. */
interface Scratch {
  score: Float64Array;
  termsFull: Uint8Array;
  hits: Uint16Array;
  matched: Uint16Array;
}

interface QueryTerm {
  text: string;
  han: number[];
  words: string[];
}

const MAX_QUERY_TERMS = 8;
const MAX_WORD_EXPANSIONS = 30;
/** Marks carry the reset generation in their high part: `generation * GENERATION + counter`. */
const GENERATION = 2 ** 32;
/** Without a whole term, a hit needs this share of the query's weight. */
const MIN_SHARE = 0.75;

export class PassageSearch implements CandidateFinder {
  readonly #index: CorpusIndex;
  #base: Segment | undefined;
  /** Base document number by URI, for documents unchanged since the base was built. */
  #baseDocs = new Map<string, number>();
  /** Documents changed after `#snapshotAt` (or all, before any snapshot). */
  readonly #changedAt = new Map<string, number>();
  /** One small segment per document changed since the base was built. */
  readonly #delta = new Map<string, Segment>();
  #counter = 0;
  #snapshotAt = -1;
  #generation = 0;
  #scratch: Scratch | undefined;

  constructor(index: CorpusIndex) {
    this.#index = index;
    index.onDidChange((uris) => {
      this.#counter++;
      for (const uri of uris) {
        this.#changedAt.set(uri, this.#counter);
        this.#baseDocs.delete(uri);
        this.#delta.delete(uri);
        // Before the first snapshot everything waits for the segment; after it, changes go to the delta.
        if (this.#snapshotAt < 0) continue;
        const doc = index.getByUri(uri);
        if (doc) this.#delta.set(uri, deltaOf(doc));
      }
    });
  }

  /** True once a segment has been installed. */
  get ready(): boolean {
    return this.#base !== undefined;
  }

  /** Documents indexed in the delta rather than the segment; the owner rebuilds when this grows. */
  get deltaSize(): number {
    return this.#delta.size;
  }

  /** Drops the segment and the delta: a full reindex follows, then a new snapshot. */
  reset(): void {
    this.#generation++;
    this.#base = undefined;
    this.#baseDocs = new Map();
    this.#delta.clear();
    this.#changedAt.clear();
    this.#snapshotAt = -1;
  }

  /**
   * What a new segment should hold: every document now, and a mark to tell later changes apart.
   * Each document's texts are read when the build reaches it (documents are immutable: a changed
   * one is a new object), so no list of every block's text is made at once.
   */
  snapshot(): { inputs: Iterable<SegmentInput>; mark: number } {
    this.#snapshotAt = this.#counter;
    const docs = this.#index.docs().filter((d) => !d.unreadable);
    return {
      inputs: {
        *[Symbol.iterator]() {
          for (const d of docs) yield segmentInput(d);
        },
      },
      mark: this.#counter + this.#generation * GENERATION,
    };
  }

  /** Installs a segment built from `snapshot()`'s inputs; documents changed since stay in the delta. */
  install(segment: Segment, marked: number): void {
    // A segment snapshotted before a reset() belongs to a corpus that is gone.
    if (Math.floor(marked / GENERATION) !== this.#generation) return;
    const mark = marked % GENERATION;
    this.#base = segment;
    this.#baseDocs = new Map();
    segment.docs.forEach((uri, d) => {
      if ((this.#changedAt.get(uri) ?? -1) <= mark) this.#baseDocs.set(uri, d);
    });
    for (const [uri, at] of this.#changedAt) if (at <= mark) this.#changedAt.delete(uri);
    for (const uri of [...this.#delta.keys()]) if (this.#baseDocs.has(uri)) this.#delta.delete(uri);
    // Documents changed between the snapshot and now, not yet in the delta, go there.
    for (const uri of this.#changedAt.keys()) {
      const doc = this.#index.getByUri(uri);
      if (doc && !this.#delta.has(uri)) this.#delta.set(uri, deltaOf(doc));
    }
  }

  /** Builds and installs a segment in this thread (the CLI, tests, small corpora). */
  rebuildNow(): void {
    const { inputs, mark } = this.snapshot();
    this.install(buildSegment(inputs), mark);
  }

  /** The best passages for `query`, best first; with `within`, only those of these document ids. */
  search(query: string, limit: number, within?: ReadonlySet<string>): PassageHit[] {
    const terms = parseQuery(query);
    if (!terms.length) return [];
    // A document is in one segment only (the base leaves out documents changed since, which the delta holds).
    // Blocks holding every token of most terms first: the best of them are checked for the terms as written.
    const scored = new TopHits<PassageHit>(Math.max(limit * 4, 40));
    // Every segment is scored alike, with document frequencies weighed against the whole corpus.
    let corpusBlocks = this.#base?.blockDoc.length ?? 0;
    for (const d of this.#delta.values()) corpusBlocks += d.blockDoc.length;
    corpusBlocks = Math.max(1, corpusBlocks);
    if (this.#base)
      this.#score(this.#base, terms, corpusBlocks, (uri) => this.#baseDocs.has(uri), within, scored);
    for (const d of this.#delta.values()) this.#score(d, terms, corpusBlocks, () => true, within, scored);
    // A hit holds every token of some term, or most of the query's tokens; the rest is noise.
    // (#score keeps only those.)
    const head = scored.best();
    const foldedTerms = terms.map((t) => foldForSearch(t.text).replace(/\s+/g, ''));
    for (const h of head) {
      h.exact = foldedTermsIn(h.doc.blocks[h.block]!.text, foldedTerms);
    }
    head.sort((a, b) => b.exact - a.exact || b.score - a.score);
    return head.slice(0, limit);
  }

  /** For quote verification: blocks likely to hold a folded quote. */
  candidates(quote: string, limit: number): BlockRef[] {
    // A long quote: its first 80 characters are enough to find where it comes from.
    return this.search(quote.slice(0, 80), limit);
  }

  /**
   * Offers the hits of segment `s` to `out`: per block, the idf of every query token it holds, how
   * many terms it holds whole, and its share of the query's tokens. Blocks of documents for which
   * `live` is false (changed since the segment was built), or whose id is not `within`, are left out.
   */
  #score(
    s: Segment,
    terms: QueryTerm[],
    corpusBlocks: number,
    live: (uri: string) => boolean,
    within: ReadonlySet<string> | undefined,
    out: TopHits<PassageHit>,
  ): void {
    const { score, termsFull, hits, matched } = this.#scratchFor(s.blockDoc.length);
    const touched: number[] = [];
    try {
      let tokenCount = 0;
      for (const term of terms) {
        const lists: { postings: Uint32Array; weight: number }[] = [];
        for (const k of term.han) {
          if (k % 65536 === 0)
            for (const postings of hanPrefixPostings(s, k)) lists.push({ postings, weight: 1 });
          else lists.push({ postings: hanPostings(s, k), weight: 1 });
        }
        for (const w of term.words) {
          for (const { t, weight } of wordMatches(s, w))
            lists.push({ postings: wordPostingsAt(s, t), weight });
        }
        const needed = term.han.length + term.words.length;
        const seenThisTerm: number[] = [];
        // A lone character's postings come in several lists (one per bigram it starts): count a block once.
        const single = term.han.length === 1 && term.han[0]! % 65536 === 0;
        for (const { postings, weight } of lists) {
          if (!postings.length) continue;
          const idf = Math.log(1 + corpusBlocks / postings.length) * weight;
          for (let i = 0; i < postings.length; i++) {
            const g = postings[i]!;
            if (score[g] === 0 && termsFull[g] === 0) touched.push(g);
            score[g] += idf;
            if (hits[g] === 0) seenThisTerm.push(g);
            if (!single || hits[g] === 0) hits[g]++;
          }
        }
        tokenCount += needed;
        for (const g of seenThisTerm) {
          matched[g] += Math.min(hits[g]!, needed);
          if (hits[g]! >= needed) termsFull[g]++;
          hits[g] = 0;
        }
      }
      for (const g of touched) {
        // The filter of search(), applied before any object is made: a common bigram touches most blocks.
        if (termsFull[g] === 0 && matched[g]! / tokenCount < MIN_SHARE) continue;
        // No object for a block that would not be among the best so far.
        if (!out.wants(termsFull[g]!, score[g]!)) continue;
        const uri = s.docs[s.blockDoc[g]!]!;
        if (!live(uri)) continue;
        const doc = this.#index.getByUri(uri);
        if (!doc || (within && !within.has(doc.id))) continue;
        const block = s.blockIndex[g]!;
        const exact = termsFull[g]!;
        out.add(exact, score[g]!, { doc, block, score: score[g]!, exact, share: matched[g]! / tokenCount });
      }
    } finally {
      // Every entry this query set goes back to zero for the next.
      for (const g of touched) {
        score[g] = 0;
        termsFull[g] = 0;
        hits[g] = 0;
        matched[g] = 0;
      }
    }
  }

  /**
   * Per-block counters for scoring, kept from query to query (at 20,000 sources, allocating
   * them per query made 2 MB of garbage a query): all zero between queries.
   */
  #scratchFor(blocks: number): Scratch {
    if (!this.#scratch || this.#scratch.score.length < blocks) {
      this.#scratch = {
        score: new Float64Array(blocks),
        termsFull: new Uint8Array(blocks),
        hits: new Uint16Array(blocks),
        matched: new Uint16Array(blocks),
      };
    }
    return this.#scratch;
  }
}

function parseQuery(query: string): QueryTerm[] {
  const out: QueryTerm[] = [];
  for (const text of query.split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_TERMS)) {
    const han = new Set<number>();
    const words = new Set<string>();
    forEachToken(
      text,
      (k) => han.add(k),
      (w) => words.add(w),
    );
    if (han.size || words.size) out.push({ text, han: [...han], words: [...words] });
  }
  return out;
}

/** Word postings for a query word: itself, words it begins (prefix), and near spellings (fuzzy). */
function wordMatches(s: Segment, w: string): { t: number; weight: number }[] {
  const out: { t: number; weight: number }[] = [];
  for (let t = firstWordAtOrAfter(s, w); t < s.words.length && out.length < MAX_WORD_EXPANSIONS; t++) {
    const word = s.words[t]!;
    if (!word.startsWith(w)) break;
    out.push({ t, weight: word === w ? 1 : 0.8 });
  }
  if (w.length >= 4) {
    const max = w.length >= 8 ? 2 : 1;
    for (let t = 0; t < s.words.length && out.length < MAX_WORD_EXPANSIONS * 2; t++) {
      const word = s.words[t]!;
      if (Math.abs(word.length - w.length) > max || word.startsWith(w)) continue;
      if (editDistance(w, word, max) <= max) out.push({ t, weight: 0.5 });
    }
  }
  return out;
}

/** A document changed since the base was built, indexed on its own. */
function deltaOf(doc: SourceDoc): Segment {
  return buildSegment([segmentInput(doc)], true);
}
