/**
 * The characters of a PDF's text items, before they become lines: normalised, and counted to tell
 * text that decodes from text that does not.
 *
 * - **Normalised** (`normalizeGlyphs`): the Latin compatibility ligatures (U+FB00–U+FB06) unfolded
 *   by NFKC (`ﬁnd` → `find`); the hyphen U+2010 and the non-breaking hyphen U+2011 as `-`; a soft
 *   hyphen (U+00AD) at the end of an item, where a producer writes a word's break at a line end,
 *   as `-`, so that `joinWrapped` rejoins the word (`Organi­` + `zation` → `Organization`), and
 *   anywhere else as nothing. Nothing else is folded: NFKC would turn the full-width punctuation
 *   the corpus keeps (`，` `：` `（`) into ASCII; quote comparison folds it anyway (`quotes/fold.ts`).
 * - **Undecodable** (`countGlyphs`, `isUndecodable`): a font without a Unicode map (an embedded
 *   CID font with `Identity-H` encoding and no `ToUnicode`) makes pdf.js read glyph numbers as
 *   characters: `AMi\`Q/m+iBQM` for `Introduction`, with C0 control characters where a glyph
 *   number is below 32; other fonts give private-use characters or U+FFFD. A page is undecodable
 *   when control characters are at least 1 % of its characters (real text has none), or private
 *   use and U+FFFD together at least half (a few symbol-font bullets are private use too). A page
 *   whose items (three or more, with a width) hold only spaces decodes to nothing: undecodable
 *   too. A page with no items at all is not: it has no text layer (a scan).
 */

import type { PdfItem } from './pdf.js';

/** The characters of one page's text items. */
export interface GlyphCount {
  /** Characters other than whitespace. */
  chars: number;
  /** C0 control characters (other than whitespace) and U+007F. */
  controls: number;
  /** Private-use characters and U+FFFD. */
  unmapped: number;
}

export function emptyGlyphCount(): GlyphCount {
  return { chars: 0, controls: 0, unmapped: 0 };
}

/**
 * One text item's string, normalised: `normalizeGlyphs('ﬁ‑nal­')` → `'fi-nal-'`,
 * `normalizeGlyphs('co\u00adop')` → `'coop'`.
 */
export function normalizeGlyphs(text: string): string {
  if (!/[\u00ad\u2010\u2011\ufb00-\ufb06]/.test(text)) return text;
  return text
    .replace(/[\ufb00-\ufb06]/g, (c) => c.normalize('NFKC'))
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\u00ad(?=\s*$)/, '-')
    .replace(/\u00ad/g, '');
}

/**
 * One page's items, their text normalised, and whether the page is undecodable. Example: the items
 * `['AMi`Q/m+iBQM', 'Z\u001cb']` → undecodable (1 control character in 13).
 */
export function readGlyphs(items: readonly PdfItem[]): { items: PdfItem[]; undecodable: boolean } {
  const count = emptyGlyphCount();
  let blank = 0;
  const out = items.map((item) => {
    const text = normalizeGlyphs(item.text);
    countGlyphs(text, count);
    if (item.width > 0 && !text.trim()) blank++;
    return text === item.text ? item : { ...item, text };
  });
  return { items: out, undecodable: isUndecodable(count) || (count.chars === 0 && blank >= 3) };
}

/** Adds the characters of `text` to `count`. */
export function countGlyphs(text: string, count: GlyphCount): void {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0x20 ? code === 0x09 || code === 0x0a || code === 0x0d || code === 0x20 : /\s/.test(ch))
      continue;
    count.chars++;
    if (code < 0x20 || code === 0x7f) count.controls++;
    else if (
      code === 0xfffd ||
      (code >= 0xe000 && code <= 0xf8ff) ||
      code >= 0xf0000 // planes 15 and 16: private use
    )
      count.unmapped++;
  }
}

/** True when a page's text is a font's glyph numbers rather than characters (see above). */
export function isUndecodable(count: GlyphCount): boolean {
  if (count.chars === 0) return false;
  return (count.controls >= 2 && count.controls >= count.chars * 0.01) || count.unmapped >= count.chars * 0.5;
}

/** Page numbers as a short list: `[1, 2, 3, 5]` → `1–3, 5`. */
export function pageList(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length;) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** What the writer should do about a font without a Unicode map. */
const REMEDY =
  'export the PDF again from its original with the fonts’ Unicode maps (ToUnicode) kept, or run OCR on it';

/** `page 3`, `pages 1–3, 5`, `all 12 pages`. */
function pagesNamed(pages: readonly number[], total: number): string {
  if (pages.length === total && total > 1) return `all ${total} pages`;
  return `${pages.length === 1 ? 'page' : 'pages'} ${pageList(pages)}`;
}

/**
 * The refusal of a PDF with too little readable text, when some of its pages do not decode:
 * `'a.pdf' has text that does not decode (page 1): its fonts have no Unicode map …`.
 */
export function undecodableRefusal(fileName: string, pages: readonly number[], total: number): string {
  return `'${fileName}' has text that does not decode (${pagesNamed(pages, total)}): its fonts have no Unicode map, so the text reads as glyph numbers, not letters (it is not a scan); ${REMEDY}`;
}

/** The warning of an imported PDF some of whose pages do not decode (their text is left out). */
export function undecodableWarning(pages: readonly number[], total: number): string {
  return `${pagesNamed(pages, total)} left out: text that does not decode (fonts without a Unicode map); to import ${pages.length === 1 ? 'it' : 'them'}, ${REMEDY}`;
}
