/**
 * Joins hard-wrapped lines the way the text reads: with nothing between two CJK characters (a
 * Chinese sentence broken across lines), with one space otherwise (English words).
 *
 * Example: joinLines('意识\n形态 the ideological\nalignment') === '意识形态 the ideological alignment'.
 */
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

export function joinLines(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, (_m, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _m.length] ?? '';
    return CJK.test(before) && CJK.test(after) ? '' : ' ';
  });
}
