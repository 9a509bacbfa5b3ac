/**
 * Quote verification as diagnostics and hover text: every quotation tied to a resolvable
 * citation is judged (see quotes/verifyQuote.ts) and turned into `quote-converted`,
 * `quote-elsewhere` or `quote-not-found`, or nothing when it is verbatim.
 */
import { diffChars } from 'diff';
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';
import { parsePages } from '../drafts/citation.js';
import type { Citation, DraftParse } from '../drafts/parseDraft.js';
import { pagesPassage } from '../biblio/pages.js';
import { quoteSteps, type Quote } from '../drafts/quotes.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { foldText } from '../quotes/fold.js';
import {
  MIN_SEARCHABLE,
  QuoteVerifier,
  WORDING_FIX_SIMILARITY,
  type CandidateFinder,
  type QuoteVerdict,
} from '../quotes/verifyQuote.js';
import { joinLines } from '../text/joinLines.js';
import { escapeMarkdown } from '../text/markdownEscape.js';
import type { Position } from '../text/positions.js';
import type { CheckDiagnostic } from './diagnostics.js';
import { resolveCitation } from './resolve.js';
import { drain } from '../steps.js';

export interface JudgedQuote {
  quote: Quote;
  doc: SourceDoc;
  anchor: Anchor | undefined;
  verdict: QuoteVerdict | { kind: 'no-text' };
}

const NO_TEXT = { kind: 'no-text' } as const;

export class QuoteChecker {
  readonly #index: CorpusIndex;
  readonly #verifier: QuoteVerifier;
  #cacheVersion = -1;
  readonly #cache = new Map<string, QuoteVerdict>();

  constructor(index: CorpusIndex, finder: CandidateFinder) {
    this.#index = index;
    this.#verifier = new QuoteVerifier(finder);
  }

  /** Forgets past verdicts (the search index behind "found elsewhere" changed). */
  invalidate(): void {
    this.#cache.clear();
  }

  /** Every quotation of the draft with a resolvable citation, judged. */
  judge(draft: DraftParse): JudgedQuote[] {
    return drain(this.#judgeSteps(draft));
  }

  /** {@link judge} a step at a time: it yields after each quotation (a new verdict can cost a corpus search). */
  *#judgeSteps(draft: DraftParse): Generator<void, JudgedQuote[]> {
    if (this.#cacheVersion !== this.#index.version) {
      this.#cache.clear();
      this.#cacheVersion = this.#index.version;
    }
    const quotes = yield* quoteSteps(draft);
    const out: JudgedQuote[] = [];
    for (const quote of quotes) {
      const judged = this.judgeQuote(quote);
      if (judged) out.push(judged);
      yield;
    }
    return out;
  }

