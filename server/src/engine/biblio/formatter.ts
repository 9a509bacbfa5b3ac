/**
 * Formats citations and bibliographies with a real CSL processor (citeproc-js, as in Zotero):
 * given a CSL style, a locale and the items, each citation of a paper in order, then the
 * bibliography. Repeated citations come out as the style says (`同上` / `Ibid.`, short notes),
 * because every citation is registered with the ones before it.
 *
 * Plain data in, strings out: the style and locale XML are handed in by the front end, so the
 * engine reads no files.
 */
import CSL, { type Citation as CslCitation, type CitationItem as CslCitationItem } from 'citeproc';
import type { CslItem } from './cslItem.js';
import { drain, type Steps } from '../steps.js';

export type OutputFormat = 'text' | 'html';

/** One citation of the paper: which source, at which pages (`53–55`), if any. */
export interface CiteRequest {
  itemId: string;
  locator?: string;
  /** What `locator` counts, a CSL locator label (`chapter`); pages unless said. */
  label?: string;
  /** Cites with the same cluster, one after another, are one citation (one note): `[@a; @b]`. */
  cluster?: number;
  /** Words printed before the item (`see`) or after it (`chap. 2`), from a Pandoc citation. */
  prefix?: string;
  suffix?: string;
  /** `[-@a]`: the author left out. */
  suppressAuthor?: boolean;
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
 * Engines by style, locale, format and items: building one parses the style and locale (tens to
 * hundreds of milliseconds), so a draft re-styled on every keystroke reuses it. An engine is keyed
 * by its items too, because citeproc-js keeps the items it has read.
 */
const engines = new Map<string, InstanceType<typeof CSL.Engine>>();
const MAX_ENGINES = 6;

const papers = new Map<string, FormattedPaper>();
const MAX_PAPERS = 32;

function sortedItems(options: FormatterOptions): CslItem[] {
  return [...options.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function engineKey(options: FormatterOptions): string {
  return `${hash(options.style)}|${options.locale}|${options.format}|${hash(JSON.stringify(sortedItems(options)))}`;
}

/**
 * The engine for `options` (whose `engineKey` the caller has computed as `key`), taken out of the
 * cache: a paper styled in steps has it to itself until {@link giveEngine} puts it back.
 */
function takeEngine(options: FormatterOptions, key: string): InstanceType<typeof CSL.Engine> {
  const cached = engines.get(key);
  if (cached) {
    engines.delete(key);
    return cached;
  }
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
  return engine;
}

/** Puts an engine back in the cache (the most recently used), dropping the least recently used. */
function giveEngine(key: string, engine: InstanceType<typeof CSL.Engine>): void {
  engines.set(key, engine);
  if (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value!);
}

/** FNV-1a over a string, as hex: a cache key, not a checksum. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${s.length}:${(h >>> 0).toString(16)}`;
}

/**
 * Formats a whole paper's citations, in order, and its bibliography (unless `bibliography` is
 * false: views of the citations alone skip it). Throws only on a style the processor cannot read
 * (the caller reports it); items unknown to the style render as the style renders missing fields.
 */
export function formatPaper(
  options: FormatterOptions,
  cites: readonly CiteRequest[],
  bibliography = true,
): FormattedPaper {
  return drain(formatPaperSteps(options, cites, bibliography));
}

/**
 * {@link formatPaper} a step at a time: building the engine is one step, then each citation is
 * one (citeproc-js's `rebuildProcessorState`, run citation by citation), then the bibliography.
 * While it runs, the engine is out of the shared cache, so no other paper uses it half-way.
 */
export function* formatPaperSteps(
  options: FormatterOptions,
  cites: readonly CiteRequest[],
  bibliography = true,
): Steps<FormattedPaper> {
  const info = styleInfo(options.style);
  if (!info) throw new Error('not a CSL 1.0 style (no <style xmlns="http://purl.org/net/xbiblio/csl">)');
  // Typing between citations changes nothing they print: the same citations give the same paper.
  const key = engineKey(options);
  const memoKey = `${key}|${bibliography}|${hash(JSON.stringify(cites))}`;
  const memo = papers.get(memoKey);
  if (memo) return memo;
  const engine = takeEngine(options, key);
  try {
    yield;
    // One CSL citation per cite, or per run of cites of one cluster; `owner[i]` is cite i's citation.
    const citations: CslCitation[] = [];
    const owner: number[] = [];
    cites.forEach((cite, i) => {
      const item: CslCitationItem = {
        id: cite.itemId,
        ...(cite.locator ? { locator: cite.locator, label: cite.label ?? 'page' } : {}),
        ...(cite.prefix ? { prefix: `${cite.prefix} ` } : {}),
        ...(cite.suffix ? { suffix: `, ${cite.suffix}` } : {}),
        ...(cite.suppressAuthor ? { 'suppress-author': true } : {}),
      };
      const prev = cites[i - 1];
      if (cite.cluster !== undefined && prev?.cluster === cite.cluster) {
        citations[citations.length - 1]!.citationItems.push(item);
      } else {
        const n = citations.length + 1;
        citations.push({
          citationID: `c${n}`,
          citationItems: [item],
          properties: { noteIndex: info.kind === 'note' ? n : 0 },
        });
      }
      owner.push(citations.length - 1);
    });
    // Rebuilt from scratch each time: the same citations in the same order give the same strings.
    const printed = yield* rebuildSteps(engine, citations, options.format);
    // A cluster's text is its first cite's; the others print nothing of their own.
    const texts = cites.map((_, i) => (i > 0 && owner[i - 1] === owner[i] ? '' : (printed[owner[i]!] ?? '')));
    yield;
    const bib = bibliography && cites.length ? engine.makeBibliography() : false;
    const paper = { citations: texts, bibliography: bib ? bib[1].map((entry: string) => entry.trim()) : [] };
    papers.set(memoKey, paper);
    if (papers.size > MAX_PAPERS) papers.delete(papers.keys().next().value!);
    return paper;
  } finally {
    giveEngine(key, engine);
  }
}

/**
 * What citeproc-js's `rebuildProcessorState(citations, mode, [])` does — register the cited
 * items, then process the citations one by one, each after those before it — with a step after
 * each citation. Returns each citation's text, by its index.
 */
function* rebuildSteps(
  engine: InstanceType<typeof CSL.Engine>,
  citations: readonly CslCitation[],
  mode: OutputFormat,
): Steps<string[]> {
  engine.updateItems([...new Set(citations.flatMap((c) => c.citationItems.map((i) => String(i.id))))]);
  engine.setOutputFormat(mode);
  const pre: [string, number][] = [];
  const out: string[] = [];
  for (const citation of citations) {
    const [, changed] = engine.processCitationCluster(citation, pre, [], CSL.ASSUME_ALL_ITEMS_REGISTERED);
    pre.push([citation.citationID!, citation.properties.noteIndex]);
    for (const [index, text] of changed) out[index] = text;
    yield;
  }
  engine.updateUncitedItems([]);
  return out;
}
