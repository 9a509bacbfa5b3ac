/**
 * The citation grammar — the one parser every front end uses (server, CLI, preview, export).
 *
 *     [[002]]                     the whole document 002
 *     [[002#us-phase3]]           document 002, anchor us-phase3
 *     [[002#us-phase3|撤军派]]     the same, shown as "撤军派"
 *     [[002#us-phase3@54]]        the same passage, at page 54 (overrides the computed pages)
 *     [[002@53-55|兰江等]]         the whole document at pages 53–55, shown as "兰江等"
 *
 * A citation ends at the first `]]` on its line. Broken forms are returned as values with a
 * `problem`, never thrown.
 *
 * Offsets are into the scanned string. Example: in `见[[002#us-phase3|x]]`, the citation spans
 * 1–21, `doc` is "002" at 3–6, `anchor` is "us-phase3" at 7–16, `label` is "x" at 17–18. In
 * `[[002#a@54-55]]`, `anchor` is "a" at 6–7 and `locator` is "54-55" at 8–13.
 *
 * A locator is one or more pages or page ranges: `54`, `53-55` (or `53–55`), `53, 55`. It comes
 * after the target and before the label, because ids never hold `@` and labels may.
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
  | 'unclosed'
  /** `[[002#a@]]` */
  | 'empty-locator'
  /** `[[002#a@p.5]]`: a locator is pages (`54`, `53-55`, `53, 55`) */
  | 'bad-locator';

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
  /** Pages written after `@`, e.g. `53-55`. */
  locator?: CitationPart;
  /** Offset of the `#`, when written. */
  hash?: number;
  /** Offset of the `|`, when written. */
  pipe?: number;
  /** Offset of the `@`, when written. */
  at?: number;
  problem?: CitationProblem;
}

/**
 * Reads the citation whose `[[` is at `start`, looking no further than `limit` (the end of the
 * line). Returns undefined when `src` has no `[[` at `start`. A caller scanning many citations of
 * one text passes one {@link NextIndex} for them all, so the whole scan stays linear.
 */
export function scanCitation(
  src: string,
  start: number,
  limit = lineEndOf(src, start),
  next = new NextIndex(src),
): ScannedCitation | undefined {
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5b) return undefined;
  const innerStart = start + 2;
  const find = (needle: string, from: number) => {
    const at = next.find(needle, from);
    return at !== -1 && at + needle.length <= limit ? at : -1;
  };
  let close = find(']]', innerStart);
  const reopen = find('[[', innerStart);
  if (close !== -1 && reopen !== -1 && reopen < close) close = -1;
  const closed = close !== -1;
  const innerEnd = closed
    ? close
    : trimEndOffset(src, innerStart, reopen !== -1 && reopen < limit ? reopen : limit);
  const c: ScannedCitation = { start, end: closed ? close + 2 : innerEnd, closed };

  const pipe = find('|', innerStart);
  const beforeLabel = pipe !== -1 && pipe < innerEnd ? pipe : innerEnd;
  if (beforeLabel < innerEnd) {
    c.pipe = beforeLabel;
    c.label = part(src, beforeLabel + 1, innerEnd);
  }
  const at = find('@', innerStart);
  const targetEnd = at !== -1 && at < beforeLabel ? at : beforeLabel;
  if (targetEnd < beforeLabel) {
    c.at = targetEnd;
    c.locator = part(src, targetEnd + 1, beforeLabel);
  }
  const hash = find('#', innerStart);
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
  else if (c.at !== undefined && !c.locator?.text) c.problem = 'empty-locator';
  else if (c.locator && !parsePages(c.locator.text)) c.problem = 'bad-locator';
  return c;
}

/** A page range, first and last inclusive: `53-55` → `{ first: 53, last: 55 }`. */
export interface PageRange {
  first: number;
  last: number;
}

const PAGE_ITEM = /^(\d{1,6})(?:\s*[-–—~～]\s*(\d{1,6}))?$/;

/**
 * The pages of a locator or of a `pages` field, in order: `53-55` → [{53, 55}], `53, 55` →
 * [{53, 53}, {55, 55}], `p. 54` → undefined (not pages). A range written backwards is not pages.
 */
export function parsePages(text: string): PageRange[] | undefined {
  const items = text.split(/[,，、]/);
  const out: PageRange[] = [];
  for (const item of items) {
    const m = PAGE_ITEM.exec(item.trim());
    if (!m) return undefined;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first) return undefined;
    out.push({ first, last });
  }
  return out.length ? out : undefined;
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

/**
 * `src.indexOf(needle, from)` that remembers its last answer per needle. While `from` never
 * decreases, each needle's search moves forward through the text once, so scanning every
 * citation of a line of 10,000 `[[` is linear, not quadratic. Any `from` gives the right answer.
 */