  /**
   * One quotation judged against its citation's passage: a draft's, or one asked about alone (an
   * assistant's `verify_quote`). Undefined when the citation does not resolve.
   */
  judgeQuote(quote: Quote): JudgedQuote | undefined {
    if (this.#cacheVersion !== this.#index.version) {
      this.#cache.clear();
      this.#cacheVersion = this.#index.version;
    }
    const r = resolveCitation(this.#index, quote.citation, false);
    if (r.kind !== 'anchor' && r.kind !== 'document') return undefined;
    const anchor = r.kind === 'anchor' ? r.anchor : undefined;
    if (!r.doc.blocks.length) return { quote, doc: r.doc, anchor, verdict: NO_TEXT };
    // A Pandoc citation's pages are its passage (`“…”[@002, p. 54]`): the blocks printed on them.
    const pages =
      quote.citation.pandoc && quote.citation.locator ? parsePages(quote.citation.locator.text) : undefined;
    const passage = anchor ?? (pages && pagesPassage(r.doc, pages));
    const key = `${quote.citation.target}\u0000${passage ? `${passage.firstBlock}-${passage.endBlock}` : ''}\u0000${quote.pieces.join('\u0000')}`;
    let verdict = this.#cache.get(key);
    if (!verdict) {
      verdict = this.#verifier.verify(quote, r.doc, passage);
      if (this.#cache.size > 5000) this.#cache.clear();
      this.#cache.set(key, verdict);
    }
    return { quote, doc: r.doc, anchor, verdict };
  }

  diagnostics(draft: DraftParse): Omit<CheckDiagnostic, 'severity'>[] {
    return drain(this.diagnosticSteps(draft));
  }

  /** {@link diagnostics} a step at a time (see {@link judge}). */
  *diagnosticSteps(draft: DraftParse): Generator<void, Omit<CheckDiagnostic, 'severity'>[]> {
    const out: Omit<CheckDiagnostic, 'severity'>[] = [];
    for (const j of yield* this.#judgeSteps(draft)) {
      const d = quoteDiagnostic(j);
      if (d) out.push(d);
    }
    return out;
  }

  /** The judged quote whose words or citation are under `position`. */
  at(draft: DraftParse, position: Position): JudgedQuote | undefined {
    if (!draft.lines.isValid(position)) return undefined;
    const offset = draft.lines.offsetAt(position);
    return this.judge(draft).find(
      (j) =>
        (offset >= j.quote.start && offset <= j.quote.end) ||
        (offset >= j.quote.citation.start && offset <= j.quote.citation.end),
    );
  }
}

/** How a message names the cited passage: `[[002#us-phase3]]`, or for a Pandoc citation `@002, p. 54`. */
function citedAs(c: Citation): string {
  if (!c.pandoc) return `[[${c.target}]]`;
  return c.locator ? `@${c.target}, p. ${c.locator.text}` : `@${c.target}`;
}

export function quoteDiagnostic(j: JudgedQuote): Omit<CheckDiagnostic, 'severity'> | undefined {
  const cited = citedAs(j.quote.citation);
  const base = { range: j.quote.range, citation: j.quote.citation.target };
  const v = j.verdict;
  switch (v.kind) {
    case 'verbatim':
      return undefined;
    case 'no-text':
      return {
        ...base,
        code: 'quote-no-text',
        message: `Quote not verified: ${cited} has no text to verify against (metadata only; import its PDF or web page to check quotes).`,
      };
    case 'converted':
      return {
        ...base,
        code: 'quote-converted',
        message: `Quote matches ${cited} after ${v.sourceScript === 'traditional' ? 'Traditional→Simplified' : 'Simplified→Traditional'} conversion: the source is in ${v.sourceScript === 'traditional' ? 'Traditional' : 'Simplified'} script.`,
      };
    case 'elsewhere':
      return {
        ...base,
        code: 'quote-elsewhere',
        message: `Quote not in ${cited}; found in [[${v.target}]]${v.converted ? ' (after Traditional↔Simplified conversion)' : ''}.`,
        suggestions: [v.target],
      };
    case 'not-found': {
      const short = foldedLength(j.quote) < MIN_SEARCHABLE;
      const where = short
        ? `not found in ${cited} (too short to look for elsewhere)`
        : `not found in ${cited} nor anywhere in the corpus`;
      const closest = v.closest
        ? `; closest: [[${v.closest.target}]], ${Math.floor(v.closest.similarity * 100)}% similar`
        : '';
      const d: Omit<CheckDiagnostic, 'severity'> = {
        ...base,
        code: 'quote-not-found',
        message: `Quote ${where}${closest}.`,
      };
      if (
        v.closest?.complete &&
        v.closest.similarity >= WORDING_FIX_SIMILARITY &&
        j.quote.pieces.length === 1
      )
        d.wording = v.closest.wording;
      return d;
    }
  }
}

/** Hover text for a judged quote: the verdict, and for a mismatch the two wordings with the differences marked. */
export function describeQuote(j: JudgedQuote): string {
  const cited = escapeMarkdown(citedAs(j.quote.citation));
  const v = j.verdict;
  switch (v.kind) {
    case 'verbatim':
      return `✓ **Quote verified**: verbatim in ${cited}.`;
    case 'no-text':
      return `**Quote not verified**: ${cited} has no text to verify against (metadata only).`;
    case 'converted':
      return `✓ **Quote verified** in ${cited} after ${v.sourceScript === 'traditional' ? 'Traditional→Simplified' : 'Simplified→Traditional'} conversion.`;
    case 'elsewhere':
      return `✗ **Quote not in ${cited}**: it is in ${escapeMarkdown(`[[${v.target}]]`)}.`;
    case 'not-found': {
      if (!v.closest) return `✗ **Quote not found** in ${cited} nor elsewhere in the corpus.`;
      const pct = Math.floor(v.closest.similarity * 100);
      return [
        `✗ **Quote not found**; closest: ${escapeMarkdown(`[[${v.closest.target}]]`)}, ${pct}% similar.`,
        '',
        '| Your quote | The source |',
        '| --- | --- |',
        `| ${markedDiff(joinLines(j.quote.plain), v.closest.wording)} |`,
      ].join('\n');
    }
  }
}

/**
 * Both wordings with the differing characters marked: removed in the quote as ~~struck~~,
 * different in the source as **bold**. Returns "quote | source" for a table row.
 */
export function markedDiff(quote: string, source: string): string {
  let left = '';
  let right = '';
  for (const part of diffChars(quote, source)) {
    const text = escapeMarkdown(part.value);
    if (part.added) right += `**${text}**`;
    else if (part.removed) left += `~~${text}~~`;
    else {
      left += text;
      right += text;
    }
  }
  return `${left} | ${right}`;
}

function foldedLength(q: Quote): number {
  return foldText(q.pieces.join('')).length;
}
