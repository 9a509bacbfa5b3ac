/**
 * Finds the citations of a draft. Code is not prose: citations inside fenced or indented code
 * blocks, HTML blocks, inline code spans and the YAML front matter are ignored.
 *
 * Block structure comes from `markdown-it`'s block pass only (inline parsing is off, so this
 * stays fast on every keystroke); inline code spans come from {@link codeSpans}.
 */
import MarkdownIt from 'markdown-it';
import { parseFrontMatter } from '../corpus/frontMatter.js';
import { LineIndex, type Range } from '../text/positions.js';
import {
  citationTarget,
  NextIndex,
  scanCitation,
  type CitationPart,
  type ScannedCitation,
} from './citation.js';
import { pandocCitationsIn } from './pandocCitations.js';
import { codeSpans } from './codeSpans.js';
import { drain, type Steps } from '../steps.js';

export interface Citation extends ScannedCitation {
  /** The whole citation, `[[` to `]]`. */
  range: Range;
  docRange?: Range;
  anchorRange?: Range;
  labelRange?: Range;
  locatorRange?: Range;
  /** `002#us-phase3`, or `002` for the whole document. */
  target: string;
  /** The citation exactly as written, brackets included (`[[002#us-phase3|x]]`). */
  raw: string;
  /** Set for an item of a Pandoc citation (`[@lan2022, p. 54]`); see pandocCitations.ts. */
  pandoc?: PandocInfo;
}

/**
 * What a Pandoc citation item adds to a {@link Citation}. Several items of one bracket
 * (`[see @a, 54; @b]`) share one `cluster`: export makes them one citation (one note).
 */
export interface PandocInfo {
  /** Offsets of the whole bracket (or of `@key [p. 54]` in the text). */
  clusterStart: number;
  clusterEnd: number;
  /** `@key` or `@key [p. 54]` in the text rather than in brackets. */
  inText: boolean;
  /** `[-@key]`: the author left out. */
  suppressAuthor: boolean;
  /** Words before the key (`see`). */
  prefix?: string;
  /** Everything after the key and its comma (`p. 54`, `chap. 2`, `and passim`). */
  suffix?: string;
}

/** Lines [start, end) of a Markdown blockquote, as markdown-it saw it. */
export interface BlockSpan {
  startLine: number;
  endLine: number;
}

export interface DraftParse {
  text: string;
  lines: LineIndex;
  citations: Citation[];
  /** Blockquotes, outermost first, for quote extraction. */
  blockquotes: BlockSpan[];
  /**
   * What an edit needs to re-parse only the blocks it touches (see reparseDraft.ts): the first
   * line after the front matter, and the lines where a top-level block starts, ascending.
   */
  structure?: DraftStructure;
}

export interface DraftStructure {
  bodyStartLine: number;
  topStarts: number[];
}

/** What markdown-it's block pass says about lines [from, to) of a draft: code to skip, blockquotes, top-level blocks. */
export interface BlockScan {
  blockquotes: BlockSpan[];
  topStarts: number[];
  /** A top-level fence or HTML block runs to the end of the scanned lines (it may run on past them). */
  openAtEnd: boolean;
}

let blockParser: ReturnType<typeof MarkdownIt> | undefined;

function blocksOnly(): ReturnType<typeof MarkdownIt> {
  if (!blockParser) {
    blockParser = new MarkdownIt({ html: true });
    blockParser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);
  }
  return blockParser;
}

export function parseDraft(text: string): DraftParse {
  return drain(parseDraftSteps(text));
}

/** Citations scanned between two steps of a parse. */
const CITATIONS_PER_STEP = 250;

/** {@link parseDraft} a step at a time: it yields after the block pass and every 250 citations. */
export function* parseDraftSteps(text: string): Steps<DraftParse> {
  const lines = new LineIndex(text);
  const lineCount = lines.lineCount;
  const skip = new Uint8Array(lineCount);
  const fm = parseFrontMatter(text);
  for (let l = 0; l < fm.bodyStartLine; l++) skip[l] = 1;
  const body = fm.bodyStartOffset ? text.slice(fm.bodyStartOffset) : text;
  const blocks = scanBlocks(body, fm.bodyStartLine, lineCount, skip);
  yield;
  const citations: Citation[] = [];
  yield* scanCitationSteps(text, lines, fm.bodyStartLine, lineCount, skip, citations);
  return {
    text,
    lines,
    citations,
    blockquotes: blocks.blockquotes,
    structure: { bodyStartLine: fm.bodyStartLine, topStarts: blocks.topStarts },
  };
}

/**
 * markdown-it's block pass over `body`, whose first line is line `firstLine` of the draft: marks
 * in `skip` the lines of code and HTML blocks (indexed by draft line, `skip` covers lines up to
 * `lineCount`), and returns the blockquotes and the top-level block starts, in draft lines.
 */
export function scanBlocks(body: string, firstLine: number, lineCount: number, skip: Uint8Array): BlockScan {
  const blockquotes: BlockSpan[] = [];
  const topStarts: number[] = [];
  let openAtEnd = false;
  const bodyLines = countLines(body);
  for (const t of blocksOnly().parse(body, {})) {
    if (!t.map) continue;
    const start = t.map[0] + firstLine;
    const end = t.map[1] + firstLine;
    if (t.level === 0 && t.nesting !== -1) {
      topStarts.push(start);
      if ((t.type === 'fence' || t.type === 'html_block') && t.map[1] >= bodyLines) openAtEnd = true;
    }
    if (t.type === 'fence' || t.type === 'code_block' || t.type === 'html_block') {
      for (let l = start; l < end && l < lineCount; l++) skip[l] = 1;
    } else if (t.type === 'blockquote_open') {
      blockquotes.push({ startLine: start, endLine: end });
    }
  }
  return { blockquotes, topStarts, openAtEnd };
}

