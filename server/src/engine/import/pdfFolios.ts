/**
 * Front matter numbered in roman (`\frontmatter` or `\pagenumbering{roman}` in LaTeX, a section
 * numbered i, ii, iii in Word): its folios, and the label each page of a PDF gets.
 *
 * A page's label is its Arabic number from the printed numbers' offset (`pdf.ts`'s
 * `pageNumbering`) when that is 1 or more. Before the Arabic pages (where that number is 0 or
 * less), it is the roman folio the page prints (`iv`), else the one the roman folios' offset gives
 * it (an unnumbered title page right before `ii` is `i`), else nothing. A roman folio on an Arabic
 * page is not believed (a stray `C` of a figure). The Arabic pages are what the engine counts:
 * page marks of roman folios (`<!-- page iv -->`) are read as comments (`corpus/pageMarks.ts`), so
 * front matter has no page, never a negative one. Example, a pdfTeX report of 10 PDF pages: an
 * unnumbered title page, `ii`, `iii`, then 1–7 printed → labels `i ii iii 1 2 3 4 5 6 7` (the
 * offset alone gave -2 … 7).
 */

/** A page's label: its Arabic number, or its roman folio (`iv`). */
export type PageLabel = number | string;

/** Lowercase or uppercase roman numerals from 1 to 3999, alone: `iv` → 4, `XII` → 12. */
const ROMAN = /^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;
const ONE_CASE = /^(?:[ivxlcdm]+|[IVXLCDM]+)$/;

/** The value of a line that is only a roman folio (`iv`, `· xii ·`, `- IV -`), else undefined. */
export function romanFolioOf(line: string): number | undefined {
  const t = line.trim().replace(/^[·•\-–—]\s?|\s?[·•\-–—]$/g, '');
  if (!ONE_CASE.test(t) || !ROMAN.test(t.toLowerCase())) return undefined;
  let value = 0;
  const digits: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  const s = t.toLowerCase();
  for (let i = 0; i < s.length; i++) {
    const d = digits[s[i]!]!;
    const next = digits[s[i + 1] ?? ''] ?? 0;
    value += d < next ? -d : d;
  }
  return value;
}

/** `4` → `iv`, in the case of the folios printed (`upper`: `IV`). */
export function toRoman(n: number, upper = false): string {
  const parts: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [value, digits] of parts)
    while (n >= value) {
      out += digits;
      n -= value;
    }
  return upper ? out.toUpperCase() : out;
}

/** A roman folio found on a page: its value and whether it was printed in capitals. */
export interface RomanFolio {
  value: number;
  upper: boolean;
}

/**
 * Each page's label (see above) from its Arabic number (index + the printed numbers' offset) and
 * the roman folio it prints, if any.
 */
export function pageLabels(
  arabic: readonly number[],
  roman: readonly (RomanFolio | undefined)[],
): (PageLabel | undefined)[] {
  const front = (i: number) => arabic[i]! < 1;
  const offsets = new Map<number, number>();
  roman.forEach((r, i) => r && front(i) && offsets.set(r.value - i, (offsets.get(r.value - i) ?? 0) + 1));
  let offset: number | undefined;
  let best = 0;
  for (const [o, c] of offsets) if (c > best) [offset, best] = [o, c];
  const upper = roman.some((r, i) => r?.upper && front(i));
  return arabic.map((n, i) => {
    const r = roman[i];
    if (n >= 1) return n;
    if (r) return toRoman(r.value, r.upper);
    if (offset !== undefined && i + offset >= 1) return toRoman(i + offset, upper);
    return undefined;
  });
}
