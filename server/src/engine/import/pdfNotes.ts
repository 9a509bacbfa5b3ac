/**
 * Footnote and endnote markers as journals print them, and the notes they point to.
 *
 * A marker is a raised small `1`, `12`, `a`, `*`, `†`, or a circled number in any of its
 * encodings: `①` (U+2460…), `⑴` (U+2474…), `❶` (U+2776…), `➀` (U+2780…, how a common CJK font
 * encodes `①`), `➊` (U+278A…). Each is read as one canonical marker, so that a note printed `①`
 * matches a text marker that the font wrote `➀`:
 *
 *     canonicalMarker('➀') === '1'; canonicalMarker('⑿') === '12'; canonicalMarker('[3]') === '3'
 *
 * A circled number is a marker wherever it stands (journals set it raised or not); other markers
 * only when raised (lines carry them between U+E000 and U+E001, see `pdf.ts`).
 */
import type { Line } from './pdf.js';
import { escapePlain, joinWrapped } from './lineText.js';

/** Circled and parenthesized numbers: [first code point, how many]. */
const CIRCLED: readonly [number, number][] = [
  [0x2460, 20], // ①–⑳
  [0x2474, 20], // ⑴–⒇
  [0x2776, 10], // ❶–❿
  [0x2780, 10], // ➀–➉
  [0x278a, 10], // ➊–➓
  [0x24eb, 10], // ⓫–⓴
];
const CIRCLED_CLASS = '\u2460-\u2487\u2776-\u2793\u24eb-\u24f4';
export const CIRCLED_RE = new RegExp(`[${CIRCLED_CLASS}]`, 'u');
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A marker set alone (raised, or a circled number). */
export const MARKER_ONLY = new RegExp(
  `^(?:\\d{1,3}|[a-z]|[*†‡§]|[${CIRCLED_CLASS}]|[${SUPERSCRIPT_DIGITS}]{1,3})$`,
  'u',
);

/** The marker as a plain number, letter or symbol. */
export function canonicalMarker(marker: string): string {
  const m = marker.replace(/\\/g, '').replace(/^[[(]|[\])]$|\.$/g, '');
  const code = m.codePointAt(0) ?? 0;
  if (m.length === 1)
    for (const [first, n] of CIRCLED) {
      if (code >= first && code < first + n) return String(code - first + (first === 0x24eb ? 11 : 1));
    }
  if ([...m].every((c) => SUPERSCRIPT_DIGITS.includes(c)))
    return [...m].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join('');
  return m;
}

/**
 * A note's first line: its marker, raised (`¹ Ibid.`) or not (`1. Ibid.`, `1) Ibid.`, `[1] Ibid.`,
 * `① 同上`, `a 申玉辉：…`), then the note. Group 1 or 2 is the marker.
 */
export const NOTE_START = new RegExp(
  `^(?:\\ue000([^\\ue000\\ue001]{1,3})\\ue001|([${CIRCLED_CLASS}])|(\\d{1,3}|[a-z*†‡])[.)]?(?=[^!-~])|\\[(\\d{1,3})\\])\\s*`,
  'u',
);

export function noteStart(text: string): { marker: string; length: number } | undefined {
  const m = NOTE_START.exec(text);
  if (!m) return undefined;
  const raw = m[1] ?? m[2] ?? m[3] ?? m[4]!;
  if (m[1] !== undefined && !MARKER_ONLY.test(raw)) return undefined;
  return { marker: canonicalMarker(raw), length: m[0].length };
}

/**
 * A line escaped on its own (`escapePlain`) and then joined to the one before: the escapes that
 * guard the start of a block mean nothing there. `200\\.` → `200.`, `\\# 3` → `# 3`.
 */
