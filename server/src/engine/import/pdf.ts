/**
 * PDFs with a text layer: the text items of each page (from `node/pdfText.ts`, pdf.js) become
 * lines in reading order, then paragraphs, headings and page marks.
 *
 * - **Lines**: items on one baseline (within half a font size), left to right; a gap wider than a
 *   fifth of the font size between Latin text is a space; next to a CJK character, gaps and
 *   spaces are the justification's spacing and are dropped (`2024 年 4 月` → `2024年4月`).
 * - **Running heads and page numbers**: among the first and last two lines of each page, a line
 *   not set larger than the body that recurs (digits ignored) at the top or bottom of at least
 *   half the odd or half the even pages (and of two or more) is a running head or foot; a line that is only a page number (`·48·`, `12`, `3/20`) is
 *   the printed page number. Both are dropped and counted.
 * - **Page marks**: each page begins with `<!-- page N -->` — N the printed number when the pages
 *   print one (the most common offset from the PDF's own page index), else the PDF's page index;
 *   front matter before page 1 is marked with its roman folio (`<!-- page iv -->`) or not at all
 *   (`pdfFolios.ts`), never with a number below 1.
 *   A paragraph that runs onto the next page holds the mark inside (`…利<!-- page 54 -->益…`).
 * - **Paragraphs**: a new one starts after a vertical gap wider than 1.6 line spacings, at an
 *   indented line, or after a line that ends short of the right margin; lines are joined by
 *   `joinWrapped` (no space between CJK characters, hyphenated words rejoined).
 * - **Headings**: a short line set larger than the body text (by 15 % or more) is a heading, the
 *   largest size level 1 (the title) and each smaller size a level further; a short numbered line
 *   (`一、`, `（一）`, `1.`, `1.1 `) standing alone is a heading with a stable id
 *   (`numberedHeadings.ts`).
 * - **Footnotes**: the lines at a page's foot set smaller than the body, when the first starts with
 *   a marker (`¹`, `1`, `a`, `①`), are the page's footnotes, labelled by page and letter
 *   (`[^53a]`, `[^53b]`); the small raised markers in the page's text (`…基础。¹但是`) become
 *   their references, and each footnote follows the paragraph that cites it. A marker set alone
 *   on the line below a full line (Chromium and Writer both do it) belongs to that line's end.
 * - **No text layer** (a scan): refused; this importer does no OCR. Text that does not decode (a
 *   font without a Unicode map, `pdfGlyphs.ts`) is refused or, on some pages only, left out with a
 *   warning naming those pages.
 */
import { drop, type ImportedBlock, type ImportedDoc, type ImportOutcome } from './importedDoc.js';
import { headKey, isGarbageLine, pageNumberOf } from './lineKinds.js';
import { escapePlain, joinWrapped } from './lineText.js';
import { HeadingNumbering, numberingOf } from './numberedHeadings.js';
import { pageLabels, romanFolioOf, type PageLabel, type RomanFolio } from './pdfFolios.js';
import { undecodableRefusal, undecodableWarning } from './pdfGlyphs.js';
import { guessLanguage, spacedEllipses } from './plainText.js';

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
 * A page as lines of text (`pageLines`), top to bottom. The reader of a PDF turns each page's
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
}

const CJK_END = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u;
const CJK_START = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

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
  const arabic = pageNumbering(printed);
  const numbers = pageLabels(arabic, roman);
  buildBlocks(pages, numbers, doc);
  if (info.title?.trim()) doc.meta.title = info.title.trim();
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

/** The page's items as lines, top to bottom. */
export function pageLines(items: readonly PdfItem[]): Line[] {
  const sorted = items.filter((i) => i.text.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - item.y) <= Math.max(row[0]!.size, item.size) * 0.5) row.push(item);
    else rows.push([item]);
  }
  const lines: Line[] = [];
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

const MARKER_ONLY = /^(?:\d{1,3}|[a-z]|[*†‡]|[\u2460-\u2473])$/;

/**
 * A footnote marker set small and raised: `¹`, `a`, `12`, `*`. Lines carry it between U+E000 and
 * U+E001 (private-use characters) until the page's footnotes are known.
 */
function isSuperscript(item: PdfItem, base: PdfItem): boolean {
  return (
    item !== base &&
    item.size <= base.size * 0.8 &&
    item.y > base.y + item.size * 0.2 &&
    MARKER_ONLY.test(item.text.trim())
  );
}

/** `a 申玉辉：…`, `¹ Ibid.`, `1. Ibid.`, `① 同上`: a footnote's marker and text. */
const NOTE_START =
  /^(?:\ue000(\d{1,3}|[a-z]|[*†‡]|[\u2460-\u2473])\ue001|(\d{1,3}|[a-z]|[\u2460-\u2473])[.)]?(?=[^!-~]))\s*/;

interface Footnote {
  marker: string;
  label: string;
  text: string;
}

/**
 * Takes the footnotes off the foot of a page: the run of lines at the bottom set smaller than the
 * body (by 10 % or more), when its first line starts with a marker. Lines that start with a marker
 * (not indented past the first: a hanging indent's continuation lines are) begin a footnote; the
 * others continue it. Labels are the page and a letter: `53a`, `53b`.
 */