export class NextIndex {
  readonly #src: string;
  /** needle → [the `from` last asked, the answer]. */
  readonly #last = new Map<string, [number, number]>();

  constructor(src: string) {
    this.#src = src;
  }

  find(needle: string, from: number): number {
    const last = this.#last.get(needle);
    // The last answer holds for any `from` between the last `from` and that answer.
    if (last && last[0] <= from && (last[1] === -1 || last[1] >= from)) return last[1];
    const at = this.#src.indexOf(needle, from);
    this.#last.set(needle, [from, at]);
    return at;
  }

  /** The offset of the line break ending the line of `offset` (or the text's end). */
  lineEnd(offset: number): number {
    const lf = this.find('\n', offset);
    const cr = this.find('\r', offset);
    if (lf === -1) return cr === -1 ? this.#src.length : cr;
    return cr === -1 ? lf : Math.min(lf, cr);
  }
}

/** The offset of the line break ending the line of `offset` (or the text's end). Reads only that line. */
export function lineEndOf(src: string, offset: number): number {
  let i = offset;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return src.length;
}

/**
 * Pandoc's citation syntax, read by the same grammar (not yet wired into `parseDraft`):
 *
 *     [@lan2022]                     one citation, in brackets
 *     [@lan2022, p. 54]              with a locator: pages (`p.`, `pp.`, or a bare number) …
 *     [see @lan2022, 54; @qian2021, chap. 2]   several, with a prefix; `chap. 2` is not pages
 *     [-@lan2022]                    the author suppressed
 *     @lan2022 [p. 54]               in the text, its locator in brackets after it
 *
 * A key starts with a letter, digit or `_` and may hold `:.#$%&-+?<>~/` inside it (trailing
 * punctuation ends the sentence, not the key); `@{any key}` quotes one. An `@` right after a
 * letter or digit (`me@example.com`) is not a citation, as in Pandoc; in the text, an `@key`
 * must follow a blank, an opening bracket or quote, a dash or CJK text (not `/@user` in a URL).
 *
 * Example: in `见[see @lan2022, p. 54]`, the citation spans 1–21, its one item has `prefix`
 * "see" at 2–5, `key` "lan2022" at 7–14, `locator` "54" at 19–21 and `label` "page".
 */
export interface PandocItem {
  key: CitationPart;
  /** `[-@key]` */
  suppressAuthor: boolean;
  /** Words before the key (`see`). */
  prefix?: CitationPart;
  /** Everything after the key and its comma (`p. 54`, `chap. 2`, `and passim`). */
  suffix?: CitationPart;
  /** The pages, when the suffix is a page locator (`54`, `53–55`, from `p. 54`, `pp. 53–55`, `54`). */
  locator?: CitationPart;
  /** What the locator counts: `page`, or the label written (`chap.`), when the suffix has one. */
  label?: string;
}

export interface PandocCitation {
  start: number;
  end: number;
  /** `@key [p. 54]` rather than `[@key, p. 54]`. */
  inText: boolean;
  items: PandocItem[];
}

