/**
 * Turns a source file's bytes into text. Chinese material often arrives in GB18030/GBK or Big5
 * without a byte-order mark, so anything that is not valid UTF-8 is sniffed with `chardet` and
 * decoded with `iconv-lite`.
 *
 * Order: UTF-8 BOM → UTF-16 LE/BE BOM → strict UTF-8 (with no NUL) → UTF-16 without BOM → mostly
 * UTF-8 (a few bad bytes, replaced by U+FFFD and reported) → detected legacy encoding → failure.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { scanUtf8, sniffUtf16 } from './sniff.js';

/** Where a mostly-UTF-8 file had bytes that are not UTF-8 (each maximal bad run became one U+FFFD). */
export interface InvalidBytes {
  /** How many bad sequences were replaced. */
  count: number;
  /** The first one's position in the decoded text (0-based line, UTF-16 character). */
  line: number;
  character: number;
}

export type Decoded =
  | { ok: true; text: string; encoding: string; invalidBytes?: InvalidBytes }
  | { ok: false; reason: string };

/**
 * UTF-8 with bad bytes is still UTF-8 when the bytes in valid multi-byte sequences outnumber the
 * bad ones this many times. Legacy CJK text read as UTF-8 has about ten bad bytes for each byte
 * that happens to form a valid sequence, so the two are far apart.
 */
const MOSTLY_UTF8_RATIO = 4;

/** Encodings we accept from detection; anything else is more likely binary than text. */
const LEGACY = new Map<string, string>([
  ['GB18030', 'gb18030'],
  ['GBK', 'gb18030'],
  ['GB2312', 'gb18030'],
  ['Big5', 'big5'],
  ['EUC-TW', 'big5'],
  ['Shift_JIS', 'shift_jis'],
  ['EUC-JP', 'euc-jp'],
  ['EUC-KR', 'euc-kr'],
  ['ISO-8859-1', 'latin1'],
  ['ISO-8859-2', 'iso-8859-2'],
  ['ISO-8859-15', 'iso-8859-15'],
  ...[1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258].map((n) => [`windows-${n}`, `windows-${n}`] as [string, string]),
  ['UTF-16LE', 'utf-16le'],
  ['UTF-16BE', 'utf-16be'],
]);

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), 'utf-8-bom');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  const asUtf8 = utf8(bytes, 'utf-8');
  if (asUtf8.ok && !asUtf8.text.includes('\u0000')) return asUtf8;
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { ok: true, text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16 };
  if (asUtf8.ok) return { ok: false, reason: 'the file holds NUL bytes: it looks binary' };
  const scan = scanUtf8(bytes);
  if (scan.multiByteBytes >= MOSTLY_UTF8_RATIO * scan.badBytes) {
    const text = new TextDecoder('utf-8').decode(bytes);
    if (!text.includes('\u0000')) {
      const before = new TextDecoder('utf-8').decode(bytes.subarray(0, scan.firstBad));
      const line = before.split('\n').length - 1;
      const character = before.length - (before.lastIndexOf('\n') + 1);
      return { ok: true, text, encoding: 'utf-8', invalidBytes: { count: scan.badSequences, line, character } };
    }
  }
  const candidates = chardet.analyse(bytes).filter((c) => c.confidence >= 10);
  // A short Chinese text gives chardet too little to tell GBK from Big5 from Shift_JIS (all at
  // the floor of 10): decide by the bytes themselves.
  if (candidates.length && candidates[0]!.confidence <= 10 && candidates.some((c) => c.lang === 'zh' || c.lang === 'ja')) {
    const encoding = guessChinese(bytes);
    const text = iconv.decode(Buffer.from(bytes), encoding);
    if (countReplacement(text) === 0 && !text.includes('\u0000')) return { ok: true, text, encoding };
  }
  for (const candidate of candidates) {
    const encoding = LEGACY.get(candidate.name);
    if (!encoding || candidate.confidence < 10) continue;
    const text = iconv.decode(Buffer.from(bytes), encoding);
    if (text.includes('\u0000')) continue;
    if (countReplacement(text) > Math.max(2, text.length / 200)) continue;
    return { ok: true, text, encoding };
  }
  // Latin text in a Windows code page with too few accents for chardet: printable → windows-1252.
  if (bytes.every((b) => b >= 0x20 || b === 9 || b === 10 || b === 13)) {
    return { ok: true, text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
  }
  return {
    ok: false,
    reason: 'not valid UTF-8, and no known encoding (GB18030, Big5, Shift_JIS…) fits; save it as UTF-8',
  };
}

/**
 * GB18030 or Big5, by their byte pairs: Big5's second bytes are often 0x40–0x7E, GB2312's never
 * (they are 0xA1–0xFE). A double-byte text with no low second byte reads as GB.
 */
function guessChinese(bytes: Uint8Array): 'gb18030' | 'big5' {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i]! < 0x81) continue;
    if (bytes[i + 1]! < 0x80) return 'big5';
    i++;
  }
  return 'gb18030';
}

function utf8(bytes: Uint8Array, encoding: string): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding };
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}
