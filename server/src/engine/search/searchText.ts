/**
 * How text is cut into search tokens, the same for passages and queries:
 *
 * - folded first: NFKC-lite (full-width Latin and digits become ASCII), Latin lower case, and
 *   Traditional Han characters mapped to Simplified one by one, so `美國盟友` and `美国盟友` meet;
 * - a run of Han characters gives its overlapping bigrams (`美国盟友` → 美国 国盟 盟友), a lone Han
 *   character gives itself;
 * - a run of Latin letters and digits gives one word (`Two-Level` → `two`, `level`).
 *
 * Example: tokens('美國盟友 Two-Level') → ['美国', '国盟', '盟友', 'two', 'level'].
 */
import { HAN_FOLDS } from './hanFolds.js';

export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xdf && c <= 0x24f && c !== 0xf7 && c !== 0xd7)
  );
}

/** Folds one UTF-16 unit for search (see the module comment). */
export function foldUnit(c: number): number {
  return (foldTable ??= buildFoldTable())[c]!;
}

/** Every UTF-16 unit's fold, looked up rather than computed: the tokenizer folds every character. */
let foldTable: Uint16Array | undefined;

/**
 * Built on first use, in about a millisecond: case and width by rule, Traditional Han characters
 * from the table generated from opencc-js ({@link HAN_FOLDS}; no converter is loaded).
 */
function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = foldOne(c);
  for (const line of HAN_FOLDS)
    for (let i = 0; i + 1 < line.length; i += 2) table[line.charCodeAt(i)] = line.charCodeAt(i + 1);
  return table;
}

function foldOne(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  if (c >= 0xff01 && c <= 0xff5e) return foldOne(c - 0xfee0);
  if (c >= 0xc0 && c <= 0x24f) return String.fromCharCode(c).toLowerCase().charCodeAt(0);
  return c;
}

/** The folded text, unit by unit (same length as the input). */
export function foldForSearch(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = foldUnit(text.charCodeAt(i));
  let out = '';
  // In pieces: a call's arguments are limited in number.
  for (let i = 0; i < units.length; i += 8192)
    out += String.fromCharCode(...units.subarray(i, Math.min(units.length, i + 8192)));
  return out;
}

let spaceTable: Uint8Array | undefined;
let units = new Uint16Array(1024);

/**
 * How many of `terms` (each folded, without white space) occur in `text` folded and without
 * white space: `foldForSearch(text).replace(/\s+/g, '').includes(term)` for each, counted, with
 * no folded copy of `text` made or kept. Example: foldedTermsIn('美國 盟友', ['美国盟友', '日本']) → 1.
 */
export function foldedTermsIn(text: string, terms: readonly string[]): number {
  const space = (spaceTable ??= Uint8Array.from({ length: 65536 }, (_, c) =>
    /\s/.test(String.fromCharCode(c)) ? 1 : 0,
  ));
  if (units.length < text.length) units = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = foldUnit(text.charCodeAt(i));
    if (!space[c]) units[n++] = c;
  }
  let count = 0;
  for (const t of terms) if (unitsInclude(units, n, t)) count++;
  return count;
}

/** Whether `units[0, n)` holds the UTF-16 units of `t` in a row. */
function unitsInclude(units: Uint16Array, n: number, t: string): boolean {
  const m = t.length;
  if (m === 0) return true;
  const first = t.charCodeAt(0);
  outer: for (let i = 0; i + m <= n; i++) {
    if (units[i] !== first) continue;
    for (let j = 1; j < m; j++) if (units[i + j] !== t.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** A Han bigram or single character as one number: `c1 * 65536 + c2` (c2 = 0 for a single one). */
export type HanKey = number;

/**
 * Calls `han` for every Han token key and `word` for every Latin word of `text`, in order.
 * Work is linear in the text; no intermediate arrays. With `from` and `to`, only the text between
 * them is read: where both are {@link tokenPieceEnd}s, the pieces' tokens are the whole text's.
 */
export function forEachToken(
  text: string,
  han: (key: HanKey) => void,
  word: (w: string) => void,
  from = 0,
  to = text.length,
): void {
  const n = to;
  let i = from;
  while (i < n) {
    const c = foldUnit(text.charCodeAt(i));
    if (isHan(c)) {
      let prev = c;
      let j = i + 1;
      let count = 1;
      while (j < n) {
        const d = foldUnit(text.charCodeAt(j));
        if (!isHan(d)) break;
        han(prev * 65536 + d);
        prev = d;
        j++;
        count++;
      }
      if (count === 1) han(c * 65536);
      i = j;
    } else if (isWordChar(c)) {
      let j = i + 1;
      let w = String.fromCharCode(c);
      while (j < n) {
        const d = foldUnit(text.charCodeAt(j));
        if (!isWordChar(d)) break;
        w += String.fromCharCode(d);
        j++;
      }
      word(w);
      i = j;
    } else i++;
  }
}

/**
 * Where a piece of `text` read from `from` may end so that no token spans the cut: the last
 * separator (a unit that folds to neither a Han character nor a word character) at most `max`
 * units after `from`, else the first one after that, else the text's end. Example: in
 * `'美国 盟友'` from 0 with max 3, the piece ends at the space (2): `美国`, then ` 盟友` from 2.
 */
export function tokenPieceEnd(text: string, from: number, max: number): number {
  if (text.length - from <= max) return text.length;
  const isSeparator = (i: number) => {
    const c = foldUnit(text.charCodeAt(i));
    return !isHan(c) && !isWordChar(c);
  };
  for (let i = from + max; i > from; i--) if (isSeparator(i)) return i;
  for (let i = from + max + 1; i < text.length; i++) if (isSeparator(i)) return i;
  return text.length;
}

/** The tokens of a text as strings (for tests and debugging). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(
    text,
    (k) =>
      out.push(
        String.fromCharCode(Math.floor(k / 65536)) + (k % 65536 ? String.fromCharCode(k % 65536) : ''),
      ),
    (w) => out.push(w),
  );
  return out;
}
