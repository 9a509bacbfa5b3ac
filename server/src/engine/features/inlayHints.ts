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
  paper.cites.forEach((cite, i) => {
    const c = cite.citation;
    if (range && (c.range.end.line < range.start.line || c.range.start.line > range.end.line)) return;
    const printed = cslHtmlToText(paper.texts[i] ?? '');
    const text = paper.style.kind === 'note' ? `${superscript(i + 1)} ${printed}` : printed;
    const label = mode === 'short' ? cut(text, SHORT_HINT_CHARACTERS) : text;
    out.push({
      position: c.range.end,
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
  const i = paper.cites.findIndex((c) => c.citation.start === start);
  if (i < 0) return undefined;
  const printed = cslHtmlToText(paper.texts[i] ?? '');
  const text = paper.style.kind === 'note' ? `note ${i + 1}: ${printed}` : printed;
  return `*In the paper (${escapeInline(paper.style.title)}):* ${escapeInline(text)}`;
}
