/**
 * Lines an original prints but a reader does not read: residue of figures, page numbers, running
 * heads. Shared by the plain-text and PDF importers.
 */

/** Nothing but U+FFFD, Latin-1 symbols and letters, and spaces: a figure or a font decoded as bytes. */
export function isGarbageLine(line: string): boolean {
  return /[\u0080-\u00ff\ufffd]/.test(line) && /^[\s\u0080-\u00ff\ufffd]+$/.test(line);
}

/** `![]()`: an image whose source was not kept. */
export function isEmptyImage(line: string): boolean {
  return /^\s*!\[\]\(\)\s*$/.test(line);
}

/**
 * The page number a line consists of, if it is one: `·48·`, `- 48 -`, `— 48 —`, `48`, `第48页`,
 * `Page 48`, `48 / 300`.
 */
export function pageNumberOf(line: string): number | undefined {
  const t = line.trim();
  const m =
    /^[·•\-–—]?\s?(\d{1,5})\s?[·•\-–—]?$/.exec(t) ??
    /^第\s?(\d{1,5})\s?页$/.exec(t) ??
    /^(?:page|p\.)\s?(\d{1,5})(?:\s?(?:\/|of)\s?\d{1,5})?$/i.exec(t) ??
    /^(\d{1,5})\s?\/\s?\d{1,5}$/.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** The line as compared when looking for repeats: no spaces, no leader dots. */
export function headKey(line: string): string {
  return line.replace(/[\s…]+/g, '');
}

/**
 * Running heads: short lines (at most `maxWidth` characters) printed again and again, which a
 * reader skips — the journal's name, the article's title at the top of each page. A line counts
 * when it occurs at least `minRepeats` times. The returned keys are `headKey`s.
 */
export function repeatedShortLines(
  lines: readonly string[],
  minRepeats: number,
  maxLength = 40,
): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const key = headKey(line);
    if (!key || key.length > maxLength) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= minRepeats).map(([k]) => k));
}

/**
 * A running head set with a tab leader, which text extraction writes as `…` before it:
 * `… 政治·外交` (the section of the journal). Such a line is never the article's own text.
 */
export function isLeaderHead(line: string): boolean {
  return /^\s*…\s+\S/.test(line) && line.trim().length <= 20 && !/[。！？.!?]$/.test(line.trim());
}
