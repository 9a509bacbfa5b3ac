/**
 * Formats citations and bibliographies with a real CSL processor (citeproc-js, as in Zotero):
 * given a CSL style, a locale and the items, each citation of a paper in order, then the
 * bibliography. Repeated citations come out as the style says (`同上` / `Ibid.`, short notes),
 * because every citation is registered with the ones before it.
 *
 * Plain data in, strings out: the style and locale XML are handed in by the front end, so the
 * engine reads no files.
 */
import CSL from 'citeproc';
import type { CslItem } from './cslItem.js';

export type OutputFormat = 'text' | 'html';

/** One citation of the paper: which source, at which pages (`53–55`), if any. */
export interface CiteRequest {
  itemId: string;
  locator?: string;
}

export interface FormatterOptions {
  /** The CSL style's XML. */
  style: string;
  /** `zh-CN`, `en-US`… */
  locale: string;
  /** The XML of a CSL locale (`locales-zh-CN.xml`), or undefined when not available. */
  retrieveLocale: (lang: string) => string | undefined;
  items: readonly CslItem[];
  format: OutputFormat;
}

export interface FormattedPaper {
  /** One string per citation, in order: the note's text (note styles) or the in-text form. */
  citations: string[];
  /** Bibliography entries, sorted as the style says. */
  bibliography: string[];
}

/** What a style's XML says about itself. */
export interface StyleInfo {
  /** `note`: citations are footnotes; `in-text`: author-date or numeric. */
  kind: 'note' | 'in-text';
  title: string;
  /** The style's `default-locale`, if any. */
  defaultLocale?: string;
}

export function styleInfo(style: string): StyleInfo | undefined {
  const open = /<style\b[^>]*>/.exec(style);
  if (!open || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(open[0])) return undefined;
  const kind = /\bclass="note"/.test(open[0]) ? 'note' : 'in-text';
  const title = /<title>([^<]*)<\/title>/.exec(style)?.[1]?.trim() ?? 'CSL style';
  const locale = /\bdefault-locale="([^"]+)"/.exec(open[0])?.[1];
  return { kind, title, ...(locale ? { defaultLocale: locale } : {}) };
}

/**
 * Formats a whole paper's citations, in order, and its bibliography. Throws only on a style the
 * processor cannot read (the caller reports it); items unknown to the style render as the style
 * renders missing fields.
 */
export function formatPaper(options: FormatterOptions, cites: readonly CiteRequest[]): FormattedPaper {
  const info = styleInfo(options.style);
  if (!info) throw new Error('not a CSL 1.0 style (no <style xmlns="http://purl.org/net/xbiblio/csl">)');
  const byId = new Map(options.items.map((i) => [i.id, i]));
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang) => options.retrieveLocale(lang) ?? false,
      retrieveItem: (id) => byId.get(id),
    },
    options.style,
    options.locale,
    true,
  );
  engine.setOutputFormat(options.format);
  const citations: string[] = [];
  const pre: [string, number][] = [];
  cites.forEach((cite, i) => {
    const noteIndex = info.kind === 'note' ? i + 1 : 0;
    const citation = {
      citationItems: [{ id: cite.itemId, ...(cite.locator ? { locator: cite.locator, label: 'page' } : {}) }],
      properties: { noteIndex },
    };
    const [, updates] = engine.processCitationCluster(citation, pre, []);
    for (const [index, text] of updates) citations[index] = text;
    pre.push([(citation as { citationID?: string }).citationID!, noteIndex]);
  });
  const cited = [...new Set(cites.map((c) => c.itemId))];
  engine.updateItems(cited);
  const bib = cited.length ? engine.makeBibliography() : false;
  const bibliography = bib ? bib[1].map((entry) => entry.trim()) : [];
  return { citations, bibliography };
}
