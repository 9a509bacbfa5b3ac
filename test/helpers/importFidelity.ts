/**
 * How faithfully an imported document reproduces the corpus document it was printed from. Both
 * are read the same way, as a stream of text with whitespace folded away (headings and paragraphs
 * in order; ids, block ids and escapes dropped) on which page marks and footnote references are
 * positions:
 *
 *     …不断向<!-- page 48 -->执政者施压…   → page 48 at the offset of `执`
 *     …奠定基础。[^47a]但是…               → reference 47a at the offset of `但`
 *
 * A mark or reference is compared by the text around it (ten characters either side), so it is
 * "on the right paragraph", at the right place, whatever the other differences.
 */
import { diffChars } from 'diff';

export interface Stream {
  /** Headings and paragraphs, whitespace folded away, joined. */
  text: string;
  headings: string[];
  /** `48 向|执政者` for each page mark: the page and the text either side. */
  pages: string[];
  /** `47a 奠定基础。|但是既有` for each footnote reference. */
  refs: string[];
  /** Footnote texts by label, whitespace folded away. */
  notes: Map<string, string>;
}

const fold = (s: string) => s.replace(/\s+/g, '');
const unescape = (s: string) => s.replace(/\\([\\`*_[\]<>^{}#&.)|+-])/g, '$1');

export function streamOf(markdown: string, title?: string): Stream {
  const fm = /^---\n[\s\S]*?\n---\n/.exec(markdown);
  const chunks = markdown
    .slice(fm ? fm[0].length : 0)
    .split(/\n\s*\n/)
    .map((c) => c.trim());
  let text = '';
  const headings: string[] = [];
  const marks: { kind: 'page' | 'ref'; name: string; at: number }[] = [];
  const notes = new Map<string, string>();
  for (const chunk of chunks) {
    const def = /^\[\^(\w+)\]:\s*([\s\S]*)$/.exec(chunk);
    if (def) {
      notes.set(def[1]!, fold(unescape(def[2]!)));
      continue;
    }
    const page = /^<!--\s*page\s+(\d+)\s*-->$/.exec(chunk);
    if (page) {
      marks.push({ kind: 'page', name: page[1]!, at: text.length });
      continue;
    }
    if (!chunk || /^<!--[\s\S]*-->$/.test(chunk)) continue;
    const heading = /^#{1,6}\s+(.*?)(?:\s+\{#[\w-]+\})?$/.exec(chunk);
    if (heading) {
      const h = fold(unescape(heading[1]!));
      if (!headings.length && title && h !== fold(title)) {
        headings.push(fold(title));
        text += fold(title);
      }
      headings.push(h);
      text += h;
      continue;
    }
    if (!headings.length && !text && title) {
      headings.push(fold(title));
      text += fold(title);
    }
    const body = chunk.replace(/\s+\^[\w-]+$/, '');
    for (const part of body.split(/(<!--\s*page\s+\d+\s*-->|\[\^\w+\])/)) {
      const pm = /^<!--\s*page\s+(\d+)\s*-->$/.exec(part);
      const ref = /^\[\^(\w+)\]$/.exec(part);
      if (pm) marks.push({ kind: 'page', name: pm[1]!, at: text.length });
      else if (ref) marks.push({ kind: 'ref', name: ref[1]!, at: text.length });
      else text += fold(unescape(part));
    }
  }
  const around = (at: number) => `${text.slice(Math.max(0, at - 10), at)}|${text.slice(at, at + 10)}`;
  return {
    text,
    headings,
    pages: marks.filter((m) => m.kind === 'page').map((m) => `${m.name} ${around(m.at)}`),
    refs: marks.filter((m) => m.kind === 'ref').map((m) => `${m.name} ${around(m.at)}`),
    notes,
  };
}

/** The share of `expected`'s characters that `got` has, in order (a character diff). */
export function keptInOrder(expected: string, got: string): number {
  const kept = diffChars(expected, got)
    .filter((p) => !p.added && !p.removed)
    .reduce((n, p) => n + p.value.length, 0);
  return expected.length ? kept / expected.length : 1;
}
