/**
 * Pandoc citations in a draft, as {@link Citation}s: each item of `[see @lan2022, p. 54; @qian2021]`
 * or `@lan2022 [p. 54]` is one citation of document `lan2022` (the key is the document id), so
 * diagnostics, hover, definition, references and the Sources view treat both syntaxes alike.
 *
 * - The locator is the pages of the suffix: `p. 54`, `pp. 53–55` or a bare `54` give `54`,
 *   `53–55`, `54`, checked against the document's pages like `[[lan2022@54]]`. Another unit
 *   (`chap. 2`, `sec. 3`, `and passim`) is no locator: it stays in `pandoc.suffix` (shown in
 *   export) and is never checked against pages.
 * - Ranges: a bracket holding one item is that item's range, brackets included; in a bracket of
 *   several, each item's range runs from its prefix (or `-@`, or `@`) to the end of its suffix;
 *   `@key [p. 54]` in the text spans the key to its `]`. `docRange` is the key (without `@` or `{}`).
 * - Not read inside code spans (the caller passes them), inside `[[…]]` citations, after a
 *   backslash (`\@key`, `\[@key]`), nor as a link's text (`[@key](url)`, `[@key][ref]`).
 *
 * Example: in `见[see @lan2022, 54; @qian2021]`, the first citation spans 2–17 (`see @lan2022, 54`)
 * with `docRange` 7–14 and `locatorRange` 16–17... in columns of its line, the second 19–28.
 */
import type { LineIndex, Range } from '../text/positions.js';
import {
  NextIndex,
  scanPandocCitations,
  type CitationPart,
  type PandocCitation,
  type PandocItem,
} from './citation.js';
import type { Citation, PandocInfo } from './parseDraft.js';

/**
 * The Pandoc citations of the segment `text[start, end)` (whole lines of prose), leaving out
 * `code` spans and the `[[…]]` citations `taken` (both in text order), in text order.
 */
export function pandocCitationsIn(
  text: string,
  start: number,
  end: number,
  lines: LineIndex,
  code: readonly [number, number][],
  taken: readonly Citation[],
): Citation[] {
  const masked = maskedSegment(text, start, end, code, taken);
  const out: Citation[] = [];
  const next = new NextIndex(masked);
  let lineStart = 0;
  while (lineStart < masked.length) {
    let lineEnd = lineStart;
    while (lineEnd < masked.length && masked.charCodeAt(lineEnd) !== 10 && masked.charCodeAt(lineEnd) !== 13)
      lineEnd++;
    if (masked.indexOf('@', lineStart) !== -1 && masked.indexOf('@', lineStart) < lineEnd) {
      for (const p of scanPandocCitations(masked, lineStart, lineEnd, next)) {
        const after = masked[p.end];
        if (!p.inText && (after === '(' || after === '[')) continue;
        for (let k = 0; k < p.items.length; k++) out.push(itemCitation(text, masked, start, lines, p, k));
      }
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** The segment with code spans, `[[…]]` citations (but for `[]`) and backslash escapes blanked out (same length, same offsets). */
function maskedSegment(
  text: string,
  start: number,
  end: number,
  code: readonly [number, number][],
  taken: readonly Citation[],
): string {
  const chars = text.slice(start, end).split('');
  const blank = (from: number, to: number) => {
    for (let i = Math.max(from, start); i < Math.min(to, end); i++) {
      const c = chars[i - start]!;
      if (c !== '\n' && c !== '\r') chars[i - start] = ' ';
    }
  };
  for (const [s, e] of code) blank(s, e);
  // A `[[…]]` citation reads as `[]`: no Pandoc bracket spans it, none starts inside it.
  for (const c of taken) {
    blank(c.start, c.end);
    chars[c.start - start] = '[';
    chars[c.start + 1 - start] = ']';
  }
  for (let i = 0; i < chars.length - 1; i++)
    if (chars[i] === '\\') {
      chars[i] = ' ';
      if (chars[i + 1] !== '\n' && chars[i + 1] !== '\r') chars[++i] = ' ';
    }
  return chars.join('');
}

/** Item `k` of `p` (offsets into `masked`, the segment that starts at `base` in `text`) as a citation. */
function itemCitation(
  text: string,
  masked: string,
  base: number,
  lines: LineIndex,
  p: PandocCitation,
  k: number,
): Citation {
  const item = p.items[k]!;
  const single = p.items.length === 1;
  const from = single ? p.start : itemStart(masked, item);
  const to = single ? p.end : itemEnd(masked, item);
  const line = lines.positionAt(base + from).line;
  const lineStart = lines.lineStart(line);
  const span = (s: number, e: number): Range => ({
    start: { line, character: base + s - lineStart },
    end: { line, character: base + e - lineStart },
  });
  const moved = (c: CitationPart): CitationPart => ({
    text: c.text,
    start: base + c.start,
    end: base + c.end,
  });
  const pandoc: PandocInfo = {
    clusterStart: base + p.start,
    clusterEnd: base + p.end,
    inText: p.inText,
    suppressAuthor: item.suppressAuthor,
  };
  if (item.prefix) pandoc.prefix = item.prefix.text;
  if (item.suffix) pandoc.suffix = item.suffix.text;
  const c: Citation = {
    start: base + from,
    end: base + to,
    closed: true,
    range: span(from, to),
    target: item.key.text,
    raw: text.slice(base + from, base + to),
    doc: moved(item.key),
    docRange: span(item.key.start, item.key.end),
    pandoc,
  };
  if (item.locator && item.label === 'page') {
    c.locator = moved(item.locator);
    c.locatorRange = span(item.locator.start, item.locator.end);
  }
  return c;
}

/** Where an item starts in `src`: its prefix, else its `-@` or `@` (before the `{` of `@{key}`). */
function itemStart(src: string, item: PandocItem): number {
  if (item.prefix) return item.prefix.start;
  const at = item.key.start - (src[item.key.start - 1] === '{' ? 2 : 1);
  return item.suppressAuthor ? at - 1 : at;
}

/** Where an item ends in `src`: its suffix, else its key (with the `}` of `@{key}`). */
function itemEnd(src: string, item: PandocItem): number {
  if (item.suffix) return item.suffix.end;
  return item.key.end + (src[item.key.end] === '}' && src[item.key.start - 1] === '{' ? 1 : 0);
}
