/**
 * A long passage cut to about `max` characters around the sentence that matched, with `…` where
 * it was cut. Example: a 1,500-character paragraph whose match is near its end gives
 * `…<the 600 characters ending a little after the match>…`.
 */
import { joinLines } from '../../engine/text/joinLines.js';

export function excerptAround(text: string, sentence: string, max: number): string {
  const flat = joinLines(text);
  if (flat.length <= max) return flat;
  const at = Math.max(0, flat.indexOf(sentence));
  // The match, with as much before it as fits in a third of the room.
  let start = Math.max(0, Math.min(at - Math.floor(max / 3), flat.length - max));
  // Not in the middle of a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start]!)) start--;
  let end = Math.min(flat.length, start + max);
  if (end < flat.length && /[\uD800-\uDBFF]/.test(flat[end - 1]!)) end--;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
