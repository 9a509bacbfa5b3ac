/**
 * The best approximate occurrence of a pattern inside a text: the substring of `text` with the
 * smallest edit distance to `pattern` (Sellers' algorithm: free start and end in the text).
 * O(|pattern| · |text|) time, O(|text|) memory.
 *
 * Example: bestSubstring('核心问题是意识', '他说核心问题是意识形态') → { distance: 0, start: 2, end: 9 };
 * bestSubstring('核心问提', '…核心问题…') → distance 1.
 */
export interface SubstringMatch {
  distance: number;
  start: number;
  end: number;
}

export function bestSubstring(pattern: string, text: string): SubstringMatch {
  const m = pattern.length;
  const n = text.length;
  if (m === 0) return { distance: 0, start: 0, end: 0 };
  // prev[j]/cur[j]: distance of pattern[0..i) against the best substring ending at text[j];
  // prevStart/curStart: where that substring starts.
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  let prevStart = new Int32Array(n + 1);
  let curStart = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prevStart[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    curStart[0] = 0;
    const pc = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (pc === text.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1]!;
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j]!;
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1]!;
      }
    }
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  let best = 0;
  for (let j = 1; j <= n; j++) if (prev[j]! < prev[best]!) best = j;
  return { distance: prev[best]!, start: prevStart[best]!, end: best };
}