/** Lines of `text` as markdown-it counts them: a final line break ends the last line. */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length && !text.endsWith('\n') ? n + 1 : n;
}

/**
 * Appends to `out` the citations of lines [fromLine, toLine) that `skip` does not exclude, in
 * text order, yielding every 250 citations.
 */
export function* scanCitationSteps(
  text: string,
  lines: LineIndex,
  fromLine: number,
  toLine: number,
  skip: Uint8Array,
  out: Citation[],
): Steps<void> {
  const next = new NextIndex(text);
  let line = fromLine;
  while (line < toLine) {
    if (skip[line] || isBlankLine(text, lines, line)) {
      line++;
      continue;
    }
    // A segment: consecutive prose lines, inside which code spans may cross line ends.
    let endLine = line;
    while (endLine < toLine && !skip[endLine] && !isBlankLine(text, lines, endLine)) endLine++;
    const segStart = lines.lineStart(line);
    const segEnd = endLine < lines.lineCount ? lines.lineStart(endLine) : text.length;
    yield* scanSegment(text, segStart, segEnd, lines, next, out);
    line = endLine;
  }
}

function* scanBrackets(
  text: string,
  start: number,
  end: number,
  lines: LineIndex,
  finder: NextIndex,
  spans: [number, number][],
  out: Citation[],
): Steps<void> {
  let spanIndex = 0;
  let i = start;
  // Positions of `[[` in this segment, found in one bounded pass.
  const openings: number[] = [];
  const seg = text.slice(start, end);
  for (let k = seg.indexOf('[['); k !== -1; k = seg.indexOf('[[', k + 1)) openings.push(start + k);
  let next = 0;
  while (i < end) {
    while (next < openings.length && openings[next]! < i) next++;
    const at = openings[next];
    if (at === undefined) return;
    while (spanIndex < spans.length && spans[spanIndex]![1] <= at) spanIndex++;
    const span = spans[spanIndex];
    if (span && span[0] <= at) {
      i = span[1];
      continue;
    }
    if (at > 0 && text.charCodeAt(at - 1) === 0x5c /* \ */) {
      i = at + 2;
      continue;
    }
    const limit = Math.min(finder.lineEnd(at), span ? span[0] : end);
    const scanned = scanCitation(text, at, limit, finder)!;
    if (out.push(withRanges(scanned, text, lines)) % CITATIONS_PER_STEP === 0) yield;
    i = Math.max(scanned.end, at + 2);
  }
}

/** The `[[…]]` citations of a segment (see {@link scanBrackets}), then its Pandoc citations, merged in text order. */
function* scanSegment(
  text: string,
  start: number,
  end: number,
  lines: LineIndex,
  finder: NextIndex,
  out: Citation[],
): Steps<void> {
  const spans = codeSpans(text, start, end);
  const first = out.length;
  yield* scanBrackets(text, start, end, lines, finder, spans, out);
  if (text.indexOf('@', start) === -1 || text.indexOf('@', start) >= end) return;
  const pandoc = pandocCitationsIn(text, start, end, lines, spans, out.slice(first));
  if (!pandoc.length) return;
  const mine = out.splice(first);
  let a = 0;
  let b = 0;
  while (a < mine.length || b < pandoc.length) {
    const next =
      b >= pandoc.length || (a < mine.length && mine[a]!.start < pandoc[b]!.start)
        ? mine[a++]!
        : pandoc[b++]!;
    if (out.push(next) % CITATIONS_PER_STEP === 0) yield;
  }
}

/**
 * A citation with `c`'s fields (those it has) and the given range, target and text. Written out
 * rather than spread: an object spread of these varied shapes cost 20 µs a citation, most of a
 * draft's parse.
 */
export function citationFrom(
  c: ScannedCitation & { pandoc?: PandocInfo },
  range: Range,
  target: string,
  raw: string,
): Citation {
  const out: Citation = { start: c.start, end: c.end, closed: c.closed, range, target, raw };
  if (c.doc) out.doc = c.doc;
  if (c.anchor) out.anchor = c.anchor;
  if (c.label) out.label = c.label;
  if (c.locator) out.locator = c.locator;
  if (c.hash !== undefined) out.hash = c.hash;
  if (c.pipe !== undefined) out.pipe = c.pipe;
  if (c.at !== undefined) out.at = c.at;
  if (c.problem) out.problem = c.problem;
  if (c.pandoc) out.pandoc = c.pandoc;
  return out;
}

function withRanges(c: ScannedCitation, text: string, lines: LineIndex): Citation {
  // A citation never crosses a line end: one line lookup serves all its parts.
  const line = lines.positionAt(c.start).line;
  const lineStart = lines.lineStart(line);
  const span = (start: number, end: number): Range => ({
    start: { line, character: start - lineStart },
    end: { line, character: end - lineStart },
  });
  const rangeOf = (p: CitationPart | undefined) => (p ? span(p.start, p.end) : undefined);
  const citation = citationFrom(c, span(c.start, c.end), citationTarget(c), text.slice(c.start, c.end));
  const docRange = rangeOf(c.doc);
  const anchorRange = rangeOf(c.anchor);
  const labelRange = rangeOf(c.label);
  const locatorRange = rangeOf(c.locator);
  if (locatorRange) citation.locatorRange = locatorRange;
  if (docRange) citation.docRange = docRange;
  if (anchorRange) citation.anchorRange = anchorRange;
  if (labelRange) citation.labelRange = labelRange;
  return citation;
}

export function isBlankLine(text: string, lines: LineIndex, line: number): boolean {
  const s = lines.lineStart(line);
  const e = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}