const KEY_START = /^[\p{L}\p{N}_]$/u;
const KEY_CHAR = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]$/u;
const KEY_PUNCT = /^[:.#$%&\-+?<>~/]$/;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** What may stand right before an in-text `@key`: a blank, an opening bracket or quote, a dash, or a CJK character. */
const IN_TEXT_BEFORE =
  /^[\s([“‘"'—–\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}，。、；：（]$/u;
/** Whether an in-text `@key` may follow the character `before` (undefined: the text's start). */
export function mayStartInText(before: string | undefined): boolean {
  return before === undefined || IN_TEXT_BEFORE.test(before);
}
const PAGE_LABEL = /^(?:pages|page|pp|p)\.?\s*/i;
const OTHER_LABEL = /^([\p{L}]+\.?)\s+(?=\S)/u;

/**
 * The Pandoc citations of one line `src[start, end)`, in order. Linear in the line's length:
 * each `[` looks for its `]` through one {@link NextIndex}. With `onlyAtStart`, only a citation
 * starting at `start` is looked for (a caller trying each position, as markdown-it's inline rules
 * do, stays linear).
 */
export function scanPandocCitations(
  src: string,
  start = 0,
  end = src.length,
  next = new NextIndex(src),
  onlyAtStart = false,
): PandocCitation[] {
  const out: PandocCitation[] = [];
  let i = start;
  while (i < end && !(onlyAtStart && i > start)) {
    const c = src.charCodeAt(i);
    if (
      c === 0x5b /* [ */ &&
      src.charCodeAt(i + 1) !== 0x5b &&
      (i === start || src.charCodeAt(i - 1) !== 0x5b)
    ) {
      const close = next.find(']', i + 1);
      const open = next.find('[', i + 1);
      if (close !== -1 && close < end && (open === -1 || open > close)) {
        const items = bracketItems(src, i + 1, close, next);
        if (items) {
          out.push({ start: i, end: close + 1, inText: false, items });
          i = close + 1;
          continue;
        }
      }
    } else if (c === 0x40 /* @ */ && (i === start || IN_TEXT_BEFORE.test(src[i - 1]!))) {
      const key = readKey(src, i + 1, end, next);
      if (key) {
        const item: PandocItem = { key, suppressAuthor: false };
        let stop = key.end + (src[key.end] === '}' ? 1 : 0);
        // `@key [p. 54]`: a bracket after one space holds its locator.
        if (src[stop] === ' ' && src[stop + 1] === '[' && src[stop + 2] !== '@') {
          const close = next.find(']', stop + 2);
          const open = next.find('[', stop + 2);
          if (
            close !== -1 &&
            close < end &&
            (open === -1 || open > close) &&
            !src.slice(stop + 2, close).includes('@')
          ) {
            withSuffix(item, trimmed(src, stop + 2, close));
            stop = close + 1;
          }
        }
        out.push({ start: i, end: stop, inText: true, items: [item] });
        i = stop;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The items of `[…]` between `from` and `to`, or undefined when it is not a citation. */
function bracketItems(src: string, from: number, to: number, next: NextIndex): PandocItem[] | undefined {
  const items: PandocItem[] = [];
  let s = from;
  for (let e = from; e <= to; e++) {
    if (e < to && src[e] !== ';') continue;
    const item = bracketItem(src, s, e, next);
    if (!item) return undefined;
    items.push(item);
    s = e + 1;
  }
  return items.length ? items : undefined;
}

/** One `prefix -@key, suffix` between `from` and `to`. */
function bracketItem(src: string, from: number, to: number, next: NextIndex): PandocItem | undefined {
  let at = -1;
  for (let i = from; i < to; i++)
    if (src[i] === '@' && (i === from || !WORD_CHAR.test(src[i - 1]!))) {
      at = i;
      break;
    }
  if (at === -1) return undefined;
  const suppress = src[at - 1] === '-' && (at - 1 === from || /\s/.test(src[at - 2]!));
  const key = readKey(src, at + 1, to, next);
  if (!key) return undefined;
  const item: PandocItem = { key, suppressAuthor: suppress };
  const prefix = trimmed(src, from, suppress ? at - 1 : at);
  if (prefix.text) item.prefix = prefix;
  let after = key.end + (src[key.end] === '}' ? 1 : 0);
  if (src[after] === ',') after++;
  const suffix = trimmed(src, after, to);
  if (suffix.text) withSuffix(item, suffix);
  return item;
}

/** Sets the suffix, and the locator when the suffix names pages (`p. 54`, `pp. 53–55`, `54`) or another unit (`chap. 2`). */
function withSuffix(item: PandocItem, suffix: CitationPart): void {
  item.suffix = suffix;
  const page = PAGE_LABEL.exec(suffix.text);
  const skip = page ? page[0].length : 0;
  const pages = suffix.text.slice(skip);
  if (parsePages(pages)) {
    item.locator = { text: pages, start: suffix.start + skip, end: suffix.end };
    item.label = 'page';
    return;
  }
  const other = OTHER_LABEL.exec(suffix.text);
  if (other) {
    const from = suffix.start + other[0].length;
    item.locator = { text: suffix.text.slice(other[0].length), start: from, end: suffix.end };
    item.label = other[1]!;
  }
}

/** The key after `@` at `from` (`{…}` quoted, or key characters without trailing punctuation). */
function readKey(src: string, from: number, limit: number, next: NextIndex): CitationPart | undefined {
  if (src[from] === '{') {
    const close = next.find('}', from + 1);
    if (close === -1 || close > limit || close === from + 1) return undefined;
    return { text: src.slice(from + 1, close), start: from + 1, end: close };
  }
  if (from >= limit || !KEY_START.test(src[from]!)) return undefined;
  let e = from + 1;
  while (e < limit && KEY_CHAR.test(src[e]!)) e++;
  while (e > from + 1 && KEY_PUNCT.test(src[e - 1]!)) e--;
  return { text: src.slice(from, e), start: from, end: e };
}

function trimmed(src: string, start: number, end: number): CitationPart {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(src[s]!)) s++;
  while (e > s && /\s/.test(src[e - 1]!)) e--;
  return { text: src.slice(s, e), start: s, end: e };
}
