/**
 * Which quotation belongs to which citation.
 *
 * - Inline: a quotation in “…”, "…", 「…」, 『…』 or ‘…’ that ends right before the citation — only
 *   spaces and at most one of `，,。.：:；;（(` between its closing mark and `[[`:
 *   `赛义德认为“核心问题是意识形态的一致性”[[001#saeed-ideology]]`, `“…”（[[002#us-phase3]]）`.
 * - Block: a Markdown blockquote whose last line ends with the citation, or whose next line is
 *   only the citation; the quote is the blockquote's text without `>` markers and the citation.
 * - A Pandoc citation counts as a whole bracket (`“…”[@002, p. 54; @001]`, `“…” @002 [p. 54]`):
 *   the quote belongs to its first item.
 *
 * An omission mark (`……`, `…`, `...`) inside a quote splits it into pieces that must all be found,
 * in order; so do the paragraphs of a block quote.
 */
import type { Range } from '../text/positions.js';
import { renderedInline, renderedParagraphs } from '../corpus/markdownBlocks.js';
import { ELLIPSIS } from '../quotes/fold.js';
import type { Citation, DraftParse } from './parseDraft.js';
import type { Reparse } from './reparseDraft.js';
import { drain, type Steps } from '../steps.js';

export interface Quote {
  kind: 'inline' | 'block';
  citation: Citation;
  /** The quoted words as written: inline, between the marks; block, without `>` and the citation. */
  text: string;
  /** The same as a reader sees it: Markdown rendered (no emphasis marks, links, `>`), citations removed. */
  plain: string;
  /** The parts to find in order: `text` split at omission marks (and a block quote's paragraphs). */
  pieces: string[];
  /** Where the quoted words are in the draft (offsets and range). */
  start: number;
  end: number;
  range: Range;
}

const CLOSING_TO_OPENING: Record<string, string> = { '”': '“', '"': '"', '」': '「', '』': '『', '’': '‘' };
const BETWEEN = new Set([...'，,。.：:；;（(']);
const MAX_INLINE_QUOTE = 4000;

/**
 * The quotations of the citations on lines [fromLine, toLine) (all by default), in text order. A
 * quotation lies in its citation's block: lines between blank lines.
 */
export function extractQuotes(draft: DraftParse, fromLine = 0, toLine = Infinity): Quote[] {
  return drain(extractQuoteSteps(draft, fromLine, toLine));
}

/** Citations looked at between two steps of {@link extractQuoteSteps}. */
const CITATIONS_PER_STEP = 100;

/** {@link extractQuotes} a step at a time: it yields every 100 citations. */
function* extractQuoteSteps(draft: DraftParse, fromLine: number, toLine: number): Steps<Quote[]> {
  const quotes: Quote[] = [];
  const taken = new Set<Citation>();
  for (const q of blockQuotes(draft, fromLine, toLine)) {
    quotes.push(q);
    taken.add(q.citation);
  }
  let n = 0;
  let prev: Citation | undefined;
  for (const c of draft.citations) {
    if (++n % CITATIONS_PER_STEP === 0) yield;
    const later = c.pandoc && prev?.pandoc?.clusterStart === c.pandoc.clusterStart;
    prev = c;
    if (later || taken.has(c) || c.range.start.line < fromLine || c.range.start.line >= toLine) continue;
    const q = inlineQuote(draft, c);
    if (q) quotes.push(q);
  }
  return quotes.sort((a, b) => a.start - b.start);
}

const cachedQuotes = new WeakMap<DraftParse, Quote[]>();

/** The draft's quotations, extracted once per parse (or carried over from the parse before, see {@link carryQuoteSteps}). */
export function quotesOf(draft: DraftParse): Quote[] {
  return drain(quoteSteps(draft));
}

/** {@link quotesOf} a step at a time. */
export function* quoteSteps(draft: DraftParse): Steps<Quote[]> {
  let quotes = cachedQuotes.get(draft);
  if (!quotes) cachedQuotes.set(draft, (quotes = yield* extractQuoteSteps(draft, 0, Infinity)));
  return quotes;
}

/**
 * After an incremental parse (`r`, from `old`): when `old`'s quotations were extracted, the new
 * parse's are those before the re-read lines as they were, those of the re-read lines extracted
 * anew, and those after moved by the edit. A quotation belongs to its citation's line; the lines
 * extracted anew run on past the re-read ones while a blockquote (old or new) reaching there may
 * put its citation further. The verdicts stay cached (by their words).
 *
 * Example: lines [0, 3) re-read and a blockquote on lines [1, 3): its citation may stand alone
 * on line 3, so the quotations of lines [0, 4) are extracted anew, not moved. A step at a time:
 * the quotations extracted anew are read in steps.
 */
