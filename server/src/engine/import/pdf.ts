/**
 * PDFs with a text layer: the text items of each page (from `node/pdfText.ts`, pdf.js) become
 * lines in reading order, then blocks. The stages, each over the previous one's data:
 *
 *     items ─ pdfLayout.ts (regions: bands and columns) ─ pageLines (lines per region, here)
 *       ─ dropPageChrome (running heads, folios, here) ─ pdfBlocks.ts (paragraphs, headings,
 *       footnotes and endnotes with pdfNotes.ts, captions, reference entries)
 *
 * - **Lines**: a region's items on one baseline (within half a font size), left to right; a gap
 *   wider than a fifth of the font size between Latin text is a space; next to a CJK character,
 *   gaps and spaces are the justification's spacing and are dropped (`2024 年 4 月` → `2024年4月`).
 *   A small raised marker (`¹`, `a`, `①`) is carried between U+E000 and U+E001 until the notes are
 *   known; one set alone on the line below a full line (Chromium and Writer both do it) belongs
 *   to that line's end.
 * - **Running heads and page numbers**: among the first and last two lines of each page (in
 *   reading order: the head and folio are regions of their own, read first and last), a line
 *   not set larger than the body that recurs (digits ignored) at the top or bottom of at least
 *   half the odd or half the even pages (and of two or more) is a running head or foot; a line
 *   that is only a page number (`·48·`, `12`, `3/20`) is the printed page number. Both are
 *   dropped and counted.
 * - **Page marks**: each page begins with `<!-- page N -->` — N the printed number when the pages
 *   print one (the most common offset from the PDF's own page index), else the PDF's page index;
 *   front matter before page 1 is marked with its roman folio (`<!-- page iv -->`) or not at all
 *   (`pdfFolios.ts`), never with a number below 1.
 *   A paragraph that runs onto the next page holds the mark inside (`…利<!-- page 54 -->益…`).
 * - **No text layer** (a scan): refused; this importer does no OCR. Text that does not decode (a
 *   font without a Unicode map, `pdfGlyphs.ts`) is refused or, on some pages only, left out with a
 *   warning naming those pages.
 */
import { drop, type ImportedDoc, type ImportOutcome } from './importedDoc.js';
import { headKey, isGarbageLine, pageNumberOf } from './lineKinds.js';
import { bodySize, buildPdfBlocks } from './pdfBlocks.js';
import { pageLabels, romanFolioOf, type RomanFolio } from './pdfFolios.js';
import { undecodableRefusal, undecodableWarning } from './pdfGlyphs.js';
import { layoutPage } from './pdfLayout.js';
import { MARKER_ONLY } from './pdfNotes.js';
import { guessLanguage } from './plainText.js';

/** One run of text on a page, in PDF units with y growing upwards (pdf.js's transform). */
export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

/**
 * A page as lines of text (`pageLines`), in reading order. The reader of a PDF turns each page's
 * items into lines as soon as it has them, so that a long PDF is never held as items in memory.
 */
export type PdfPageLines = Line[];

export interface PdfInfo {
  title?: string;
  author?: string;
  pages: PdfPageLines[];
  /** The pages (1 for the first) whose text does not decode (`pdfGlyphs.ts`); their lines are empty. */
  undecodable?: number[];
}

/** One printed line: its text (raised markers between U+E000 and U+E001), extent and font size. */
export interface Line {
  text: string;
  x: number;
  xEnd: number;
  y: number;
  size: number;
  /** The region of the page the line is in (`pdfLayout.ts`), counted in reading order from 0. */
  region: number;
  /** How many columns stand side by side there: 1 for a full-width band, 2 for a column of two. */
  columns: number;
  /** Set on every line of a page whose layout was doubtful. */
  doubtful?: true;
}

const CJK_END = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u;
const CJK_START = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * A title property that says nothing: PDF libraries write one when the producer gave none
 * (ReportLab `(anonymous)`, others `untitled`). The first-level heading stands in for it.
 */
const PLACEHOLDER_TITLE = /^\(?(?:anonymous|untitled|unknown)\)?$/i;

/** Fewer readable characters than this in the whole file: no text layer. */
const MIN_TEXT = 20;