export function unescapeBlockStart(text: string): string {
  return text.replace(/^(\d{1,9})\\([.)])/, '$1$2').replace(/^\\(#{1,6}|>|=+)(?=\s|$)/, '$1');
}

export interface Footnote {
  /** Canonical marker (`1`, `a`, `*`). */
  marker: string;
  label: string;
  text: string;
}

/**
 * Takes a column's footnotes off its foot: the run of lines at the bottom of a region set smaller
 * than the body (by 10 % or more) and all in one size, when its first line starts with a marker
 * (`strict`, in a reference list: a raised or circled one, not `[1]`); `alone` allows the
 * whole region to be notes (a band of notes under the page's columns). Lines that start with a
 * marker begin a note; the others continue it. When the run starts without a marker, its first
 * lines go on with `carry`, the note before it (LaTeX breaks a long note across columns and
 * pages). `label` names the next note (`53a`, `53b`, …).
 */
export function takeFootnotes(
  lines: Line[],
  body: number,
  alone: boolean,
  label: () => string,
  carry?: Footnote,
  strict = false,
): Footnote[] {
  let start = lines.length;
  const size = lines.at(-1)?.size ?? 0;
  while (start > 0 && lines[start - 1]!.size <= body * 0.9 && Math.abs(lines[start - 1]!.size - size) < 0.3)
    start--;
  if (start === lines.length || (start === 0 && !alone)) return [];
  // A note too long for its column goes on at the foot of the next one, before that one's notes.
  const marker = (l: Line) =>
    noteStart(l.text) !== undefined && (!strict || /^(?:\ue000|[\u2460-\u2487\u2776-\u2793])/u.test(l.text));
  const run = lines.slice(start);
  if (!marker(run[0]!) && !(carry && (run.some(marker) || run.length <= 3))) return [];
  const notes: Footnote[] = [];
  // Notes start where the first one does: at the margin under a hanging indent (Writer), or
  // indented with their other lines at the margin (LaTeX); a line elsewhere goes on with a note.
  const startX = run.find(marker)?.x ?? -Infinity;
  for (const line of lines.splice(start)) {
    const m = Math.abs(line.x - startX) <= body * 0.5 && marker(line) ? noteStart(line.text) : undefined;
    const text = escapePlain(line.text.slice(m ? m.length : 0).replace(/[\ue000\ue001]/g, ''));
    const open = notes.at(-1) ?? carry;
    if (m || !open) notes.push({ marker: m?.marker ?? '', label: label(), text });
    else open.text = joinWrapped(open.text, unescapeBlockStart(text));
  }
  return notes;
}

const RAISED = /\ue000([^\ue000\ue001]{1,4})\ue001/g;
const MARKER_IN_TEXT = new RegExp(`\\ue000([^\\ue000\\ue001]{1,4})\\ue001|[${CIRCLED_CLASS}]`, 'gu');

/**
 * A page's markers as references to its footnotes (each note once, the first unused with the
 * marker). A raised marker without a note is left raised, for the endnotes to claim (`settleMarkers`);
 * a circled number without a note stays as it is.
 */
export function linkMarkers(text: string, notes: readonly Footnote[], used: Set<string>): string {
  return text.replace(MARKER_IN_TEXT, (whole, raised: string | undefined) => {
    const marker = canonicalMarker(raised ?? whole);
    const note = notes.find((n) => n.marker === marker && !used.has(n.label));
    if (!note) return whole;
    used.add(note.label);
    return `[^${note.label}]`;
  });
}

/**
 * The markers left after the page notes: those of endnotes become references (in order, each
 * note once); the others are plain text again. Returns the text and the labels it used.
 */
export function settleMarkers(text: string, endnotes: readonly Footnote[], used: Set<string>): string {
  const out = text.replace(MARKER_IN_TEXT, (whole, raised: string | undefined) => {
    const marker = canonicalMarker(raised ?? whole);
    const note = endnotes.find((n) => n.marker === marker && !used.has(n.label));
    if (note) {
      used.add(note.label);
      return `[^${note.label}]`;
    }
    return raised ?? whole;
  });
  return out.replace(RAISED, '$1');
}
