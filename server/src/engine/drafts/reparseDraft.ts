/**
 * Incremental draft parsing: the parse of a draft's new text from the parse of its previous text,
 * re-reading only the blocks the edit touched. Equal to `parseDraft(text)` (a property test holds
 * it so after random edits, fences opened and closed included).
 *
 * The edit is found by comparing the two texts (common prefix and suffix), so any number of
 * changes between two parses count as one. The lines re-read run from a top-level block start
 * before the edit to one after it, each at column 0 after a blank line, where markdown-it's block
 * pass starts afresh (nothing open: a paragraph ends at a blank line, a list item at a line that
 * is not indented). The span widens while a fence or an HTML block opened inside it runs to its
 * end. Citations and blockquotes before the span are kept as they are; those after it are moved
 * by the edit's length (offsets) and line count (ranges).
 *
 * Example: in a draft of three paragraphs, typing in the second re-reads the second only; the
 * third's citations keep their text, their offsets move by the characters typed.
 */
import { parseFrontMatter } from '../corpus/frontMatter.js';
import { LineIndex, type Range } from '../text/positions.js';
import type { CitationPart } from './citation.js';
import { drain, type Steps } from '../steps.js';
import {
  citationFrom,
  isBlankLine,
  parseDraftSteps,
  scanBlocks,
  scanCitationSteps,
  type BlockSpan,
  type Citation,
  type DraftParse,
} from './parseDraft.js';

/** Citations moved between two steps (an edit at the top of a draft moves all of them). */
const SHIFTS_PER_STEP = 2000;

