/**
 * A markdown-it plugin that renders citations — for VS Code's Markdown preview (and any export
 * built on markdown-it) — with the same grammar as everything else (`scanCitation`).
 *
 * Without a paper (any markdown-it user, or before the server's table arrives), a chip:
 *
 *     见[[002#us-phase3|第三阶段]]  →  见<cite class="source-anchors-citation" title="002#us-phase3">第三阶段</cite>
 *
 * With a paper — the server's table for the document being rendered, found by `paperFor(env)`
 * (VS Code's preview puts the document's URI in `env.currentDocument`) — as the paper prints it:
 *
 *     note style:   第三阶段<sup class="source-anchors-note" id="source-anchors-ref-3"><a href="#source-anchors-note-3" title="PASSAGE">3</a></sup>
 *                   … and at the end the notes (each linking to the source at its anchor) and the
 *                   bibliography under its heading (`参考文献`);
 *     author-date:  第三阶段<a class="source-anchors-cite" href="../corpus/002.md#L116" title="PASSAGE">(兰江 等)</a>
 *     broken:       <span class="source-anchors-broken" title="Unknown anchor …">[[002#us-phase9]]</span>
 *
 * The n-th citation the plugin reads is the n-th row of the table (both skip code and malformed
 * citations); a row whose target differs (the table is a keystroke behind) is looked up by target.
 * Every string from the table is corpus text and is escaped; links with a scheme other than
 * `file:` are dropped. Malformed citations stay as written, and code spans keep their brackets
 * (markdown-it's own code rule runs first).
 *
 * A Pandoc citation (`[see @002, p. 54; @004]`, `@002 [p. 54]`) is read by the same scanner and is
 * one citation, one row of the table (its first item's target), as the paper prints it: its chip
 * shows it as written. Not read: `[@key](url)` and `[@key][ref]` (links), as in the drafts' parse.
 */
import { mayStartInText, NextIndex, scanCitation, scanPandocCitations } from './citation.js';

/** One row of a paper table (the server's `PaperCitation`): what the paper prints for a citation. */
export interface PaperCitationView {
  target: string;
  /** The style's text: the note's text (note styles) or the in-text form. Plain text. */
  text?: string;
  /** The footnote's number, for note styles. */
  note?: number;
  /** Where the source opens at the anchor: `../corpus/002.md#L116`. */
  href?: string;
  /** The passage, short: the link's tooltip. */
  preview?: string;
  /** Why the citation does not resolve. */
  broken?: string;
}

/** A document's paper (the server's `PaperTableParams`, or anything shaped like it). */
export interface PaperView {
  style: { kind: 'note' | 'in-text' };
  locale: string;
  citations: readonly PaperCitationView[];
  bibliography: readonly string[];
  heading: string;
}

export interface CitationsPluginOptions {
  /** The paper of the document markdown-it is rendering, from its `env`; undefined: chips. */
  paperFor?: (env: unknown) => PaperView | undefined;
}

/** The parts of markdown-it this plugin touches, so the client bundle needs no markdown-it types. */
interface MarkdownItLike {
  inline: {
    ruler: {
      before(name: string, rule: string, fn: (state: InlineState, silent: boolean) => boolean): void;
    };
  };
  core: { ruler: { push(rule: string, fn: (state: CoreState) => void): void } };
  renderer: { rules: object };
  utils: { escapeHtml(s: string): string };
}

interface InlineState {
  src: string;
  pos: number;
  posMax: number;
  env: unknown;
  /** Above 0 inside a link's text. */
  linkLevel?: number;
  push(type: string, tag: string, nesting: 0): TokenLike;
}

interface CoreState {
  inlineMode: boolean;
  tokens: TokenLike[];
  Token: new (type: string, tag: string, nesting: 0) => TokenLike;
}

interface TokenLike {
  meta: unknown;
  block?: boolean;
}

interface CitationMeta {
  target: string;
  label: string | undefined;
  /** The citation as written: `[[002#us-phase3|第三阶段]]`. */
  raw: string;
  /** Its place among the document's citations, from 0. */
  index: number;
  /** A Pandoc citation: no label; its chip shows it as written. */
  pandoc?: true;
}

/** Past this many characters, an in-text `@key [p. 54]` is not looked for. */
const MAX_IN_TEXT = 400;

type Rule = (tokens: TokenLike[], idx: number, options: unknown, env: unknown) => string;

