/**
 * The verdict on one quotation against its cited passage, and the corpus.
 *
 * - verbatim: every piece is in the cited passage, in order, after folding (see fold.ts);
 * - converted: the same, only after Traditional↔Simplified conversion (both directions tried);
 * - elsewhere: not in the cited passage, but in another passage of the corpus (named);
 * - not-found: nowhere; the closest passage and how close, with the source's own words.
 *
 * Quotes shorter than {@link MIN_SEARCHABLE} folded characters (a word or two that occurs in many
 * places) are judged against the cited passage only.
 */
import { innermostSection, type Anchor, type Block, type SourceDoc } from '../corpus/sourceDoc.js';
import type { Quote } from '../drafts/quotes.js';
import { joinLines } from '../text/joinLines.js';
import { bestSubstring } from './approximate.js';
import { foldText } from './fold.js';
import { foldedBlock, simplifiedBlock, traditionalBlock } from './passageFolds.js';
import { hasHan, toSimplified, toTraditional } from './scripts.js';

export const MIN_SEARCHABLE = 6;
/** Approximate matching looks at this many folded characters of a quote, in this many blocks. */
const MAX_ALIGNED_QUOTE = 300;
const MAX_ALIGNED_BLOCKS = 12;
/** A closest passage at least this similar gets a "use the source's wording" fix. */
export const WORDING_FIX_SIMILARITY = 0.75;

/** A block of a document, the unit the corpus is searched by. */
export interface BlockRef {
  doc: SourceDoc;
  block: number;
}

/** Finds the blocks most likely to hold a quotation (by shared character bigrams or words). */
export interface CandidateFinder {
  /** `quote` as written (pieces joined by spaces), best blocks first. */
  candidates(quote: string, limit: number): BlockRef[];
}

export type QuoteVerdict =
  | { kind: 'verbatim' }
  | { kind: 'converted'; sourceScript: 'traditional' | 'simplified' }
  | { kind: 'elsewhere'; target: string; converted: boolean }
  | { kind: 'not-found'; closest?: Closest };

export interface Closest {
  target: string;
  /** 0–1: 1 − edit distance ÷ quote length. */
  similarity: number;
  /** The source's own words at the closest place. */
  wording: string;
  /** False when only the quote's beginning was compared (a very long quote): no wording to offer. */
  complete: boolean;
}

type Form = 'folded' | 'simplified' | 'traditional';

export class QuoteVerifier {
  readonly #finder: CandidateFinder;

  constructor(finder: CandidateFinder) {
    this.#finder = finder;
  }

  /**
   * Judges `quote` against `anchor` of `doc` (the whole document when `anchor` is undefined); any
   * run of blocks will do as the passage (a Pandoc citation's pages, see `biblio/pages.ts`).
   */
  verify(
    quote: Quote,
    doc: SourceDoc,
    anchor: Pick<Anchor, 'firstBlock' | 'endBlock'> | undefined,
  ): QuoteVerdict {
    const first = anchor ? anchor.firstBlock : 0;
    const end = anchor ? anchor.endBlock : doc.blocks.length;
    const blocks = doc.blocks.slice(first, end);
    const pieces = quote.pieces;
    if (inOrder(pieces, blocks, 'folded')) return { kind: 'verbatim' };
    const han = hasHan(quote.text);
    if (han && (inOrder(pieces, blocks, 'simplified') || inOrder(pieces, blocks, 'traditional'))) {
      return {
        kind: 'converted',
        sourceScript: blocks.some((b) => simplifiedBlock(b) !== foldedBlock(b).text)
          ? 'traditional'
          : 'simplified',
      };
    }
    const whole = foldText(pieces.join(''));
    const searchable = whole.length >= MIN_SEARCHABLE;
    const candidates = searchable ? this.#finder.candidates(pieces.join(' '), 20) : [];
    if (searchable) {
      for (const ref of candidates) {
        if (ref.doc === doc && ref.block >= first && ref.block < end) continue;
        const b = ref.doc.blocks[ref.block]!;
        if (inOrder(pieces, [b], 'folded'))
          return { kind: 'elsewhere', target: citationFor(ref), converted: false };
        if (han && (inOrder(pieces, [b], 'simplified') || inOrder(pieces, [b], 'traditional'))) {
          return { kind: 'elsewhere', target: citationFor(ref), converted: true };
        }
      }
    }
    const inPassage = blocks.map((_, k) => ({ doc, block: first + k }));
    const closest = closestOf(whole, searchable ? [...inPassage, ...candidates] : inPassage);
    return closest ? { kind: 'not-found', closest } : { kind: 'not-found' };
  }
}

