/**
 * A draft read as a paper: its citations resolved and formatted by a CSL style, in order, with
 * the bibliography — what every export format, the inlay hints and the preview print.
 */
import { citationLocator, type Locator } from '../biblio/pages.js';
import { toCslItem, type CslItem } from '../biblio/cslItem.js';
import {
  formatPaperSteps,
  styleInfo,
  type CiteRequest,
  type FormattedPaper,
  type OutputFormat,
  type StyleInfo,
} from '../biblio/formatter.js';
import { drain, type Steps } from '../steps.js';
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
  /**
   * `texts[i]` is how the style prints `cites[i]`: a note's text, or the in-text form. The items of
   * one Pandoc bracket are one citation: the first holds its text, the others ''.
   */
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
  return drain(styleDraftSteps(draft, index, style, format));
}

/**
 * {@link styleDraft} a step at a time (a step per citation, see `formatPaperSteps`), with the
 * bibliography only when `bibliography` is true: views of the citations alone (inlay hints, the
 * hover's printed line) leave it out (empty).
 */
export function* styleDraftSteps(
  draft: DraftParse,
  index: CorpusIndex,
  style: LoadedStyle,
  format: OutputFormat,
  bibliography = true,
): Steps<StyledPaper> {
  const request = paperRequest(draft, index, style);
  const formatted = yield* formatPaperSteps(
    {
      style: style.xml,
      locale: style.locale,
      retrieveLocale: style.retrieveLocale,
      items: request.items,
      format,
    },
    request.cites,
    bibliography,
  );
  return styledPaper(request, formatted);
}

/**
 * What the style processor is given for a draft — plain data, which a worker thread can format as
 * well as this one (`formatPaper(…, request.items, request.cites)`) — and what the paper is
 * assembled from once it has ({@link styledPaper}). Throws on a style that is not CSL 1.0.
 */
export interface PaperRequest {
  info: StyleInfo;
  locale: string;
  resolved: PaperCite[];
  items: CslItem[];
  cites: CiteRequest[];
}

export function paperRequest(draft: DraftParse, index: CorpusIndex, style: LoadedStyle): PaperRequest {
  const info = styleInfo(style.xml);
  if (!info)
    throw new Error('not a CSL 1.0 style (its root is not <style xmlns="http://purl.org/net/xbiblio/csl">)');
  const resolved = resolvedCites(draft, index);
  const docs = [...new Map(resolved.map((c) => [c.doc.id, c.doc])).values()];
  return {
    info,
    locale: style.locale,
    resolved,
    items: docs.map(toCslItem),
    cites: resolved.map((c) => {
      const p = c.citation.pandoc;
      const unit = p?.suffix && !c.citation.locator ? otherLocator(p.suffix) : undefined;
      return {
        itemId: c.doc.id,
        ...(c.locator ? { locator: c.locator.text } : {}),
        ...(unit ?? {}),
        ...(p ? { cluster: p.clusterStart } : {}),
        ...(p?.prefix ? { prefix: p.prefix } : {}),
        ...(p?.suffix && !c.citation.locator && !unit ? { suffix: p.suffix } : {}),
        ...(p?.suppressAuthor ? { suppressAuthor: true } : {}),
      };
    }),
  };
}

/** The paper of a {@link paperRequest}, from what the style processor made of it. */
export function styledPaper(request: PaperRequest, formatted: FormattedPaper): StyledPaper {
  return {
    style: request.info,
    locale: request.locale,
    cites: request.resolved,
    texts: formatted.citations,
    bibliography: formatted.bibliography,
    heading: bibliographyHeading(request.locale),
  };
}

/** CSL locator labels for the units a Pandoc suffix names, as Pandoc's English terms abbreviate them. */
const UNITS: Record<string, string> = {
  bk: 'book',
  book: 'book',
  chap: 'chapter',
  chapter: 'chapter',
  col: 'column',
  column: 'column',
  fig: 'figure',
  figure: 'figure',
  l: 'line',
  line: 'line',
  n: 'note',
  note: 'note',
  para: 'paragraph',
  paragraph: 'paragraph',
  pt: 'part',
  part: 'part',
  sec: 'section',
  section: 'section',
  vol: 'volume',
  volume: 'volume',
};

/**
 * A Pandoc suffix naming another unit than pages, as a CSL locator: `chap. 2` → chapter 2,
 * `secs. 3–4` → section 3–4. Undefined for anything else (`and passim`), which is printed as written.
 */
export function otherLocator(suffix: string): { locator: string; label: string } | undefined {
  const m = /^([A-Za-z]+?)s?\.?\s+(\S.*)$/.exec(suffix.trim());
  const label = m ? UNITS[m[1]!.toLowerCase()] : undefined;
  return m && label ? { locator: m[2]!, label } : undefined;
}

/**
 * The note number of each cite in a note style: one per citation, one per Pandoc bracket (its
 * items share it). Example: `[[a]] [@b; @c] [[d]]` → 1, 2, 2, 3.
 */
export function noteNumbers(cites: readonly PaperCite[]): number[] {
  let n = 0;
  return cites.map((c, i) => {
    const cluster = c.citation.pandoc?.clusterStart;
    if (i === 0 || cluster === undefined || cites[i - 1]!.citation.pandoc?.clusterStart !== cluster) n++;
    return n;
  });
}
