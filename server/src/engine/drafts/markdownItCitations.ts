/**
 * A markdown-it plugin that renders citations — for VS Code's Markdown preview (and any export
 * built on markdown-it) — with the same grammar as everything else (`scanCitation`).
 *
 *     见[[002#us-phase3|第三阶段]]  →  见<cite class="source-anchors-citation" title="002#us-phase3">第三阶段</cite>
 *
 * Without a label the citation shows as `002#us-phase3`. Malformed citations stay as written, and
 * code spans keep their brackets (markdown-it's own code rule runs first).
 */
import { NextIndex, scanCitation } from './citation.js';

/** The parts of markdown-it this plugin touches, so the client bundle needs no markdown-it types. */
interface MarkdownItLike {
  inline: {
    ruler: {
      before(name: string, rule: string, fn: (state: InlineState, silent: boolean) => boolean): void;
    };
  };
  renderer: { rules: object };
  utils: { escapeHtml(s: string): string };
}

interface InlineState {
  src: string;
  pos: number;
  posMax: number;
  push(type: string, tag: string, nesting: number): TokenLike;
}

interface TokenLike {
  meta: unknown;
}

interface CitationMeta {
  target: string;
  label: string | undefined;
}

export function citationsPlugin(md: MarkdownItLike): void {
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
      token.meta = { target, label: c.label?.text } satisfies CitationMeta;
    }
    state.pos = c.end;
    return true;
  });
  const rules = md.renderer.rules as Record<string, (tokens: TokenLike[], idx: number) => string>;
  rules['source_anchors_citation'] = (tokens, idx) => {
    const { target, label } = tokens[idx]!.meta as CitationMeta;
    const title = md.utils.escapeHtml(target);
    return `<cite class="source-anchors-citation" title="${title}">${md.utils.escapeHtml(label ?? target)}</cite>`;
  };
}