export function importPdfPages(info: PdfInfo, fileName: string): ImportOutcome {
  const doc: ImportedDoc = { meta: { authors: [] }, blocks: [], dropped: new Map() };
  const pages = info.pages.map((lines) => [...lines]);
  const chars = pages.reduce(
    (n, lines) => n + lines.reduce((m, l) => m + l.text.replace(/\s/g, '').length, 0),
    0,
  );
  if (chars < MIN_TEXT && info.undecodable?.length)
    return { ok: false, message: undecodableRefusal(fileName, info.undecodable, info.pages.length) };
  if (info.undecodable?.length) doc.warnings = [undecodableWarning(info.undecodable, info.pages.length)];
  if (chars < MIN_TEXT)
    return {
      ok: false,
      message: `'${fileName}' has no text layer (${info.pages.length} page${info.pages.length === 1 ? '' : 's'} of images, a scan?): run OCR on it first; the importer reads only text`,
    };
  const roman: (RomanFolio | undefined)[] = [];
  const printed = dropPageChrome(pages, doc, roman);
  const numbers = pageLabels(pageNumbering(printed), roman);
  doc.layout = {
    columns: pages.map((lines) => Math.max(1, ...lines.map((l) => l.columns))),
    // A page without a label (unnumbered front matter) is named by its place, as the report does.
    doubtful: pages.flatMap((lines, i) => (lines.some((l) => l.doubtful) ? [numbers[i] ?? i + 1] : [])),
    pageNumbers: numbers,
    footnotes: 0,
    unlinked: 0,
    references: 0,
    captions: 0,
  };
  buildPdfBlocks(pages, numbers, doc);
  if (info.title?.trim() && !PLACEHOLDER_TITLE.test(info.title.trim())) doc.meta.title = info.title.trim();
  else {
    const h1 = doc.blocks.find((b) => b.kind === 'heading' && b.level === 1);
    if (h1) doc.meta.title = h1.text.replace(/\\(.)/g, '$1');
  }
  if (info.author?.trim()) doc.meta.authors = [info.author.trim()];
  const first = numbers.find((n) => typeof n === 'number');
  const last = numbers.findLast((n) => typeof n === 'number');
  if (printed.some((n) => n !== undefined) && first !== undefined && last !== undefined)
    doc.meta.pages = `${first}-${last}`;
  const language = guessLanguage(
    doc.blocks
      .map((b) => b.text)
      .join('\n')
      .slice(0, 20_000),
  );
  if (language) doc.meta.language = language;
  return { ok: true, doc };
}

/** The page's items as lines in reading order: region by region (`pdfLayout.ts`), each top to bottom. */
export function pageLines(items: readonly PdfItem[]): Line[] {
  const layout = layoutPage(items);
  const lines: Line[] = [];
  layout.regions.forEach((region, i) => {
    for (const line of regionLines(region.items))
      lines.push({
        ...line,
        region: i,
        columns: region.columns,
        ...(layout.doubtful ? { doubtful: true as const } : {}),
      });
  });
  return lines;
}

type BareLine = Omit<Line, 'region' | 'columns' | 'doubtful'>;

/** A region's items as lines, top to bottom. */
function regionLines(items: readonly PdfItem[]): BareLine[] {
  const sorted = items.filter((i) => i.text.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - item.y) <= Math.max(row[0]!.size, item.size) * 0.5) row.push(item);
    else rows.push([item]);
  }
  const lines: BareLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let size = 0;
    const base = row.reduce((a, b) => (b.size > a.size ? b : a));
    for (const original of row) {
      const item = isSuperscript(original, base)
        ? { ...original, text: `\ue000${original.text.trim()}\ue001` }
        : original;
      const gap = item.x - end;
      // Justified CJK text is set with gaps (and space items) between characters: a gap or a
      // space next to a CJK character is spacing, not a space.
      if (!item.text.trim() && CJK_END.test(text)) continue;
      if (CJK_START.test(item.text)) text = text.trimEnd();
      else if (
        text &&
        gap > item.size * 0.2 &&
        !/\s$/.test(text) &&
        !/^\s/.test(item.text) &&
        !CJK_END.test(text)
      )
        text += ' ';
      text += item.text;
      end = Math.max(end, item.x + item.width);
      size = Math.max(size, item.text.trim() ? item.size : 0);
    }
    const trimmed = text
      .replace(/\s+/g, (m, at: number) =>
        CJK_END.test(text.slice(Math.max(0, at - 2), at)) ||
        CJK_START.test(text.slice(at + m.length, at + m.length + 2))
          ? ''
          : ' ',
      )
      .trim();
    if (!trimmed) continue;
    const prev = lines.at(-1);
    // A footnote marker that did not fit at the end of a full line is set alone on the next one.
    if (
      prev &&
      MARKER_ONLY.test(trimmed) &&
      base.size <= prev.size * 0.8 &&
      prev.y - base.y < prev.size * 1.6
    ) {
      prev.text += `\ue000${trimmed}\ue001`;
      continue;
    }
    lines.push({ text: trimmed, x: row[0]!.x, xEnd: end, y: base.y, size: size || base.size });
  }
  return lines;
}

