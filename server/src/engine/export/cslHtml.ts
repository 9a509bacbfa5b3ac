/**
 * citeproc-js's HTML output as Markdown: the few tags a CSL style emits become Markdown marks, and
 * the text between them is escaped, so a title holding `*` or `<script>` stays text.
 *
 *     `兰江. <i>Two-Level Games</i> &#38; more`  →  `兰江. *Two-Level Games* \& more`
 *     `<div class="csl-left-margin">[1]</div><div class="csl-right-inline">兰江…</div>` → `\[1\] 兰江…`
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Escapes the Markdown that text could form: emphasis, links, HTML, code, tables, line-start marks. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`).replace(/^([#>+-]|\d+[.)])/gm, '\\$1');
}

/** Splits citeproc HTML into tags and text; tags we know become Markdown, others vanish. */
export function cslHtmlToMarkdown(html: string): string {
  let out = '';
  let text = '';
  const flush = () => {
    out += escapeMarkdownText(decodeEntities(text));
    text = '';
  };
  const re = /<(\/?)([a-z]+)\b[^>]*>/gi;
  const flat = html.replace(/<\/div>\s*<div[^>]*>/g, ' ');
  let last = 0;
  for (const m of flat.matchAll(re)) {
    text += flat.slice(last, m.index);
    last = m.index + m[0].length;
    flush();
    const tag = m[2]!.toLowerCase();
    if (tag === 'i' || tag === 'em') out += '*';
    else if (tag === 'b' || tag === 'strong') out += '**';
  }
  text += flat.slice(last);
  flush();
  return out.replace(/\s+/g, ' ').trim();
}

/** citeproc-js's HTML output as plain text: tags dropped, entities decoded. */
export function cslHtmlToText(html: string): string {
  // `[^<>]`, not `[^>]`: a `<` with no `>` after it must not be retried from every `<` (linear time).
  return decodeEntities(html.replace(/<\/div>\s*<div[^>]*>/g, ' ').replace(/<[^<>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}