export function* carryQuoteSteps(old: DraftParse, r: Reparse): Steps<void> {
  const before = cachedQuotes.get(old);
  if (!before || !r.span || r.draft === old) return;
  const { fromLine, oldToLine, newToLine, offsetDelta } = r.span;
  const lineDelta = newToLine - oldToLine;
  const oldAfter = firstFrom(old.citations, oldToLine);
  const newAfter = firstFrom(r.draft.citations, newToLine);
  /** The new citation an old one after the re-read lines became (found by its offset: both lists are in text order). */
  const moved = (c: Citation): Citation | undefined => {
    if (c.range.start.line < oldToLine) return undefined;
    let lo = oldAfter;
    let hi = old.citations.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (old.citations[mid]!.start < c.start) lo = mid + 1;
      else hi = mid;
    }
    return old.citations[lo] === c ? r.draft.citations[newAfter + lo - oldAfter] : undefined;
  };
  // A block quotation whose blockquote overlaps the re-read lines may have its citation after
  // them (on the line after the blockquote): its citation's line is re-read too, old and new.
  let toLine = newToLine;
  for (let grown = true; grown;) {
    grown = false;
    for (const b of r.draft.blockquotes)
      if (b.startLine < toLine && b.endLine >= toLine) {
        toLine = b.endLine + 1;
        grown = true;
      }
    for (const b of old.blockquotes)
      if (b.startLine < toLine - lineDelta && b.endLine + lineDelta >= toLine) {
        toLine = b.endLine + lineDelta + 1;
        grown = true;
      }
  }
  const out: Quote[] = [];
  for (const q of before) if (q.citation.range.start.line < fromLine) out.push(q);
  out.push(...(yield* extractQuoteSteps(r.draft, fromLine, toLine)));
  for (const q of before) {
    const citation = moved(q.citation);
    if (!citation || citation.range.start.line < toLine) continue;
    out.push({
      ...q,
      citation,
      start: q.start + offsetDelta,
      end: q.end + offsetDelta,
      range: {
        start: { line: q.range.start.line + lineDelta, character: q.range.start.character },
        end: { line: q.range.end.line + lineDelta, character: q.range.end.character },
      },
    });
  }
  cachedQuotes.set(
    r.draft,
    out.sort((a, b) => a.start - b.start),
  );
}

