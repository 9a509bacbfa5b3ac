/**
 * Hover on a citation: the document's title, authors and date, the anchor's heading, and the
 * cited passage as Markdown (cut when long), with a link that opens the source at the anchor.
 * On a broken citation, what is wrong. All corpus text is escaped.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { docTitle, type Anchor, type SourceDoc } from '../corpus/sourceDoc.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { escapeInline } from '../text/markdownEscape.js';
import type { Position } from '../text/positions.js';
import type { CancellationToken } from '../workspace.js';
import { citationAt } from './citationAt.js';
import { documentAbout } from './completion.js';
import { citationDiagnostic } from './diagnostics.js';
import { describeQuote, type QuoteChecker } from './quoteCheck.js';
import { previewPassage } from './passagePreview.js';
import { resolveCitation } from './resolve.js';
import { nameAsShown } from '../biblio/cslItem.js';
import { anchorPages, citationLocator, documentPages, formatPages } from '../biblio/pages.js';

/** Passages longer than this are cut in hovers. */
export const HOVER_PASSAGE_CHARACTERS = 1200;

export class HoverProvider {
  readonly #index: CorpusIndex;
  readonly #quotes: QuoteChecker | undefined;

  constructor(index: CorpusIndex, quotes?: QuoteChecker) {
    this.#index = index;
    this.#quotes = quotes;
  }

  /**
   * On a citation: the cited passage (after the verdict on its quotation, if it has one). On the
   * words of a quotation: the verdict, with both wordings side by side when they differ.
   */
  provideHover(draft: DraftParse, position: Position, token?: CancellationToken): Hover | undefined {
    if (token?.isCancellationRequested) return undefined;
    const c = citationAt(draft, position);
    const judged = this.#quotes?.at(draft, position);
    if (!c) {
      if (!judged) return undefined;
      return {
        contents: { kind: MarkupKind.Markdown, value: describeQuote(judged) },
        range: judged.quote.range,
      };
    }
    const r = resolveCitation(this.#index, c);
    let value: string;
    const problem =
      r.kind === 'document' || r.kind === 'anchor' ? citationDiagnostic(c, this.#index) : undefined;
    if (problem) value = `**Broken citation.** ${escapeInline(problem.message)}`;
    else if (r.kind === 'document') value = describe(r.doc, undefined, c.locator?.text);
    else if (r.kind === 'anchor') value = describe(r.doc, r.anchor, c.locator?.text);
    else value = `**Broken citation.** ${escapeInline(citationDiagnostic(c, this.#index)?.message ?? '')}`;
    if (judged && judged.quote.citation === c) value = `${describeQuote(judged)}\n\n---\n\n${value}`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: c.range };
  }
}

/**
 * The hover text for a document, or one of its anchors, with the pages cited (`written`: the
 * citation's own `@54`). Exported for the quote hover.
 */
export function describe(doc: SourceDoc, anchor: Anchor | undefined, written?: string): string {
  const lines: string[] = [];
  const about = documentAbout(doc);
  lines.push(`**${escapeInline(docTitle(doc))}**${about ? ` — ${about}` : ''}`);
  const pages = pagesNote(doc, anchor, written);
  if (anchor) {
    const where =
      anchor.kind === 'heading' || anchor.kind === 'slug' ? escapeInline(anchor.name) : kindLabel(anchor);
    lines.push(`${escapeInline(`${doc.id}#${anchor.id}`)} · ${where}${pages ? ` · ${pages}` : ''}`);
  } else if (pages) {
    lines.push(pages);
  }
  lines.push('---');
  const blocks = anchor ? doc.blocks.slice(anchor.firstBlock, anchor.endBlock) : doc.blocks;
  const preview = previewPassage(blocks, HOVER_PASSAGE_CHARACTERS);
  if (!doc.blocks.length) lines.push(...metadataOnly(doc));
  else lines.push(preview.markdown || '*(empty passage)*');
  const line = (anchor ? anchor.range.start.line : 0) + 1;
  lines.push('---');
  lines.push(
    `[Open ${escapeInline(doc.id + (anchor ? `#${anchor.id}` : ''))} in the source](${linkTarget(doc.uri, line)})`,
  );
  return lines.join('\n\n');
}

/**
 * What a document without text is known by: `*No text: metadata only.*` and its bibliographic
 * fields, one per line (`Journal: 南亚研究季刊, 3(2), pp. 47–66`, `Publisher: Oxford: OUP`, DOI, …).
 */
function metadataOnly(doc: SourceDoc): string[] {
  const m = doc.meta;
  const issue = m.volume ? `${m.volume}${m.issue ? `(${m.issue})` : ''}` : m.issue ? `no. ${m.issue}` : '';
  const fields: [string, string | undefined][] = [
    ['Type', m.type],
    ['In', [m.container, issue, m.pages ? `pp. ${m.pages}` : ''].filter(Boolean).join(', ') || undefined],
    ['Editors', m.editors.map(nameAsShown).join(', ') || undefined],
    ['Translators', m.translators.map(nameAsShown).join(', ') || undefined],
    ['Publisher', [m.place, m.publisher].filter(Boolean).join(': ') || undefined],
    ['Edition', m.edition],
    ['DOI', m.doi],
    ['ISBN', m.isbn],
    ['URL', m.url],
    ['Accessed', m.accessed],
  ];
  const known = fields.filter(([, v]) => v).map(([k, v]) => `${k}: ${escapeInline(v!)}`);
  return [
    '*No text: metadata only* (a library entry imported without its attachment: cite it with pages, `@12`; quotes of it cannot be verified).',
    ...(known.length ? [known.join('  \n')] : []),
  ];
}

/** `pp. 53–55`, or `cited at p. 54 (the passage is on pp. 53–55)` when the citation names its page. */
function pagesNote(doc: SourceDoc, anchor: Anchor | undefined, written: string | undefined): string {
  const span = anchor ? anchorPages(doc, anchor) : documentPages(doc);
  const spanText = span ? `${span.first === span.last ? 'p.' : 'pp.'} ${formatPages([span])}` : '';
  const cited = written !== undefined ? citationLocator(doc, anchor, written) : undefined;
  if (!cited) return spanText;
  const one = cited.pages.length === 1 && cited.pages[0]!.first === cited.pages[0]!.last;
  return `cited at ${one ? 'p.' : 'pp.'} ${cited.text}${spanText ? ` (the passage is on ${spanText})` : ''}`;
}

function kindLabel(anchor: Anchor): string {
  switch (anchor.kind) {
    case 'block':
      return 'block';
    case 'paragraph':
      return `paragraph ${anchor.id.slice(1)}`;
    case 'footnote':
      return 'footnote';
    default:
      return 'section';
  }
}

/** A link destination that survives any file name: `<…>` allows parentheses; `<`, `>` and spaces are encoded in URIs. */
export function linkTarget(uri: string, line: number): string {
  return `<${uri.replace(/[<> ]/g, encodeURIComponent)}#L${line}>`;
}
