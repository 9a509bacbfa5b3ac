/**
 * Inlay hints: after each citation that resolves, muted, what the paper will print there in the
 * chosen style — the in-text form of an author-date style (`(兰江 等)`), or the note of a note style
 * (`¹ 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方…`). `short` cuts a hint to 30 characters, `full` does not.
 * Broken citations get none (their diagnostic says what is wrong).
 */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver-types';
import type { StyledPaper } from '../export/paper.js';
import { cslHtmlToText } from '../export/cslHtml.js';
import { escapeInline } from '../text/markdownEscape.js';
import type { Range } from '../text/positions.js';

export type InlayHintMode = 'off' | 'short' | 'full';

export const SHORT_HINT_CHARACTERS = 30;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `12` → `¹²`: how a note number is printed. */
export function superscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);
}

/** Cuts `text` to `max` characters (code points), ending with `…` when cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The hints for citations inside `range` (all when undefined). `paper` is the draft formatted in
 * `html` (its strings are turned into plain text here).
 */
export function provideInlayHints(paper: StyledPaper, mode: InlayHintMode, range?: Range): InlayHint[] {
  if (mode === 'off') return [];
  const out: InlayHint[] = [];
  // Notes are numbered per citation, and per Pandoc bracket (its first item holds its text).
  let note = 0;
  paper.cites.forEach((cite, i) => {
    const c = cite.citation;
    const p = c.pandoc;
    if (p && paper.cites[i - 1]?.citation.pandoc?.clusterStart === p.clusterStart) return;
    note++;
    if (range && (c.range.end.line < range.start.line || c.range.start.line > range.end.line)) return;
    const printed = cslHtmlToText(paper.texts[i] ?? '');
    const text = paper.style.kind === 'note' ? `${superscript(note)} ${printed}` : printed;
    const label = mode === 'short' ? cut(text, SHORT_HINT_CHARACTERS) : text;
    out.push({
      position: p
        ? { line: c.range.end.line, character: c.range.end.character + p.clusterEnd - c.end }
        : c.range.end,
      label,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      ...(label !== text ? { tooltip: text } : {}),
    });
  });
  return out;
}

/**
 * A line for the hover of the citation at `start` (its `[[` offset): what the paper prints there,
 * escaped — `In the paper (GB/T 7714-2015 note): 兰江, 杨秀琴. …` — or undefined when it does not
 * resolve.
 */
export function printedLine(paper: StyledPaper, start: number): string | undefined {
  let i = paper.cites.findIndex((c) => c.citation.start === start);
  if (i < 0) return undefined;
  // An item of a Pandoc bracket: the bracket's text is its first item's.
  const cluster = (k: number) => paper.cites[k]?.citation.pandoc?.clusterStart;
  while (i > 0 && cluster(i) !== undefined && cluster(i - 1) === cluster(i)) i--;
  let note = 0;
  for (let k = 0; k <= i; k++)
    if (k === 0 || cluster(k) === undefined || cluster(k - 1) !== cluster(k)) note++;
  const printed = cslHtmlToText(paper.texts[i] ?? '');
  const text = paper.style.kind === 'note' ? `note ${note}: ${printed}` : printed;
  return `*In the paper (${escapeInline(paper.style.title)}):* ${escapeInline(text)}`;
}