/** True when every piece is found in the blocks, in order (a piece within one block). */
function inOrder(pieces: readonly string[], blocks: readonly Block[], form: Form): boolean {
  let b = 0;
  let from = 0;
  for (const raw of pieces) {
    const piece = formOf(raw, form);
    if (!piece) continue;
    let found = false;
    while (b < blocks.length) {
      const hay = blockForm(blocks[b]!, form);
      const at = hay.indexOf(piece, from);
      if (at >= 0) {
        from = at + piece.length;
        found = true;
        break;
      }
      b++;
      from = 0;
    }
    if (!found) return false;
  }
  return true;
}

function formOf(text: string, form: Form): string {
  if (form === 'folded') return foldText(text);
  return foldText(form === 'simplified' ? toSimplified(text) : toTraditional(text));
}

function blockForm(b: Block, form: Form): string {
  return form === 'folded'
    ? foldedBlock(b).text
    : form === 'simplified'
      ? simplifiedBlock(b)
      : traditionalBlock(b);
}

/** The block most like the quote, and its words; undefined when nothing is remotely alike. */
function closestOf(quote: string, refs: readonly BlockRef[]): Closest | undefined {
  if (!quote) return undefined;
  // Bounded work whatever the input: a long quote is compared by its beginning, and only the
  // blocks sharing most of its character pairs are aligned.
  const whole = quote.slice(0, MAX_ALIGNED_QUOTE);
  const grams = bigramsOf(whole);
  const seen = new Set<Block>();
  const ranked: { ref: BlockRef; shared: number }[] = [];
  for (const ref of refs) {
    const b = ref.doc.blocks[ref.block]!;
    if (seen.has(b) || b.kind === 'heading') continue;
    seen.add(b);
    const text = foldedBlock(b).text;
    ranked.push({ ref, shared: sharedBigrams(grams, text) });
  }
  ranked.sort((a, b) => b.shared - a.shared);
  let best: { ref: BlockRef; distance: number; start: number; end: number } | undefined;
  for (const { ref } of ranked.slice(0, MAX_ALIGNED_BLOCKS)) {
    const m = bestSubstring(whole, foldedBlock(ref.doc.blocks[ref.block]!).text);
    if (!best || m.distance < best.distance) best = { ref, ...m };
  }
  if (!best) return undefined;
  const similarity = Math.max(0, 1 - best.distance / whole.length);
  if (similarity < 0.3) return undefined;
  const b = best.ref.doc.blocks[best.ref.block]!;
  const folded = foldedBlock(b);
  const wording =
    best.end > best.start
      ? b.text.slice(
          folded.origin[best.start]!,
          folded.origin[best.end - 1]! + charLength(b.text, folded.origin[best.end - 1]!),
        )
      : '';
  return {
    target: citationFor(best.ref),
    similarity,
    wording: joinLines(wording),
    complete: whole === quote,
  };
}

function charLength(text: string, at: number): number {
  const c = text.codePointAt(at);
  return c !== undefined && c > 0xffff ? 2 : 1;
}

/**
 * The citation a writer would use for a block: its block id, the footnote, the innermost section
 * with an id (or slug), else its paragraph number; `002#us-phase2`.
 */
export function citationFor(ref: BlockRef): string {
  const { doc, block } = ref;
  let paragraph: Anchor | undefined;
  for (const a of doc.anchors) {
    if (doc.anchorMap.get(a.id) !== a || a.firstBlock !== block) continue;
    if (a.kind === 'block' || a.kind === 'footnote') return `${doc.id}#${a.id}`;
    if (a.kind === 'paragraph') paragraph = a;
  }
  const best = innermostSection(doc, block) ?? paragraph;
  return best ? `${doc.id}#${best.id}` : doc.id;
}

/** A finder that scans every block: fine for small corpora and tests; the search index replaces it. */
export class ScanFinder implements CandidateFinder {
  readonly #docs: () => readonly SourceDoc[];

  constructor(docs: () => readonly SourceDoc[]) {
    this.#docs = docs;
  }

  candidates(quote: string, limit: number): BlockRef[] {
    const foldedQuote = foldText(quote);
    const grams = bigramsOf(foldedQuote);
    const scored: { ref: BlockRef; score: number }[] = [];
    for (const doc of this.#docs()) {
      doc.blocks.forEach((b, block) => {
        if (b.kind === 'heading') return;
        const text = foldedBlock(b).text;
        const score = sharedBigrams(grams, text);
        if (score) scored.push({ ref: { doc, block }, score });
      });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, limit).map((s) => s.ref);
  }
}

/** The distinct character pairs of a text. */
function bigramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) grams.add(text.slice(i, i + 2));
  return grams;
}

/** How many of `grams` occur in `text`: a cheap likeness, to choose what to align or check first. */
function sharedBigrams(grams: ReadonlySet<string>, text: string): number {
  let n = 0;
  for (const g of grams) if (text.includes(g)) n++;
  return n;
}
