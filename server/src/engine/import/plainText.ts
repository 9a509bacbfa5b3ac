/**
 * Plain text (`.txt`) as writers collect it: hard-wrapped lines from a PDF, or one paragraph per
 * line from a web page. The clean-up:
 *
 * - **Dropped**: residue of figures (lines of U+FFFD and Latin-1 symbols), empty images `![]()`,
 *   page numbers (`·48·`), running heads (the title printed again, a line printed three times or
 *   more, a `… 政治·外交` section head set with a leader), each counted.
 * - **Paragraphs**: in a hard-wrapped text (most lines of one printed width) a paragraph ends at
 *   a blank line or at a line clearly shorter than the width (a short line ending in sentence
 *   punctuation, or any line under 70% of the width); lines are joined by `joinWrapped` (no space
 *   between CJK characters, one between Latin words, hyphenated words rejoined). A text that is
 *   double-spaced (a blank line after almost every line) is read as if it were not. A text that
 *   is not hard-wrapped has one paragraph per line (as copied from a web page).
 * - **Headings**: the first line when it is short and not a sentence is the title (`#`); numbered
 *   lines (`一、`, `（一）`, `1.`, `1.1`) standing alone are headings with stable ids (see
 *   `numberedHeadings.ts`).
 * - **Footnotes and pages** (hard-wrapped text from a PDF): footnote lines at a page's foot
 *   (`a 申玉辉：…`, letters restarting on every page) whose marker is in that page's text become
 *   `[^47a]` footnotes placed after the paragraph that cites them. A page ends after its
 *   footnotes or at its page number; when a page number is printed (`·48·`), every page is
 *   numbered from it and page marks `<!-- page 48 -->` are written where pages begin.
 */
import { toSimplified, toTraditional } from '../quotes/scripts.js';
import { footnoteLetterOf, hasMarker, replaceMarkers } from './footnoteMarkers.js';
import { drop, type ImportedBlock, type ImportedDoc, type ImportMeta } from './importedDoc.js';
import {
  headKey,
  isEmptyImage,
  isGarbageLine,
  isLeaderHead,
  pageNumberOf,
  repeatedShortLines,
} from './lineKinds.js';
import { displayWidth, escapePlain, joinWrapped } from './lineText.js';
import { HeadingNumbering, numberingOf } from './numberedHeadings.js';

type Item =
  | { kind: 'line'; text: string; width: number; indented: boolean }
  | { kind: 'blank' }
  | { kind: 'page-number'; n: number }
  /** Where a running head was: the top of a page. */
  | { kind: 'page-top' };

interface Page {
  body: Item[];
  footnotes: { letter: string; lines: string[] }[];
  printed?: number;
}

const SENTENCE_END = /[。！？!?”」』）)：:；;.…]$/;

export function importPlainText(text: string): ImportedDoc {
  const doc: ImportedDoc = { meta: { authors: [] }, blocks: [], dropped: new Map() };
  const items = cleanLines(text.split(/\r\n|\r|\n/), doc);
  const lines = items.filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line');
  const width = wrapWidth(lines.map((l) => l.width));
  const doubleSpaced = lines.length >= 10 && countFollowedByBlank(items) >= 0.8 * lines.length;
  const body = doubleSpaced ? items.filter((i) => i.kind !== 'blank') : items;
  const pages = width
    ? splitPages(body)
    : [{ body: body.filter((i) => i.kind !== 'page-top'), footnotes: [] }];
  const endsParagraph = (l: { text: string; width: number }) =>
    width
      ? l.width < 0.7 * width ||
        (l.width <= width - 6 && SENTENCE_END.test(l.text.replace(/\s?\[\^\w+\]$|(?<=\S)[a-z]$/, '')))
      : true;
  buildBlocks(pages, doc, endsParagraph, width ?? 80, width !== undefined);
  doc.meta = { ...doc.meta, ...guessMeta(doc.blocks, pages) };
  return doc;
}

/** Drops what a reader does not read; the rest as items. */
function cleanLines(raw: readonly string[], doc: ImportedDoc): Item[] {
  const firstContent = raw.find((l) => l.trim() && !isGarbageLine(l) && !isEmptyImage(l)) ?? '';
  const titleKey = headKey(firstContent);
  const repeats = repeatedShortLines(raw, 3);
  let seenTitle = false;
  const items: Item[] = [];
  for (const line of raw) {
    const t = line.trimEnd();
    if (!t.trim()) {
      items.push({ kind: 'blank' });
      continue;
    }
    const key = headKey(t);
    const page = pageNumberOf(t);
    if (isEmptyImage(t)) drop(doc, 'empty-image', t);
    else if (isGarbageLine(t)) drop(doc, 'garbage', t);
    else if (page !== undefined) {
      drop(doc, 'page-number', t);
      items.push({ kind: 'page-number', n: page });
    } else if (
      (key === titleKey && seenTitle) ||
      (key !== titleKey && (repeats.has(key) || isLeaderHead(t)))
    ) {
      drop(doc, 'running-head', t);
      items.push({ kind: 'page-top' });
    } else {
      if (key === titleKey) seenTitle = true;
      const text = t.trim();
      items.push({ kind: 'line', text, width: displayWidth(text), indented: /^\s/.test(t) });
    }
  }
  return items;
}

