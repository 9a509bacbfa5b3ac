/**
 * Byte-level evidence for decode.ts: how much of a file is valid UTF-8, and whether it is UTF-16
 * written without a byte-order mark.
 */

export interface Utf8Scan {
  /** Bytes inside valid sequences of 2–4 bytes (non-ASCII characters written correctly). */
  multiByteBytes: number;
  /** Bytes that belong to no valid sequence. */
  badBytes: number;
  /** Maximal runs of bad bytes as the WHATWG decoder replaces them: one U+FFFD each. */
  badSequences: number;
  /** Offset of the first bad byte, or the length when there is none. */
  firstBad: number;
}

/**
 * Walks the bytes once with the WHATWG UTF-8 rules (shortest forms only, no surrogates, at most
 * U+10FFFF): a lead byte whose continuation is wrong is one bad sequence, and the byte that broke
 * it is read again.
 */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let multiByteBytes = 0;
  let badBytes = 0;
  let badSequences = 0;
  let firstBad = bytes.length;
  const bad = (at: number, n: number) => {
    if (firstBad === bytes.length) firstBad = at;
    badBytes += n;
    badSequences++;
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) {
      bad(i, 1);
      i++;
      continue;
    }
    // The second byte's range depends on the lead (no overlong forms, no surrogates, ≤ U+10FFFF).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let k = 1;
    while (k <= need && i + k < bytes.length) {
      const c = bytes[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) break;
      k++;
    }
    if (k > need) multiByteBytes += need + 1;
    else bad(i, k);
    i += k;
  }
  return { multiByteBytes, badBytes, badSequences, firstBad };
}

/**
 * UTF-16 without a byte-order mark: the file has a NUL byte (any ASCII character in UTF-16 has
 * one; legacy CJK encodings never do) and nearly every code unit, read in one byte order, is a
 * character of ordinary text: whitespace and printable ASCII, Latin, general punctuation, CJK
 * punctuation, kana, CJK ideographs, Hangul, full-width forms. Binary bytes read as UTF-16 hit
 * these ranges about one unit in three. Returns the encoding or undefined.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0 || !bytes.includes(0)) return undefined;
  const units = bytes.length / 2;
  let le = 0;
  let be = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (plausible(bytes[i]! | (bytes[i + 1]! << 8))) le++;
    if (plausible((bytes[i]! << 8) | bytes[i + 1]!)) be++;
  }
  const need = Math.ceil(units * 0.95);
  if (le >= need && le > be) return 'utf-16le';
  if (be >= need && be > le) return 'utf-16be';
  return undefined;
}

function plausible(u: number): boolean {
  return (
    (u >= 0x20 && u < 0x7f) ||
    u === 0x09 ||
    u === 0x0a ||
    u === 0x0d ||
    (u >= 0xa0 && u < 0x250) || // Latin-1 and Latin Extended
    (u >= 0x2000 && u < 0x2070) || // general punctuation: dashes, quotes, ellipsis
    (u >= 0x3000 && u < 0x3100) || // CJK punctuation, kana
    (u >= 0x3400 && u < 0x4dc0) || // CJK extension A
    (u >= 0x4e00 && u < 0xa000) || // CJK unified ideographs
    (u >= 0xac00 && u < 0xd7a4) || // Hangul syllables
    (u >= 0xff00 && u < 0xfff0) // full-width and half-width forms
  );
}
