/**
 * The draft as Pandoc Markdown with Pandoc citations, and the cited sources as CSL-JSON, so that
 * `pandoc --citeproc --csl STYLE.csl` makes any format in any style:
 *
 *     [[002#us-phase3]]          →  [@002, pp. 53–55]
 *     [[002#us-phase3@54|第三阶段]] →  第三阶段[@002, p. 54]
 *     [[002]]                    →  [@002]
 *     [see @002, p. 54]          →  [see @002, p. 54]   (a Pandoc citation is passed through)
 *
 * The front matter names the references file (`bibliography`), the language and the heading of
 * the reference list.
 */
import { stringify } from 'yaml';
import { toCslItem, type CslItem } from '../biblio/cslItem.js';
import { parseFrontMatter } from '../corpus/frontMatter.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import { escapeMarkdownText } from './cslHtml.js';
import type { PaperCite } from './paper.js';

export interface PandocPaper {
  markdown: string;
  references: CslItem[];
}

/** `[@002, pp. 53–55]` */
export function pandocCitation(cite: PaperCite): string {
  const key = /^[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*$/u.test(cite.doc.id)
    ? `@${cite.doc.id}`
    : `@{${cite.doc.id}}`;
  const loc = cite.locator;
  if (!loc) return `[${key}]`;
  const one = loc.pages.length === 1 && loc.pages[0]!.first === loc.pages[0]!.last;
  return `[${key}, ${one ? 'p.' : 'pp.'} ${loc.text}]`;
}

export function paperPandoc(
  draft: DraftParse,
  cites: readonly PaperCite[],
  options: { referencesFile: string; locale: string; heading: string },
): PandocPaper {
  const text = draft.text;
  const fm = parseFrontMatter(text);
  const byStart = new Map(cites.map((c) => [c.citation.start, c]));
  let body = '';
  let at = fm.bodyStartOffset;
  for (const c of draft.citations) {
    if (c.pandoc) {
      // Already a Pandoc citation: passed through as written.
      if (c.pandoc.clusterStart < at) continue;
      body += text.slice(at, c.pandoc.clusterEnd);
      at = c.pandoc.clusterEnd;
      continue;
    }
    if (c.start < at) continue;
    body += text.slice(at, c.start);
    at = c.end;
    const cite = byStart.get(c.start);
    body += cite ? `${c.label?.text ?? ''}${pandocCitation(cite)}` : escapeMarkdownText(c.raw);
  }
  body += text.slice(at);
  const meta: Record<string, unknown> = { ...fm.data };
  meta['bibliography'] = options.referencesFile;
  meta['lang'] ??= options.locale;
  meta['reference-section-title'] ??= options.heading;
  const docs = [...new Map(cites.map((c) => [c.doc.id, c.doc])).values()];
  return {
    markdown: `---\n${stringify(meta).trimEnd()}\n---\n\n${body.replace(/^\s+/, '')}`,
    references: docs.map(toCslItem),
  };
}
