/**
 * Folding for quote comparison: Unicode NFKC (full- and half-width forms become one), every
 * whitespace removed (hard-wrapped sources break CJK words across lines), quotation marks of
 * every style made one (`"`), Latin case lowered. Each folded character remembers the offset of
 * the original character it came from, so a match can be mapped back to the source's own words.
 *
 * Example: fold('“核心 问题”，ABC') → text '"核心问题",abc', origin [0,1,2,4,5,6,7,8,9,10].
 */

export interface Folded {
  text: string;
  /** `origin[i]` is the offset in the original string of folded character `i`. */
  origin: Int32Array;
}

const QUOTES = new Set([...'"\'“”‘’„‟‚‛「」『』﹁﹂﹃﹄《》〈〉‹›«»＂＇〝〞〟']);
const cache = new Map<string, string>();

/** The folded form of one character (code point), possibly empty or several characters. */
function foldChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) {
    if (code <= 0x20 || code === 0x7f) return '';
    if (code === 0x22 || code === 0x27) return '"';
    return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  }
  if (code >= 0x4e00 && code <= 0x9fff) return ch;
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = '';
  if (!/\s/u.test(ch)) {
    for (const c of ch.normalize('NFKC')) {
      if (/\s/u.test(c)) continue;
      out += QUOTES.has(c) ? '"' : c.toLowerCase();
    }
  }
  if (QUOTES.has(ch)) out = '"';
  cache.set(ch, out);
  return out;
}

export function fold(s: string): Folded {
  let text = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    text += f;
    i += ch.length;
  }
  return { text, origin: Int32Array.from(origin) };
}

/** Just the folded text, for comparisons that need no way back. */
export function foldText(s: string): string {
  let text = '';
  for (const ch of s) text += foldChar(ch);
  return text;
}

/** Omission marks inside a quotation: `……`, `…`, `...` (three or more dots), `⋯`. */
export const ELLIPSIS = /(?<!…)…+|(?<!\.)\.{3,}|(?<!。)。{3,}|(?<!⋯)⋯+/g;
