/**
 * The citation grammar — the one parser every front end uses (server, CLI, preview, export).
 *
 *     [[002]]                     the whole document 002
 *     [[002#us-phase3]]           document 002, anchor us-phase3
 *     [[002#us-phase3|撤军派]]     the same, shown as "撤军派"
 *
 * A citation ends at the first `]]` on its line. Broken forms are returned as values with a
 * `problem`, never thrown.
 *
 * Offsets are into the scanned string. Example: in `见[[002#us-phase3|x]]`, the citation spans
 * 1–21, `doc` is "002" at 3–6, `anchor` is "us-phase3" at 7–16, `label` is "x" at 17–18.
 */

export type CitationProblem =
  /** `[[]]` or `[[  ]]` */
  | 'empty'
  /** `[[#x]]` */
  | 'empty-document'
  /** `[[002#]]` */
  | 'empty-anchor'
  /** `[[002#a#b]]` */
  | 'extra-hash'
  /** `[[002|]]` */
  | 'empty-label'
  /** `[[002` with no `]]` on the same line */
  | 'unclosed';

export interface CitationPart {
  text: string;
  start: number;
  end: number;
}

export interface ScannedCitation {
  /** Offset of `[[`. */
  start: number;
  /** Offset after `]]`; for an unclosed citation, after its last non-blank character. */
  end: number;
  closed: boolean;
  doc?: CitationPart;
  anchor?: CitationPart;
  label?: CitationPart;
  /** Offset of the `#`, when written. */
  hash?: number;
  /** Offset of the `|`, when written. */
  pipe?: number;
  problem?: CitationProblem;
}

/**
 * Reads the citation whose `[[` is at `start`, looking no further than `limit` (the end of the
 * line). Returns undefined when `src` has no `[[` at `start`.
 */
export function scanCitation(
  src: string,
  start: number,
  limit = lineEndOf(src, start),
): ScannedCitation | undefined {
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5b) return undefined;
  const innerStart = start + 2;
  let close = src.indexOf(']]', innerStart);
  if (close >= limit) close = -1;
  const reopen = src.indexOf('[[', innerStart);
  if (close !== -1 && reopen !== -1 && reopen < close) close = -1;
  const closed = close !== -1;
  const innerEnd = closed
    ? close
    : trimEndOffset(src, innerStart, reopen !== -1 && reopen < limit ? reopen : limit);
  const c: ScannedCitation = { start, end: closed ? close + 2 : innerEnd, closed };

  const pipe = src.indexOf('|', innerStart);
  const targetEnd = pipe !== -1 && pipe < innerEnd ? pipe : innerEnd;
  if (targetEnd < innerEnd) {
    c.pipe = targetEnd;
    c.label = part(src, targetEnd + 1, innerEnd);
  }
  const hash = src.indexOf('#', innerStart);
  if (hash !== -1 && hash < targetEnd) {
    c.hash = hash;
    c.doc = part(src, innerStart, hash);
    c.anchor = part(src, hash + 1, targetEnd);
  } else {
    c.doc = part(src, innerStart, targetEnd);
  }
  if (!closed) c.problem = 'unclosed';
  else if (!c.doc.text && !c.anchor?.text && !c.label?.text) c.problem = 'empty';
  else if (!c.doc.text) c.problem = 'empty-document';
  else if (c.hash !== undefined && !c.anchor?.text) c.problem = 'empty-anchor';
  else if (c.anchor?.text.includes('#')) c.problem = 'extra-hash';
  else if (c.pipe !== undefined && !c.label?.text) c.problem = 'empty-label';
  return c;
}

/** `002#us-phase3` for a citation of an anchor, `002` for a document. */
export function citationTarget(c: Pick<ScannedCitation, 'doc' | 'anchor'>): string {
  return c.anchor?.text ? `${c.doc?.text ?? ''}#${c.anchor.text}` : (c.doc?.text ?? '');
}

/** The part between `start` and `end`, without surrounding blanks. */
function part(src: string, start: number, end: number): CitationPart {
  let s = start;
  let e = end;
  while (s < e && isBlank(src.charCodeAt(s))) s++;
  while (e > s && isBlank(src.charCodeAt(e - 1))) e--;
  return { text: src.slice(s, e), start: s, end: e };
}

function trimEndOffset(src: string, start: number, end: number): number {
  let e = end;
  while (e > start && isBlank(src.charCodeAt(e - 1))) e--;
  return e;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000;
}

export function lineEndOf(src: string, offset: number): number {
  const n = src.indexOf('\n', offset);
  const r = src.indexOf('\r', offset);
  if (n === -1) return r === -1 ? src.length : r;
  return r === -1 ? n : Math.min(n, r);
}
