/**
 * Footnote markers as text extraction leaves them: the footnote's letter glued into the text
 * (`…奠定基础。a但是…`), and the footnote at the page's foot starting with the same letter
 * (`a 申玉辉：…`). Letters restart on every page, so a footnote is labelled by its page:
 * `[^47a]`.
 */

/**
 * A footnote letter sits after CJK text, CJK punctuation or a closing quote, and before CJK text,
 * an opening quote, a digit or the end of the line.
 */
const MARKER =
  /(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef”’])[a-z](?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“‘\d]|$)/gu;

/** `a 申玉辉：…` → `a`; a footnote line starts with its letter and a space. */
export function footnoteLetterOf(line: string): string | undefined {
  return /^([a-z])\s(?=\S)/.exec(line)?.[1];
}

/** True when `line` holds the marker `letter` where a footnote marker can be. */
export function hasMarker(line: string, letter: string): boolean {
  for (const m of line.matchAll(MARKER)) if (m[0] === letter) return true;
  return false;
}

/**
 * Replaces the markers of `letters` (in this order, each once) in a page's lines with references
 * `[^<page><letter>]`. Returns the lines and the letters not found.
 *
 * Example: replaceMarkers(['基础。a但是', '结果。b'], ['a', 'b'], '47')
 *   → { lines: ['基础。[^47a]但是', '结果。[^47b]'], missing: [] }
 */
export function replaceMarkers(
  lines: readonly string[],
  letters: readonly string[],
  page: string,
): { lines: string[]; missing: string[] } {
  const out = [...lines];
  let next = 0;
  for (let i = 0; i < out.length && next < letters.length; i++) {
    out[i] = out[i]!.replace(MARKER, (m) => {
      if (next < letters.length && m === letters[next]) return `[^${page}${letters[next++]}]`;
      return m;
    });
  }
  return { lines: out, missing: letters.slice(next) };
}
