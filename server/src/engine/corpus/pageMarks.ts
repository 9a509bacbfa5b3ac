/**
 * Page marks: where a source's printed pages begin, written as an HTML comment so that they are
 * invisible when the Markdown is read or rendered and survive every Markdown tool.
 *
 *     <!-- page 53 -->
 *
 * A mark on a line of its own starts the page at the next block; a mark inside a paragraph
 * (`…战略<!-- page 54 -->利益…`) splits it, so that paragraph spans pages 53–54. Text before the
 * first mark has no page. Pages are Arabic numbers: the roman folio of a PDF's front matter
 * (`<!-- page iv -->`, written by the importer) is a comment like any other, so those pages have none.
 */

const PAGE_MARK = /<!--\s*page\s+(\d{1,6})\s*-->/gi;

/** The page number of the last page mark in `html`, if it has one: `<!-- page 48 -->` → 48. */
export function lastPageIn(html: string): number | undefined {
  let page: number | undefined;
  for (const m of html.matchAll(PAGE_MARK)) page = Number(m[1]);
  return page;
}

/** The page mark for `page`, as written in sources: `<!-- page 53 -->`. */
export function pageMark(page: number): string {
  return `<!-- page ${page} -->`;
}
