/**
 * The draft as a finished paper in CommonMark with footnotes: every citation replaced by what the
 * style prints, notes and bibliography at the end. Every other export format starts from it
 * (HTML renders it, docx walks its tokens), so all formats print the same citations.
 *
 *     note style:      …的结果[[002#abstract]]。      →  …的结果[^2]。   …   [^2]: 同上: 47.
 *     author-date:     …的结果[[002#abstract]]。      →  …的结果(兰江 等)。
 *     with a label:    [[002#us-phase3|第三阶段]]      →  第三阶段[^3]
 *     Pandoc:          …的结果[see @002, p. 54; @001]。  →  …的结果[^4]。 (one note for the bracket)
 *
 * In English note styles (Chicago) the note number follows the punctuation right after the
 * citation (`…text[[x]].` → `…text.[^1]`); in Chinese it stays where the citation is written, after
 * a closing quotation mark, as Chinese journals print it.
 */
import { parseFrontMatter } from '../corpus/frontMatter.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import { cslHtmlToMarkdown, escapeMarkdownText } from './cslHtml.js';
import type { StyledPaper } from './paper.js';

export interface PaperMarkdown {
  /** The whole paper: title, body, notes, bibliography. */
  markdown: string;
  /** The draft's title: front matter `title`, else its first `# heading`, else undefined. */
  title?: string;
  /** The footnote label of each note (`1`), for note styles: one per citation, or per Pandoc bracket. */
  noteLabels: string[];
}

const TRAILING_PUNCTUATION = /^[.,;:?!]/;

/**
 * `paper` must be formatted as `html` (its strings are converted to escaped Markdown here).
 * Citations that do not resolve (exported with --force) stay as written, escaped.
 */
export function paperMarkdown(draft: DraftParse, paper: StyledPaper): PaperMarkdown {
  const text = draft.text;
  const fm = parseFrontMatter(text);
  const fmTitle = typeof fm.data['title'] === 'string' ? fm.data['title'].trim() : undefined;
  const note = paper.style.kind === 'note';
  const english = paper.locale.startsWith('en');
  const labelPrefix = /\[\^\d+\]/.test(text) ? 'cite-' : '';
  const byStart = new Map(paper.cites.map((c, i) => [c.citation.start, i]));

  // A Pandoc bracket is replaced whole, by the text of its first item that resolves.
  const byCluster = new Map<number, number>();
  paper.cites.forEach((c, i) => {
    const p = c.citation.pandoc;
    if (p && !byCluster.has(p.clusterStart)) byCluster.set(p.clusterStart, i);
  });

  let body = '';
  let at = fm.bodyStartOffset;
  const noteLabels: string[] = [];
  const notes: string[] = [];
  for (const c of draft.citations) {
    const start = c.pandoc ? c.pandoc.clusterStart : c.start;
    if (start < at) continue;
    body += text.slice(at, start);
    at = c.pandoc ? c.pandoc.clusterEnd : c.end;
    const i = c.pandoc ? byCluster.get(c.pandoc.clusterStart) : byStart.get(c.start);
    if (i === undefined) {
      body += escapeMarkdownText(text.slice(start, at));
      continue;
    }
    const label = c.label?.text ?? '';
    const printed = cslHtmlToMarkdown(paper.texts[i] ?? '');
    if (note) {
      const n = `${labelPrefix}${notes.length + 1}`;
      const mark = `[^${n}]`;
      noteLabels.push(n);
      notes.push(`${mark}: ${printed}`);
      // A note's number sits on the word before it: `One [[x]].` is `One.[^1]`, not `One .[^1]`.
      if (!label) body = withoutTrailingBlanks(body);
      const punct = english ? TRAILING_PUNCTUATION.exec(text.slice(at, at + 1)) : null;
      if (punct) {
        body += `${label}${punct[0]}${mark}`;
        at += punct[0].length;
      } else body += `${label}${mark}`;
    } else {
      body += label ? `${label}${english ? ' ' : ''}${printed}` : printed;
    }
  }
  body += text.slice(at);
  body = body.replace(/^\s+/, '').replace(/(?<!\s)\s+$/, '');

  // The first level-1 heading's text, without closing `#`s (written so no blank is tried twice).
  const h1Line = /^#[ \t]+(\S.*)$/m.exec(body)?.[1];
  const h1 = h1Line === undefined ? undefined : h1Line.replace(/(?<![ \t#])[ \t#]+$/, '') || h1Line[0];
  const title = fmTitle ?? h1;
  const parts: string[] = [];
  if (fmTitle && !h1) parts.push(`# ${escapeMarkdownText(fmTitle)}`);
  parts.push(body);
  if (note && notes.length) {
    parts.push(notes.join('\n'));
  }
  if (paper.bibliography.length) {
    parts.push(`## ${paper.heading}`);
    parts.push(paper.bibliography.map(cslHtmlToMarkdown).join('\n\n'));
  }
  return { markdown: `${parts.join('\n\n')}\n`, ...(title ? { title } : {}), noteLabels };
}

/** `text` without the spaces and tabs it ends with (a scan from the end, not a regular expression). */
function withoutTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return end === text.length ? text : text.slice(0, end);
}
