/**
 * A draft read as a paper: its citations resolved and formatted by a CSL style, in order, with
 * the bibliography — what every export format, the inlay hints and the preview print.
 */
import { citationLocator, type Locator } from '../biblio/pages.js';
import { toCslItem } from '../biblio/cslItem.js';
import { formatPaper, styleInfo, type OutputFormat, type StyleInfo } from '../biblio/formatter.js';
import { bibliographyHeading } from '../biblio/styles.js';
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';
import type { Citation, DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { resolveCitation } from '../features/resolve.js';
import { citationDiagnostic } from '../features/diagnostics.js';

/** A style ready to use: its XML, the paper's locale, and where locale files come from. */
export interface LoadedStyle {
  xml: string;
  locale: string;
  retrieveLocale: (lang: string) => string | undefined;
}

/** One citation of the draft that resolves, with what it cites. */
export interface PaperCite {
  citation: Citation;
  doc: SourceDoc;
  anchor?: Anchor;
  locator?: Locator;
}

export interface StyledPaper {
  style: StyleInfo;
  locale: string;
  /** The citations that resolve, in text order; broken ones are left out. */
  cites: PaperCite[];
  /** `texts[i]` is how the style prints `cites[i]`: a note's text, or the in-text form. */
  texts: string[];
  bibliography: string[];
  /** `参考文献` or `References`. */
  heading: string;
}

/** The draft's citations that resolve to a passage or a document, with their locators. */
export function resolvedCites(draft: DraftParse, index: CorpusIndex): PaperCite[] {
  const out: PaperCite[] = [];
  for (const c of draft.citations) {
    const r = resolveCitation(index, c, false);
    if (r.kind !== 'document' && r.kind !== 'anchor') continue;
    if (c.locator && citationDiagnostic(c, index)) continue;
    const anchor = r.kind === 'anchor' ? r.anchor : undefined;
    const locator = citationLocator(r.doc, anchor, c.locator?.text);
    out.push({ citation: c, doc: r.doc, ...(anchor ? { anchor } : {}), ...(locator ? { locator } : {}) });
  }
  return out;
}

/**
 * Formats the draft's citations with `style`. Throws when the style cannot be read (with the
 * processor's message).
 */
export function styleDraft(
  draft: DraftParse,
  index: CorpusIndex,
  style: LoadedStyle,
  format: OutputFormat,
): StyledPaper {
  const info = styleInfo(style.xml);
  if (!info)
    throw new Error('not a CSL 1.0 style (its root is not <style xmlns="http://purl.org/net/xbiblio/csl">)');
  const cites = resolvedCites(draft, index);
  const docs = [...new Map(cites.map((c) => [c.doc.id, c.doc])).values()];
  const { citations, bibliography } = formatPaper(
    {
      style: style.xml,
      locale: style.locale,
      retrieveLocale: style.retrieveLocale,
      items: docs.map(toCslItem),
      format,
    },
    cites.map((c) => ({ itemId: c.doc.id, ...(c.locator ? { locator: c.locator.text } : {}) })),
  );
  return {
    style: info,
    locale: style.locale,
    cites,
    texts: citations,
    bibliography,
    heading: bibliographyHeading(style.locale),
  };
}