export function citationsPlugin(md: MarkdownItLike, options: CitationsPluginOptions = {}): void {
  const esc = (s: string) => md.utils.escapeHtml(s);
  /** Citations read so far in each render's `env`. */
  const counters = new WeakMap<object, number>();
  // One NextIndex per inline text, so a paragraph of 10,000 `[[` is read in linear time.
  let last: { src: string; next: NextIndex } | undefined;

  md.inline.ruler.before('link', 'source_anchors_citation', (state, silent) => {
    const { src, pos } = state;
    if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) !== 0x5b) return false;
    if (pos > 0 && src.charCodeAt(pos - 1) === 0x5c /* \ */) return false;
    if (last?.src !== src) last = { src, next: new NextIndex(src) };
    const c = scanCitation(src, pos, Math.min(last.next.lineEnd(pos), state.posMax), last.next);
    if (!c || !c.closed || c.problem) return false;
    if (!silent) {
      const token = state.push('source_anchors_citation', 'cite', 0);
      const target = c.anchor ? `${c.doc!.text}#${c.anchor.text}` : c.doc!.text;
      const env = typeof state.env === 'object' && state.env !== null ? state.env : undefined;
      const index = env ? (counters.get(env) ?? 0) : 0;
      if (env) counters.set(env, index + 1);
      token.meta = {
        target,
        label: c.label?.text,
        raw: src.slice(c.start, c.end),
        index,
      } satisfies CitationMeta;
    }
    state.pos = c.end;
    return true;
  });

  md.inline.ruler.before('link', 'source_anchors_pandoc', (state, silent) => {
    const { src, pos } = state;
    // A link's text (`[@key](url)`) holds no citation, as in the drafts' parse.
    if (state.linkLevel) return false;
    const ch = src.charCodeAt(pos);
    const bracket = ch === 0x5b && src.charCodeAt(pos + 1) !== 0x5b;
    if (!bracket && !(ch === 0x40 && mayStartInText(pos > 0 ? src[pos - 1] : undefined))) return false;
    if (last?.src !== src) last = { src, next: new NextIndex(src) };
    const lineEnd = Math.min(last.next.lineEnd(pos), state.posMax);
    const close = last.next.find(']', pos);
    const end = bracket
      ? close !== -1 && close < lineEnd
        ? close + 1
        : -1
      : Math.min(lineEnd, close !== -1 ? close + 1 : lineEnd, pos + MAX_IN_TEXT);
    if (end === -1) return false;
    const c = scanPandocCitations(src, pos, end, last.next, true)[0];
    if (!c || c.start !== pos) return false;
    if (!c.inText && (src[c.end] === '(' || src[c.end] === '[')) return false;
    if (!silent) {
      const token = state.push('source_anchors_citation', 'cite', 0);
      const env = typeof state.env === 'object' && state.env !== null ? state.env : undefined;
      const index = env ? (counters.get(env) ?? 0) : 0;
      if (env) counters.set(env, index + 1);
      token.meta = {
        target: c.items[0]!.key.text,
        label: undefined,
        raw: src.slice(c.start, c.end),
        index,
        pandoc: true,
      } satisfies CitationMeta;
    }
    state.pos = c.end;
    return true;
  });

  // The notes and the bibliography go at the end of the document (rendered only with a paper).
  md.core.ruler.push('source_anchors_paper', (state) => {
    if (state.inlineMode) return;
    const token = new state.Token('source_anchors_paper', 'section', 0);
    token.block = true;
    state.tokens.push(token);
  });

  const rules = md.renderer.rules as Record<string, Rule>;
  rules['source_anchors_citation'] = (tokens, idx, _options, env) => {
    const meta = tokens[idx]!.meta as CitationMeta;
    const paper = options.paperFor?.(env);
    const row = paper ? rowFor(paper, meta) : undefined;
    if (!paper || !row) return chip(meta, esc);
    if (row.broken)
      return `<span class="source-anchors-broken" title="${esc(row.broken)}">${esc(meta.raw)}</span>`;
    const label = meta.label ? esc(meta.label) : '';
    const title = row.preview ? ` title="${esc(row.preview)}"` : '';
    if (paper.style.kind === 'note' && row.note !== undefined) {
      const n = row.note;
      return `${label}<sup class="source-anchors-note" id="source-anchors-ref-${n}"><a href="#source-anchors-note-${n}"${title}>${n}</a></sup>`;
    }
    const text = row.text ? esc(row.text) : esc(meta.label ?? meta.target);
    const before = row.text && label ? `${label}${paper.locale.startsWith('en') ? ' ' : ''}` : '';
    return `${before}<a class="source-anchors-cite"${href(row, esc)}${title}>${text}</a>`;
  };

  rules['source_anchors_paper'] = (_tokens, _idx, _options, env) => {
    const paper = options.paperFor?.(env);
    if (!paper) return '';
    const notes =
      paper.style.kind === 'note' ? paper.citations.filter((c) => c.note !== undefined && !c.broken) : [];
    if (!notes.length && !paper.bibliography.length) return '';
    let html = '<section class="source-anchors-paper">\n';
    if (notes.length) {
      html += '<hr class="source-anchors-notes-rule">\n<ol class="source-anchors-notes">\n';
      for (const c of notes) {
        const title = c.preview ? ` title="${esc(c.preview)}"` : '';
        html += `<li id="source-anchors-note-${c.note}" value="${c.note}"><a${href(c, esc)}${title}>${esc(c.text ?? c.target)}</a> <a class="source-anchors-backref" href="#source-anchors-ref-${c.note}">↩</a></li>\n`;
      }
      html += '</ol>\n';
    }
    if (paper.bibliography.length) {
      html += `<h2 class="source-anchors-bibliography-heading">${esc(paper.heading)}</h2>\n<ul class="source-anchors-bibliography">\n`;
      for (const entry of paper.bibliography) html += `<li>${esc(entry)}</li>\n`;
      html += '</ul>\n';
    }
    return `${html}</section>\n`;
  };
}

function chip(meta: CitationMeta, esc: (s: string) => string): string {
  if (meta.pandoc)
    return `<cite class="source-anchors-citation" title="${esc(meta.target)}">${esc(meta.raw)}</cite>`;
  return `<cite class="source-anchors-citation" title="${esc(meta.target)}">${esc(meta.label ?? meta.target)}</cite>`;
}

/** The table's row for a citation: by its place, else (the table is a keystroke behind) by target. */
function rowFor(paper: PaperView, meta: CitationMeta): PaperCitationView | undefined {
  const row = paper.citations[meta.index];
  return row?.target === meta.target ? row : paper.citations.find((c) => c.target === meta.target);
}

/** ` href="…"` for a relative link or a `file:` URI; nothing for any other scheme. */
function href(row: PaperCitationView, esc: (s: string) => string): string {
  if (!row.href) return '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(row.href)?.[1];
  return scheme && scheme.toLowerCase() !== 'file' ? '' : ` href="${esc(row.href)}"`;
}