/**
 * A PDF's text layer writes a lone `…` where the printed page has a space between Latin words or
 * numbers: `Robert…D.…Putnam` → `Robert D. Putnam`, `从…73个` → `从 73个`. A real ellipsis in
 * Chinese is `……`, and a lone one between CJK characters is left alone.
 */
export function spacedEllipses(line: string): string {
  return line.replace(/(?<=[^\s…])…(?=[^\s…])/g, (m, at: number) =>
    /[A-Za-z0-9.\u2160-\u216b]/.test(line[at - 1]! + line[at + 1]!) ? ' ' : m,
  );
}

/** The printed line width when most lines share one (a hard-wrapped text), else undefined. */
function wrapWidth(widths: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const w of widths) if (w >= 20) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestNear = 0;
  for (const w of counts.keys()) {
    let near = 0;
    for (const [v, n] of counts) if (Math.abs(v - w) <= 2) near += n;
    if (near > bestNear || (near === bestNear && w > best)) [best, bestNear] = [w, near];
  }
  if (bestNear < 5 || bestNear < 0.3 * widths.length) return undefined;
  // Full lines are the widest of the cluster (a line ending in a Latin letter or a half-width
  // mark is a column short): the widest width that a fifth of the cluster's lines have.
  let full = best;
  for (const [v, n] of counts) if (Math.abs(v - best) <= 2 && v > full && n >= 0.2 * bestNear) full = v;
  return full;
}

function countFollowedByBlank(items: readonly Item[]): number {
  let n = 0;
  for (let i = 0; i + 1 < items.length; i++)
    if (items[i]!.kind === 'line' && items[i + 1]!.kind === 'blank') n++;
  return n;
}

/**
 * Splits a hard-wrapped text into pages: footnote lines (`a …`, in letter order, whose marker the
 * page's text holds) go to the page's footnotes; a page ends when the text resumes after its
 * footnotes (at an indented line or a running head, the top of the next page) or at a page number.
 */
function splitPages(items: readonly Item[]): Page[] {
  const pages: Page[] = [{ body: [], footnotes: [] }];
  let page = pages[0]!;
  let inFootnotes = false;
  const newPage = () => {
    inFootnotes = false;
    if (page.body.length || page.footnotes.length) pages.push((page = { body: [], footnotes: [] }));
  };
  for (const item of items) {
    if (item.kind === 'page-number') {
      page.printed ??= item.n;
      newPage();
      continue;
    }
    if (item.kind === 'page-top') {
      if (inFootnotes) newPage();
      continue;
    }
    if (item.kind === 'blank') {
      if (!inFootnotes) page.body.push(item);
      continue;
    }
    const letter = footnoteLetterOf(item.text);
    const expected = String.fromCharCode(97 + page.footnotes.length);
    if (letter === expected && (inFootnotes || pageHasMarker(page, letter))) {
      page.footnotes.push({ letter, lines: [item.text.slice(2)] });
      inFootnotes = true;
    } else if (inFootnotes && !item.indented) {
      page.footnotes.at(-1)!.lines.push(item.text);
    } else {
      if (inFootnotes) newPage();
      page.body.push(item);
    }
  }
  return pages.filter((p) => p.body.length || p.footnotes.length);
}

function pageHasMarker(page: Page, letter: string): boolean {
  return page.body.some((i) => i.kind === 'line' && hasMarker(i.text, letter));
}

/** Page numbers from the first printed one: the page printing `·48·` is 48, the one before 47. */
function pageNumbers(pages: readonly Page[]): (number | undefined)[] {
  const at = pages.findIndex((p) => p.printed !== undefined);
  if (at === -1) return pages.map(() => undefined);
  const first = pages[at]!.printed! - at;
  return pages.map((_, i) => (first + i >= 1 ? first + i : undefined));
}