function takeFootnotes(lines: Line[], body: number, page: PageLabel): Footnote[] {
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.size <= body * 0.9) start--;
  if (start === lines.length || start === 0 || !NOTE_START.test(lines[start]!.text)) return [];
  const notes: Footnote[] = [];
  const marginX = lines[start]!.x;
  for (const line of lines.splice(start)) {
    // Under a hanging indent, a continuation line is indented: it never starts a footnote.
    const m = line.x <= marginX + body * 0.5 ? NOTE_START.exec(line.text) : null;
    const rest = escapePlain(line.text.slice(m ? m[0].length : 0).replace(/[\ue000\ue001]/g, ''));
    if (m)
      notes.push({
        marker: m[1] ?? m[2]!,
        label: `${page}${String.fromCharCode(97 + (notes.length % 26))}`,
        text: rest,
      });
    else notes.at(-1)!.text = joinWrapped(notes.at(-1)!.text, rest);
  }
  return notes;
}

/** The page's superscript markers as references to its footnotes; other superscripts as text. */
function linkMarkers(text: string, notes: Footnote[], used: Set<string>): string {
  return text.replace(/\ue000([^\ue000\ue001]{1,3})\ue001/g, (_m, marker: string) => {
    const note = notes.find((n) => n.marker === marker && !used.has(n.label));
    if (!note) return marker;
    used.add(note.label);
    return `[^${note.label}]`;
  });
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
        printed ??= pageNumberOf(/(\d{1,5})\s*$/.exec(l.text)?.[1] ?? '');
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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

/** The body text's font size: the median size of lines longer than ten characters. */
function bodySize(lines: readonly Line[]): number {
  return (
    median(lines.filter((l) => l.text.length > 10).map((l) => l.size)) || median(lines.map((l) => l.size))
  );
}

function buildBlocks(
  pages: readonly Line[][],
  numbers: readonly (PageLabel | undefined)[],
  doc: ImportedDoc,
): void {
  const all = pages.flat();
  const body = bodySize(all);
  const left = median(all.filter((l) => Math.abs(l.size - body) < 0.5).map((l) => l.x));
  const right = median(all.filter((l) => Math.abs(l.size - body) < 0.5).map((l) => l.xEnd));
  const headingSizes = [
    ...new Set(all.filter((l) => l.size >= body * 1.15).map((l) => Math.round(l.size))),
  ].sort((a, b) => b - a);
  const numbering = new HeadingNumbering();
  let open: { text: string; pageBefore?: PageLabel } | undefined;
  let pending: PageLabel | undefined;
  let prev: Line | undefined;
  const notes = new Map<string, Footnote>();
  const close = () => {
    if (!open) return;
    const text = spacedEllipses(open.text);
    doc.blocks.push({ kind: 'paragraph', text, ...(open.pageBefore ? { pageBefore: open.pageBefore } : {}) });
    for (const m of text.matchAll(/\[\^(\w+)\]/g)) {
      const note = notes.get(m[1]!);
      if (note) doc.blocks.push({ kind: 'footnote', label: note.label, text: note.text });
      notes.delete(m[1]!);
    }
    open = undefined;
  };
  const takePage = (): Pick<ImportedBlock, 'pageBefore'> => {
    const p = pending;
    pending = undefined;
    return p !== undefined ? { pageBefore: p } : {};
  };

  pages.forEach((lines, pi) => {
    const pageNotes = takeFootnotes(lines, body, numbers[pi] ?? `p${pi + 1}`);
    const used = new Set<string>();
    for (const n of pageNotes) notes.set(n.label, n);
    const spacing =
      median(
        lines
          .slice(1)
          .map((l, i) => lines[i]!.y - l.y)
          .filter((d) => d > 0),
      ) || body * 1.5;
    pending = numbers[pi];
    lines.forEach((line, li) => {
      const text = linkMarkers(escapePlain(line.text), pageNotes, used);
      const short = line.xEnd < right - body * 2;
      const large = line.size >= body * 1.15 && line.text.length <= 80;
      const numbered = numberingOf(line.text);
      const headingLike =
        (large || (numbered && short && !/[。！？.!?;；:：]$/.test(line.text))) && line.text.length <= 80;
      if (headingLike) {
        close();
        const level = large ? Math.min(6, headingSizes.indexOf(Math.round(line.size)) + 1) : undefined;
        const n = numbered ? numbering.next(numbered) : undefined;
        const last = doc.blocks.at(-1);
        // A heading broken over two lines (same size, right below) is one heading.
        if (
          last?.kind === 'heading' &&
          prev &&
          prev.size === line.size &&
          li > 0 &&
          lines[li - 1] === prev &&
          !numbered
        )
          last.text = joinWrapped(last.text, text);
        else
          doc.blocks.push({
            kind: 'heading',
            level: n && !large ? n.level : Math.max(1, level ?? n?.level ?? 2),
            text,
            ...(n ? { id: n.id } : {}),
            ...takePage(),
          });
        prev = line;
        return;
      }
      const gap = prev && li > 0 ? lines[li - 1]!.y - line.y : 0;
      const indented = line.x > left + body * 1.2;
      const startsNew =
        !open ||
        (li > 0 && gap > spacing * 1.6) ||
        indented ||
        (prev !== undefined && prev.xEnd < right - body * 2);
      if (startsNew) {
        close();
        open = { text, ...takePage() };
      } else {
        // A paragraph running onto a new page holds the page's mark where the page begins.
        const joined = joinWrapped(open!.text, text);
        const at = joined.length - text.trimStart().length;
        const page = takePage().pageBefore;
        open!.text =
          page === undefined ? joined : `${joined.slice(0, at)}<!-- page ${page} -->${joined.slice(at)}`;
      }
      prev = line;
    });
  });
  close();
  for (const note of notes.values()) {
    drop(doc, 'unmatched-footnote-marker', note.text);
    doc.blocks.push({ kind: 'footnote', label: note.label, text: note.text });
  }
}
