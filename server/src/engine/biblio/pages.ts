/**
 * Which printed pages a passage spans, and which pages a citation cites.
 *
 * Pages come from the source's page marks (`<!-- page 53 -->`, see `corpus/pageMarks.ts`). A
 * citation's locator is the pages its passage spans — `[[002#us-phase3]]` → 53–55 — unless the
 * writer gives one: `[[002#us-phase3@54]]` → 54.
 */
import { parsePages, type PageRange } from '../drafts/citation.js';
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';

export type { PageRange };

/** The pages of blocks [first, end), or undefined when none of them has a page. */
function blockPages(doc: SourceDoc, first: number, end: number): PageRange | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = first; i < end; i++) {
    const b = doc.blocks[i]!;
    if (b.pageStart !== undefined) lo = Math.min(lo, b.pageStart);
    if (b.pageEnd !== undefined) hi = Math.max(hi, b.pageEnd);
  }
  if (lo === Infinity || hi === -Infinity) return undefined;
  return { first: lo, last: hi };
}

/**
 * The pages an anchor's passage spans: `us-phase3` of 002 → { first: 53, last: 55 }. A section
 * with no blocks of its own (a heading right before its subheading) takes its heading's page.
 */
export function anchorPages(doc: SourceDoc, anchor: Anchor): PageRange | undefined {
  const pages = blockPages(doc, anchor.firstBlock, anchor.endBlock);
  if (pages || anchor.firstBlock === 0) return pages;
  return anchor.kind === 'heading' || anchor.kind === 'slug'
    ? blockPages(doc, anchor.firstBlock - 1, anchor.firstBlock)
    : undefined;
}

/**
 * The pages of the whole source: its front matter's `pages` (`47-62`), else the first and last
 * page its marks name; undefined when it says nothing about pages.
 */
export function documentPages(doc: SourceDoc): PageRange | undefined {
  const written = doc.meta.pages ? parsePages(doc.meta.pages) : undefined;
  if (written) return { first: written[0]!.first, last: written[written.length - 1]!.last };
  return blockPages(doc, 0, doc.blocks.length);
}

/** `53–55`, or `54` for a single page: how a locator is shown and passed to a style. */
export function formatPages(pages: readonly PageRange[]): string {
  return pages.map((p) => (p.first === p.last ? `${p.first}` : `${p.first}–${p.last}`)).join(', ');
}

export interface Locator {
  pages: PageRange[];
  /** `53–55` */
  text: string;
  /** True when written by the writer (`@54`), false when computed from page marks. */
  written: boolean;
}

/**
 * What a citation cites: the written locator, else the pages of its anchor's passage. A citation
 * of the whole document has no computed locator (the bibliography gives the document's pages).
 */
export function citationLocator(
  doc: SourceDoc,
  anchor: Anchor | undefined,
  written: string | undefined,
): Locator | undefined {
  if (written !== undefined) {
    const pages = parsePages(written);
    return pages ? { pages, text: formatPages(pages), written: true } : undefined;
  }
  const pages = anchor ? anchorPages(doc, anchor) : undefined;
  return pages ? { pages: [pages], text: formatPages([pages]), written: false } : undefined;
}

/** The written pages that fall outside the source's pages, if the source knows its pages. */
export function pagesOutside(doc: SourceDoc, pages: readonly PageRange[]): PageRange[] {
  const all = documentPages(doc);
  if (!all) return [];
  return pages.filter((p) => p.first < all.first || p.last > all.last);
}

/**
 * The blocks printed on `pages`, as a passage `[firstBlock, endBlock)`: from the first block that
 * reaches the first page named to the last block that starts on or before the last page named.
 * Undefined when the source marks no pages or no block is on those pages.
 *
 * Example: in 002 (pages 47–66), pages 54 are the blocks from the one running onto page 54 to the
 * last one starting on page 54.
 */
export function pagesPassage(
  doc: SourceDoc,
  pages: readonly PageRange[],
): { firstBlock: number; endBlock: number } | undefined {
  let firstBlock = -1;
  let endBlock = -1;
  doc.blocks.forEach((b, i) => {
    if (b.pageStart === undefined) return;
    const last = b.pageEnd ?? b.pageStart;
    if (!pages.some((p) => b.pageStart! <= p.last && last >= p.first)) return;
    if (firstBlock < 0) firstBlock = i;
    endBlock = i + 1;
  });
  return firstBlock < 0 ? undefined : { firstBlock, endBlock };
}