/** Where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The one span that changed between `before` and `after` (their common prefix and suffix left out). */
export function changeBetween(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Which lines of the new text were re-read, for callers that carry other per-block data over (quotes). */
export interface Reparse {
  draft: DraftParse;
  /** Old lines [fromLine, oldToLine) became new lines [fromLine, newToLine); undefined after a full parse. */
  span?: { fromLine: number; oldToLine: number; newToLine: number; offsetDelta: number };
}

/** `parseDraft(text)`, computed from `old` where the edit allows. */
export function reparseDraft(old: DraftParse, text: string): DraftParse {
  return reparse(old, text).draft;
}

export function reparse(old: DraftParse, text: string): Reparse {
  return drain(reparseSteps(old, text));
}

/** {@link reparse} a step at a time (the steps of the scan, see parseDraftSteps). */
export function* reparseSteps(old: DraftParse, text: string): Steps<Reparse> {
  if (old.text === text)
    return { draft: old, span: { fromLine: 0, oldToLine: 0, newToLine: 0, offsetDelta: 0 } };
  const structure = old.structure;
  if (!structure) return { draft: yield* parseDraftSteps(text) };
  const change = changeBetween(old.text, text);
  const lines = new LineIndex(text);
  const firstLine = old.lines.positionAt(change.start).line;
  // The front matter is parsed whole: an edit in it, or one that moves its end, parses all.
  const fm = parseFrontMatter(text);
  if (fm.bodyStartLine !== structure.bodyStartLine || (fm.bodyStartLine > 0 && firstLine < fm.bodyStartLine))
    return { draft: yield* parseDraftSteps(text) };

  const oldLastLine = old.lines.positionAt(change.oldEnd).line;
  const lineDelta = lines.lineCount - old.lines.lineCount;
  const offsetDelta = text.length - old.text.length;
  const starts = structure.topStarts;

  // From: the last clean block start whose first character and the blank line before it are
  // before the edit (or the body's start).
  let from = fm.bodyStartLine;
  for (let k = upperBound(starts, firstLine) - 1; k >= 0; k--) {
    if (old.lines.lineStart(starts[k]!) >= change.start) continue;
    if (isCleanStart(old.text, old.lines, starts[k]!, fm.bodyStartLine)) {
      from = starts[k]!;
      break;
    }
  }
  // To: the first block start after the edit's last line that is clean in the new text and was
  // clean in the old one (what the old parse says after it did not depend on the lines before
  // it), widened while a fence or an HTML block opened before it runs to it.
  let k = upperBound(starts, oldLastLine);
  for (;;) {
    while (
      k < starts.length &&
      !(
        isCleanStart(old.text, old.lines, starts[k]!, fm.bodyStartLine) &&
        isCleanStart(text, lines, starts[k]! + lineDelta, fm.bodyStartLine)
      )
    )
      k++;
    const oldTo = k < starts.length ? starts[k]! : old.lines.lineCount;
    const newTo = oldTo === old.lines.lineCount ? lines.lineCount : oldTo + lineDelta;
    const skip = new Uint8Array(lines.lineCount);
    for (let l = 0; l < fm.bodyStartLine; l++) skip[l] = 1;
    const sliceEnd = newTo < lines.lineCount ? lines.lineStart(newTo) : text.length;
    const blocks = scanBlocks(text.slice(lines.lineStart(from), sliceEnd), from, lines.lineCount, skip);
    if (blocks.openAtEnd && k < starts.length) {
      k++;
      continue;
    }
    const citations: Citation[] = [];
    const oldCitations = old.citations;
    let c = 0;
    while (c < oldCitations.length && oldCitations[c]!.range.start.line < from)
      citations.push(oldCitations[c++]!);
    yield;
    yield* scanCitationSteps(text, lines, from, newTo, skip, citations);
    while (c < oldCitations.length && oldCitations[c]!.range.start.line < oldTo) c++;
    for (let n = 1; c < oldCitations.length; c++, n++) {
      citations.push(shiftCitation(oldCitations[c]!, offsetDelta, lineDelta));
      if (n % SHIFTS_PER_STEP === 0) yield;
    }

    const blockquotes: BlockSpan[] = [];
    for (const b of old.blockquotes) if (b.startLine < from) blockquotes.push(b);
    blockquotes.push(...blocks.blockquotes);
    for (const b of old.blockquotes)
      if (b.startLine >= oldTo)
        blockquotes.push({ startLine: b.startLine + lineDelta, endLine: b.endLine + lineDelta });

    const topStarts: number[] = [];
    for (const s of starts) if (s < from) topStarts.push(s);
    topStarts.push(...blocks.topStarts);
    for (const s of starts) if (s >= oldTo) topStarts.push(s + lineDelta);
    return {
      draft: {
        text,
        lines,
        citations,
        blockquotes,
        structure: { bodyStartLine: fm.bodyStartLine, topStarts },
      },
      span: { fromLine: from, oldToLine: oldTo, newToLine: newTo, offsetDelta },
    };
  }
}

/**
 * A line where markdown-it's block pass starts afresh, whatever comes before: the body's first
 * line, or a line written from column 0 after a blank line (it can continue no paragraph, list
 * item, code block or blockquote; a list item there continues a list without changing its blocks).
 */
function isCleanStart(text: string, lines: LineIndex, line: number, bodyStartLine: number): boolean {
  if (line === bodyStartLine) return true;
  if (line <= bodyStartLine || line >= lines.lineCount || !isBlankLine(text, lines, line - 1)) return false;
  const c = text.charCodeAt(lines.lineStart(line));
  return c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && !Number.isNaN(c);
}

/** The index of the first element of `sorted` greater than `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `c` moved by `offsets` characters and `lines` lines (its own line is unchanged, so are its columns). */
export function shiftCitation(c: Citation, offsets: number, lines: number): Citation {
  const part = (p: CitationPart | undefined) =>
    p && { text: p.text, start: p.start + offsets, end: p.end + offsets };
  const range = (r: Range | undefined) =>
    r && {
      start: { line: r.start.line + lines, character: r.start.character },
      end: { line: r.end.line + lines, character: r.end.character },
    };
  const out = citationFrom(c, range(c.range)!, c.target, c.raw);
  out.start = c.start + offsets;
  out.end = c.end + offsets;
  if (c.doc) out.doc = part(c.doc);
  if (c.anchor) out.anchor = part(c.anchor);
  if (c.label) out.label = part(c.label);
  if (c.locator) out.locator = part(c.locator);
  if (c.hash !== undefined) out.hash = c.hash + offsets;
  if (c.pipe !== undefined) out.pipe = c.pipe + offsets;
  if (c.at !== undefined) out.at = c.at + offsets;
  if (c.docRange) out.docRange = range(c.docRange);
  if (c.anchorRange) out.anchorRange = range(c.anchorRange);
  if (c.labelRange) out.labelRange = range(c.labelRange);
  if (c.locatorRange) out.locatorRange = range(c.locatorRange);
  if (c.pandoc)
    out.pandoc = {
      ...c.pandoc,
      clusterStart: c.pandoc.clusterStart + offsets,
      clusterEnd: c.pandoc.clusterEnd + offsets,
    };
  return out;
}