function buildBlocks(
  pages: readonly Page[],
  doc: ImportedDoc,
  endsParagraph: (l: { text: string; width: number }) => boolean,
  width: number,
  hardWrapped: boolean,
): void {
  const numbers = pageNumbers(pages);
  const numbering = new HeadingNumbering();
  const footnotes = new Map<string, ImportedBlock>();
  const orphans: ImportedBlock[] = [];
  let open: { text: string; pageBefore?: number } | undefined;
  let pendingPage: number | undefined;
  let inlinePage: number | undefined;
  let first = true;
  let prevEnded = false;

  const close = () => {
    if (!open) return;
    open.text = spacedEllipses(open.text);
    doc.blocks.push({
      kind: 'paragraph',
      text: open.text,
      ...(open.pageBefore ? { pageBefore: open.pageBefore } : {}),
    });
    for (const m of open.text.matchAll(/\[\^(\w+)\]/g)) {
      const fn = footnotes.get(m[1]!);
      if (fn) doc.blocks.push(fn);
      footnotes.delete(m[1]!);
    }
    open = undefined;
  };
  const takePage = () => {
    const p = pendingPage;
    pendingPage = undefined;
    return p ? { pageBefore: p } : {};
  };

  pages.forEach((page, pi) => {
    const label = String(numbers[pi] ?? pi + 1);
    const bodyLines = page.body.filter((i): i is Extract<Item, { kind: 'line' }> => i.kind === 'line');
    const letters = page.footnotes.map((f) => f.letter);
    const { lines, missing } = replaceMarkers(
      bodyLines.map((l) => escapePlain(l.text)),
      letters,
      label,
    );
    for (const f of page.footnotes) {
      const block: ImportedBlock = {
        kind: 'footnote',
        label: `${label}${f.letter}`,
        text: spacedEllipses(f.lines.map(escapePlain).reduce(joinWrapped)),
      };
      if (missing.includes(f.letter)) {
        drop(doc, 'unmatched-footnote-marker', f.lines[0]!);
        orphans.push(block);
      } else footnotes.set(block.label!, block);
    }
    const n = numbers[pi];
    if (n !== undefined) {
      if (open) inlinePage = n;
      else pendingPage = n;
    }
    let li = 0;
    page.body.forEach((item, at) => {
      if (item.kind !== 'line') {
        close();
        return;
      }
      const text = lines[li++]!;
      const numbered = numberingOf(item.text);
      const headingLike =
        item.width < 0.8 * width && item.width <= 100 && !/[。！？；：.!?;:]$/.test(item.text);
      // After a line that ends a sentence, an indented line or a numbered heading starts afresh.
      if (open && prevEnded && (item.indented || (numbered && headingLike))) close();
      prevEnded = SENTENCE_END.test(item.text);
      if (!open) {
        if (first && headingLike && !numbered) {
          doc.blocks.push({ kind: 'heading', level: 1, text, ...takePage() });
          doc.meta.title = item.text;
          first = false;
          return;
        }
        first = false;
        if (numbered && headingLike) {
          const { level, id } = numbering.next(numbered);
          doc.blocks.push({ kind: 'heading', level, id, text, ...takePage() });
          return;
        }
        const next = page.body.slice(at + 1).find((i) => i.kind === 'line');
        if (!hardWrapped && isPlainHeading(item, next)) {
          doc.blocks.push({ kind: 'heading', level: 2, text, ...takePage() });
          return;
        }
        open = { text, ...takePage() };
      } else {
        const joined = joinWrapped(open.text, text);
        if (inlinePage !== undefined) {
          const at = joined.length - text.trimStart().length;
          open.text = `${joined.slice(0, at)}<!-- page ${inlinePage} -->${joined.slice(at)}`;
        } else open.text = joined;
      }
      inlinePage = undefined;
      if (endsParagraph({ text: item.text, width: item.width })) close();
    });
  });
  close();
  doc.blocks.push(...footnotes.values(), ...orphans);
}

/**
 * A heading without a number in a text of one paragraph per line (`切身利益`, `外交告败?`): a short
 * line of Chinese words (30 characters at most; no Latin letters, digits, brackets or `|`, as
 * names, credits and captions have) that does not end a sentence or a clause, right before a
 * paragraph (30 characters or more, ending a sentence).
 */
function isPlainHeading(line: { text: string; width: number }, next: Item | undefined): boolean {
  return (
    line.width <= 60 &&
    /^[\p{Script=Han}、，“”‘’《》？?！!]+$/u.test(line.text) &&
    !/[。；：:，,、“‘《][”’」』]*$/.test(line.text) &&
    next?.kind === 'line' &&
    next.text.length >= 30 &&
    SENTENCE_END.test(next.text)
  );
}

function guessMeta(blocks: readonly ImportedBlock[], pages: readonly Page[]): Partial<ImportMeta> {
  const meta: Partial<ImportMeta> = {};
  const numbers = pageNumbers(pages).filter((n): n is number => n !== undefined);
  if (numbers.length) meta.pages = `${numbers[0]}-${numbers.at(-1)}`;
  const language = guessLanguage(
    blocks
      .map((b) => b.text)
      .join('\n')
      .slice(0, 20_000),
  );
  if (language) meta.language = language;
  return meta;
}

/**
 * `zh-Hans`, `zh-Hant`, `en`, or undefined when unsure. The script is judged on the first 2,000
 * Han characters: converting more (both ways) costs a third of a second and says nothing new.
 */
export function guessLanguage(sample: string): string | undefined {
  const han =
    sample
      .match(/\p{Script=Han}/gu)
      ?.slice(0, 2000)
      .join('') ?? '';
  const latin = (sample.match(/[A-Za-z]/g) ?? []).length;
  if (han.length && han.length * 2 >= latin)
    return changed(han, toSimplified(han)) > changed(han, toTraditional(han)) ? 'zh-Hant' : 'zh-Hans';
  if (latin > 50 && /\b(?:the|and|of)\b/i.test(sample)) return 'en';
  return undefined;
}

/** How many characters a conversion changed (conversions keep the length of Han text). */
function changed(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
