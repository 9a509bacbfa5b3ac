/**
 * Inline code spans (CommonMark): a run of N backticks opens a span that the next run of exactly
 * N backticks closes. A run with no closer is literal text. Spans do not cross blank lines;
 * callers pass one paragraph-like segment at a time.
 *
 * Example: in "a `[[002]]` b ``x ` y`` c", the spans are "`[[002]]`" (2–11) and "``x ` y``" (14–23).
 */
export function codeSpans(whole: string, start: number, end: number): [number, number][] {
  // Work on the segment alone, so no search runs past its end.
  const src = whole.slice(start, end);
  const spans = spansIn(src);
  for (const s of spans) {
    s[0] += start;
    s[1] += start;
  }
  return spans;
}

function spansIn(src: string): [number, number][] {
  const start = 0;
  const end = src.length;
  const spans: [number, number][] = [];
  let i = start;
  while (i < end) {
    const open = src.indexOf('`', i);
    if (open === -1 || open >= end) break;
    const openLen = runLength(src, open, end);
    if (isEscaped(src, open, start)) {
      i = open + 1;
      continue;
    }
    let j = open + openLen;
    let closed = false;
    while (j < end) {
      const close = src.indexOf('`', j);
      if (close === -1 || close >= end) break;
      const closeLen = runLength(src, close, end);
      if (closeLen === openLen) {
        spans.push([open, close + closeLen]);
        i = close + closeLen;
        closed = true;
        break;
      }
      j = close + closeLen;
    }
    if (!closed) i = open + openLen;
  }
  return spans;
}

function runLength(src: string, at: number, end: number): number {
  let n = 0;
  while (at + n < end && src.charCodeAt(at + n) === 0x60) n++;
  return n;
}

function isEscaped(src: string, at: number, start: number): boolean {
  let backslashes = 0;
  for (let k = at - 1; k >= start && src.charCodeAt(k) === 0x5c; k--) backslashes++;
  return backslashes % 2 === 1;
}
