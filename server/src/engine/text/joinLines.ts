/**
 * Joins hard-wrapped lines the way the text reads: with nothing between two CJK characters (a
 * Chinese sentence broken across lines), with one space otherwise (English words).
 *
 * Example: joinLines('意识\n形态 the ideological\nalignment') === '意识形态 the ideological alignment'.
 */
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function joinLines(text: string): string {
  // A scan, not `/[ \t]*\r?\n[ \t]*/g`: that expression retries every blank of a long run of
  // blanks with no line break after it (quadratic on a line of 50,000 spaces).
  let out = '';
  let i = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', i)) {
    let start = nl;
    if (start > i && text.charCodeAt(start - 1) === 13 /* \r */) start--;
    while (start > i && isBlank(text.charCodeAt(start - 1))) start--;
    let end = nl + 1;
    while (end < text.length && isBlank(text.charCodeAt(end))) end++;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    out += text.slice(i, start) + (CJK.test(before) && CJK.test(after) ? '' : ' ');
    i = end;
  }
  return out + text.slice(i);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