/**
 * A footnote marker set small and raised: `¹`, `a`, `12`, `*`, `①`. Lines carry it between U+E000
 * and U+E001 (private-use characters) until the page's footnotes are known.
 */
function isSuperscript(item: PdfItem, base: PdfItem): boolean {
  return (
    item !== base &&
    item.size <= base.size * 0.8 &&
    item.y > base.y + item.size * 0.2 &&
    MARKER_ONLY.test(item.text.trim())
  );
}

/**
 * Drops running heads, feet and page numbers from the top and bottom two lines of every page, and
 * figure residue anywhere; returns each page's printed number, if it prints one. A head recurs on
 * at least half the pages, or half the odd or the even ones (books and journals print the title
 * on one side and the journal or chapter on the other); a line set larger than the body (the
 * title on the first page) is never one.
 */
function dropPageChrome(
  pages: Line[][],
  doc: ImportedDoc,
  roman: (RomanFolio | undefined)[],
): (number | undefined)[] {
  const body = bodySize(pages.flat());
  const zone = (lines: Line[]) =>
    [...lines.slice(0, 2), ...lines.slice(Math.max(2, lines.length - 2))].filter((l) => l.size < body * 1.15);
  const key = (l: Line) => headKey(l.text).replace(/\d+/g, '#');
  const counts = [new Map<string, number>(), new Map<string, number>()];
  pages.forEach((lines, i) => {
    const side = counts[i % 2]!;
    for (const k of new Set(zone(lines).map(key))) side.set(k, (side.get(k) ?? 0) + 1);
  });
  // At least half the pages, or half the odd or half the even ones; two at the least.
  const half = (n: number) => Math.max(2, Math.ceil(n / 2));
  const odd = Math.ceil(pages.length / 2);
  const isHead = (l: Line) => {
    const [a, b] = [counts[0]!.get(key(l)) ?? 0, counts[1]!.get(key(l)) ?? 0];
    return a + b >= half(pages.length) || a >= half(odd) || b >= half(pages.length - odd);
  };
  return pages.map((lines, i) => {
    let printed: number | undefined;
    const chrome = new Set(zone(lines));
    pages[i] = lines.filter((l) => {
      if (isGarbageLine(l.text)) {
        drop(doc, 'garbage', l.text);
        return false;
      }
      if (!chrome.has(l)) return true;
      const n = pageNumberOf(l.text);
      if (n !== undefined) {
        printed ??= n;
        drop(doc, 'page-number', l.text);
        return false;
      }
      const r = romanFolioOf(l.text);
      if (r !== undefined) {
        roman[i] ??= { value: r, upper: l.text.trim() !== l.text.trim().toLowerCase() };
        drop(doc, 'page-number', l.text);
        return false;
      }
      if (isHead(l)) {
        // A repeated head that ends in a page number (`Journal · 12`) also says which page this is.
        printed ??= pageNumberOf(/(\d{1,5})\s?[·•\-–—]?\s?$/.exec(l.text.trimEnd())?.[1] ?? '');
        drop(doc, 'running-head', l.text);
        return false;
      }
      return true;
    });
    return printed;
  });
}

/** The number of each page: the printed ones' most common offset from the index, else index + 1. */
function pageNumbering(printed: readonly (number | undefined)[]): number[] {
  const offsets = new Map<number, number>();
  printed.forEach((n, i) => n !== undefined && offsets.set(n - i, (offsets.get(n - i) ?? 0) + 1));
  let offset = 1;
  let best = 0;
  for (const [o, c] of offsets) if (c > best) [offset, best] = [o, c];
  return printed.map((_, i) => i + offset);
}