/** The index of the first of `citations` (in text order) on line `line` or after it. */
function firstFrom(citations: readonly Citation[], line: number): number {
  let lo = 0;
  let hi = citations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (citations[mid]!.range.start.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the citation starts and ends as written: a Pandoc item's whole bracket. */
function whole(c: Citation): { start: number; end: number } {
  return c.pandoc ? { start: c.pandoc.clusterStart, end: c.pandoc.clusterEnd } : c;
}

function inlineQuote(draft: DraftParse, c: Citation): Quote | undefined {
  const text = draft.text;
  let i = whole(c).start - 1;
  const skipSpaces = () => {
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i--;
  };
  skipSpaces();
  if (i >= 0 && BETWEEN.has(text[i]!)) {
    i--;
    skipSpaces();
  }
  const closing = text[i];
  const opening = closing !== undefined ? CLOSING_TO_OPENING[closing] : undefined;
  if (opening === undefined) return undefined;
  const end = i;
  const floor = Math.max(0, end - MAX_INLINE_QUOTE);
  for (let j = end - 1; j >= floor; j--) {
    const ch = text[j];
    if (ch === '\n' && followsBlankLine(text, j, floor)) return undefined; // a blank line: no quote
    if (ch !== opening) continue;
    const start = j + 1;
    const quoted = text.slice(start, end);
    if (!quoted.trim()) return undefined;
    // A quote wrapped over lines of a blockquote or list carries their markers: drop them, then render.
    const plain = withoutCitations(
      renderedInline(quoted.replace(/(\r?\n)[ \t]*(?:(?:>|[-*+]|\d+[.)])[ \t]+)*/g, '$1')),
    );
    return {
      kind: 'inline',
      citation: c,
      text: quoted,
      plain,
      pieces: splitPieces([plain]),
      start,
      end,
      range: draft.lines.rangeOf(start, end),
    };
  }
  return undefined;
}

/** True when the line ending at the line break `j` holds only blanks (and starts at or after `floor`). */
function followsBlankLine(text: string, j: number, floor: number): boolean {
  let k = j - 1;
  while (k >= floor && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k--;
  return k >= floor && text[k] === '\n';
}

function blockQuotes(draft: DraftParse, fromLine: number, toLine: number): Quote[] {
  const out: Quote[] = [];
  const { text, lines } = draft;
  const lineText = (l: number) =>
    text
      .slice(lines.lineStart(l), l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length)
      .replace(/\r?\n$|\r$/, '');
  // A blockquote's citation ends its last line or stands on the line after it (`endLine`): only
  // those that may have one in [fromLine, toLine) are read, and kept when it is there.
  const inside = draft.blockquotes.filter((b) => b.endLine >= fromLine && b.startLine < toLine);
  const outermost = inside.filter(
    (b) => !inside.some((o) => o !== b && o.startLine <= b.startLine && o.endLine >= b.endLine),
  );
  for (const bq of outermost) {
    const last = bq.endLine - 1;
    // The citation ends the blockquote's last line, or stands alone on the line after it.
    const lastEnd = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
    let c = draft.citations.find(
      (x) => x.range.end.line === last && !text.slice(whole(x).end, lastEnd).trim(),
    );
    if (!c && bq.endLine < lines.lineCount) {
      const next = lineText(bq.endLine).trim();
      c = draft.citations.find(
        (x) => x.range.start.line === bq.endLine && text.slice(whole(x).start, whole(x).end) === next,
      );
    }
    if (!c || c.range.start.line < fromLine || c.range.start.line >= toLine) continue;
    const cStart = whole(c).start;
    const cLine = lines.positionAt(cStart).line;
    const paragraphs: string[][] = [[]];
    let start = -1;
    let end = -1;
    for (let l = bq.startLine; l <= last; l++) {
      const lineStart = lines.lineStart(l);
      let body = lineText(l);
      const marker = /^[ \t]{0,3}(?:>[ \t]?)*/.exec(body)![0];
      let from = marker.length;
      if (l === cLine) body = body.slice(0, cStart - lineStart);
      const content = body.slice(from).replace(/(?<![ \t])[ \t]+$/, '');
      if (!content.trim()) {
        if (paragraphs[paragraphs.length - 1]!.length) paragraphs.push([]);
        continue;
      }
      from += content.length - content.trimStart().length;
      if (start < 0) start = lineStart + from;
      end = lineStart + from + content.trim().length;
      paragraphs[paragraphs.length - 1]!.push(content.trim());
    }
    const texts = paragraphs.filter((p) => p.length).map((p) => p.join('\n'));
    if (!texts.length || start < 0) continue;
    // What the reader sees: the blockquote's lines rendered (nested markers, lists, emphasis).
    const source = text.slice(lines.lineStart(bq.startLine), cStart);
    const rendered = renderedParagraphs(source)
      .map(withoutCitations)
      .filter((p) => p.trim());
    out.push({
      kind: 'block',
      citation: c,
      text: texts.join('\n\n'),
      plain: rendered.join('\n\n'),
      pieces: splitPieces(rendered),
      start,
      end,
      range: lines.rangeOf(start, end),
    });
  }
  return out;
}

/**
 * `text` without its `[[…]]` (no `]` or line break inside). A scan that remembers the next `]` and
 * line break, where `/\[\[[^\]\n]*\]\]/g` would read to the next `]` from every `[[`.
 */
export function withoutCitations(text: string): string {
  let out = '';
  let i = 0;
  // The next `]` and line break, moved forward only: each is searched for once per position.
  let close = 0;
  let lineEnd = 0;
  for (let open = text.indexOf('[[', i); open !== -1; open = text.indexOf('[[', i)) {
    if (close !== -1 && close < open + 2) close = text.indexOf(']', open + 2);
    if (close === -1) break;
    if (lineEnd !== -1 && lineEnd < open + 2) lineEnd = text.indexOf('\n', open + 2);
    if (text.charCodeAt(close + 1) === 0x5d && (lineEnd === -1 || lineEnd > close)) {
      out += text.slice(i, open);
      i = close + 2;
    } else {
      out += text.slice(i, open + 1);
      i = open + 1;
    }
  }
  return out + text.slice(i);
}

/**
 * A quotation given on its own rather than found in a draft (an assistant asking whether its
 * words are in a passage): `text` is plain, split at omission marks like a draft's quote.
 */
export function standaloneQuote(citation: Citation, text: string): Quote {
  return {
    kind: 'inline',
    citation,
    text,
    plain: text,
    pieces: splitPieces([text]),
    start: 0,
    end: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

function splitPieces(texts: string[]): string[] {
  return texts.flatMap((t) => t.split(ELLIPSIS)).filter((p) => p.trim() !== '');
}
