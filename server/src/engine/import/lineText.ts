/**
 * Line-level text helpers shared by the importers: display width, joining hard-wrapped lines,
 * and escaping plain text as Markdown.
 */

const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u2014\u2018-\u201d\u2026\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u;
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const LATIN = /[A-Za-z\u00c0-\u024f]/;

/** Width as printed: CJK characters, full-width forms and CJK-style quotes count 2, others 1. */
export function displayWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** True when the line is mostly CJK (then a line break is never a space). */
export function isCjkLine(line: string): boolean {
  let cjk = 0;
  let latin = 0;
  for (const ch of line) {
    if (CJK.test(ch)) cjk++;
    else if (LATIN.test(ch)) latin++;
  }
  return cjk > 0 && cjk * 2 >= latin;
}

/**
 * Joins the next line of a hard-wrapped paragraph to what came before.
 * - CJK text breaks anywhere, so nothing goes between the lines when either is mostly CJK:
 *   `'…三方外部博'` + `'弈的政策…'` → `'…三方外部博弈的政策…'`, and `'2020年'`… likewise.
 * - A URL broken across lines is rejoined as it was, hyphens kept: `'Relations,https://a.org/publicatio'`
 *   + `'n/2108'`, `'…/candidate-'` + `'tracker'`.
 * - A Latin word hyphenated at the line end is rejoined: `'Organi-'` + `'zation'` → `'Organization'`;
 *   a range of numbers broken after its dash keeps it: `'pp. 165-'` + `'200'` → `'pp. 165-200'`.
 * - Otherwise one space: `'the ideological'` + `'alignment'` → `'the ideological alignment'`.
 */
export function joinWrapped(before: string, next: string): string {
  const a = before.trimEnd();
  const b = next.trimStart();
  if (!a) return b;
  if (!b) return a;
  // The URL may follow a comma or a CJK character with no space: `Relations,https://…`.
  if (/(?:https?:\/\/|www\.)\S*$/i.test(a) && /^[\w./?=&%#~+-]/.test(b)) return a + b;
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  // A range of numbers broken after its dash: `pp. 165-` + `200` → `pp. 165-200`.
  if (/\d[-–]$/.test(a) && /^\d/.test(b)) return a + b;
  const tailLine = a.slice(Math.max(0, a.length - 80));
  if (isCjkLine(tailLine) || isCjkLine(b.slice(0, 80))) return a + b;
  return `${a} ${b}`;
}

/**
 * Escapes plain text so that Markdown reads it back as the same text: the inline syntax
 * characters, a `^id` or `{#id}` that would become an anchor, an entity reference, and whatever
 * would start a block at the start of the text (`# `, `> `, `1. `). A line starting with `- ` or
 * `+ ` stays a list item: that is what it was.
 *
 * Example: escapePlain('1. 和谈 *撤军* [a] ^x') === '1\\. 和谈 \\*撤军\\* \\[a\\] \\^x'
 */
export function escapePlain(text: string): string {
  const inline = text.replace(/[\\`*_[\]<^{}]|&(?=#?[A-Za-z0-9]{1,32};)/g, (c) => `\\${c}`);
  return inline.replace(/^(#{1,6}|>|=+)(?=\s|$)/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
