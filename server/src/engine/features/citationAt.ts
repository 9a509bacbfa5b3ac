/**
 * Finds the citation under the cursor, and which part of it the cursor is on.
 */
import type { Citation, DraftParse } from '../drafts/parseDraft.js';
import type { Position } from '../text/positions.js';

export type CitationPartName = 'document' | 'anchor' | 'locator' | 'label';

/** The citation whose `[[…]]` contains `position` (ends included), if any. */
export function citationAt(draft: DraftParse, position: Position): Citation | undefined {
  if (!draft.lines.isValid(position)) return undefined;
  const offset = draft.lines.offsetAt(position);
  return citationAtOffset(draft, offset);
}

export function citationAtOffset(draft: DraftParse, offset: number): Citation | undefined {
  // Citations are sorted by offset: binary search for the last one starting at or before `offset`.
  const list = draft.citations;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const c = found >= 0 ? list[found] : undefined;
  return c && offset <= c.end ? c : undefined;
}

/** The part of `c` at `offset`: after `|` the label, after `@` the pages, after `#` the anchor, else the document (see the first line for Pandoc). */
export function partAt(c: Citation, offset: number): CitationPartName {
  // A Pandoc citation: its pages (`54` of `[@002, p. 54]`), else its key.
  if (c.pandoc) return c.locator && offset >= c.locator.start ? 'locator' : 'document';
  if (c.pipe !== undefined && offset > c.pipe) return 'label';
  if (c.at !== undefined && offset > c.at) return 'locator';
  if (c.hash !== undefined && offset > c.hash) return 'anchor';
  return 'document';
}
