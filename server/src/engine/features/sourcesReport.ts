/**
 * What the drafts cite, source by source: every corpus document with its sections and anchors,
 * each with how often the drafts cite it and where — the data behind `source-anchors report` and
 * the Sources view.
 *
 * Shape, for the bundled 002 cited by examples/draft.md (as `source-anchors report` prints it):
 *
 *     002 美塔协议签署后的美阿塔三方内部博弈 — cited 7×          every citation of 002
 *       [[002]] the whole document — 1×: examples/draft.md:8
 *       #美塔协议签署后的美阿塔三方内部博弈                       the title heading (level 1)
 *         ^abstract 摘要：美塔协议签署后… — 1×: …:8              a block anchor in it
 *         #theory 一、“双层博弈论”：理论的选择与修正              a level-2 section
 *           #theory-choice （一）竞争性理论和理论选择             a level-3 section in it
 *             #fn-47b Robert D. Putnam… — 1×: …:11             a cited footnote
 *
 * - Sections nest by heading level; block anchors (`^id`) sit in the section that holds them.
 * - Paragraph numbers (`p8`) and footnotes (`fn-48a`) are listed only when cited (every paragraph
 *   has a number; listing them all would bury the sections).
 * - A document's count is every citation that resolves to it (whole or any anchor); an anchor's
 *   count is the citations of that anchor alone, not of the anchors inside it.
 * - Broken citations (unknown document or anchor, malformed) are not counted anywhere.
 */
import { docTitle, type Anchor, type AnchorKind, type SourceDoc } from '../corpus/sourceDoc.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { Range } from '../text/positions.js';
import { resolveCitation } from './resolve.js';

/** A draft to count citations in. */
export interface DraftEntry {
  uri: string;
  draft: DraftParse;
}

/** One citation of a source, where it is written. */
export interface CitationSite {
  /** The draft's URI. */
  uri: string;
  /** The citation's range in the draft (0-based, UTF-16). */
  range: Range;
  /** What it cites: `002#us-phase3` or `002`. */
  target: string;
}

export interface AnchorReport {
  /** `us-phase3` — cited as `[[002#us-phase3]]`. */
  id: string;
  kind: AnchorKind;
  /** The heading's text, or a paragraph's opening words. */
  name: string;
  /** Heading level, for sections. */
  level?: number;
  /** Where the anchor is in the source: the heading line or the paragraph. */
  range: Range;
  /** Citations of this anchor in all the drafts, in draft then text order. */
  sites: CitationSite[];
  /** Citations of this anchor in the active draft, when one was given. */
  here?: number;
  /** Anchors inside this section, in document order. */
  children: AnchorReport[];
}

export interface DocumentReport {
  id: string;
  uri: string;
  title: string;
  authors: string[];
  /** Every citation of the document — of the whole or of any anchor — in draft then text order. */
  sites: CitationSite[];
  /** Those citations in the active draft, when one was given. */
  here?: number;
  /** Top-level sections and anchors, in document order. */
  anchors: AnchorReport[];
  /** Set for a document without text (a library entry imported without its attachment). */
  noText?: true;
}

export interface SourcesReport {
  documents: DocumentReport[];
  /** How many drafts were read. */
  drafts: number;
  /** Citations that resolve, in all the drafts. */
  citations: number;
}

/**
 * The report over `drafts`. With `active`, every count also says how often that one draft cites
 * it (`here`); the active draft may be one of `drafts` or not (an untitled file).
 */
export function sourcesReport(
  index: CorpusIndex,
  drafts: readonly DraftEntry[],
  active?: DraftEntry,
): SourcesReport {
  const sites = collectSites(index, drafts);
  const inActive = active ? collectSites(index, [active]) : undefined;
  let citations = 0;
  for (const list of sites.values()) citations += list.length;
  const documents = index
    .docs()
    .filter((doc) => !doc.unreadable && index.get(doc.id) === doc)
    .map((doc) => documentReport(doc, sites.get(doc.id) ?? [], inActive?.get(doc.id)));
  return { documents, drafts: drafts.length, citations };
}

/** Resolved citations by document id, in draft (URI) order then text order. */
function collectSites(index: CorpusIndex, drafts: readonly DraftEntry[]): Map<string, CitationSite[]> {
  const out = new Map<string, CitationSite[]>();
  const sorted = [...drafts].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const { uri, draft } of sorted) {
    for (const c of draft.citations) {
      const r = resolveCitation(index, c, false);
      if (r.kind !== 'document' && r.kind !== 'anchor') continue;
      const target = r.kind === 'anchor' ? `${r.doc.id}#${r.anchor.id}` : r.doc.id;
      const list = out.get(r.doc.id) ?? [];
      list.push({ uri, range: c.range, target });
      out.set(r.doc.id, list);
    }
  }
  return out;
}

function documentReport(
  doc: SourceDoc,
  sites: CitationSite[],
  here: CitationSite[] | undefined,
): DocumentReport {
  const byTarget = groupBy(sites);
  const hereByTarget = here ? groupBy(here) : undefined;
  const roots: AnchorReport[] = [];
  const stack: AnchorReport[] = [];
  for (const a of doc.anchors) {
    if (doc.anchorMap.get(a.id) !== a) continue;
    const target = `${doc.id}#${a.id}`;
    const cited = byTarget.get(target) ?? [];
    const hereCount = hereByTarget?.get(target)?.length ?? 0;
    if ((a.kind === 'paragraph' || a.kind === 'footnote') && cited.length === 0 && hereCount === 0) continue;
    const node = anchorReport(a, cited, hereByTarget ? hereCount : undefined);
    if (a.kind === 'heading' || a.kind === 'slug') {
      const level = a.level ?? 1;
      while (stack.length && (stack[stack.length - 1]!.level ?? 1) >= level) stack.pop();
      (stack.length ? stack[stack.length - 1]!.children : roots).push(node);
      stack.push(node);
    } else {
      (stack.length ? stack[stack.length - 1]!.children : roots).push(node);
    }
  }
  return {
    id: doc.id,
    uri: doc.uri,
    title: docTitle(doc),
    authors: doc.meta.authors,
    sites,
    ...(here ? { here: here.length } : {}),
    anchors: roots,
    ...(doc.blocks.length ? {} : { noText: true as const }),
  };
}

function anchorReport(a: Anchor, sites: CitationSite[], here: number | undefined): AnchorReport {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    ...(a.level !== undefined ? { level: a.level } : {}),
    range: a.range,
    sites,
    ...(here !== undefined ? { here } : {}),
    children: [],
  };
}

function groupBy(sites: readonly CitationSite[]): Map<string, CitationSite[]> {
  const out = new Map<string, CitationSite[]>();
  for (const s of sites) {
    const list = out.get(s.target) ?? [];
    list.push(s);
    out.set(s.target, list);
  }
  return out;
}

/** The citations of the whole document (`[[002]]`), not of one of its anchors. */
export function wholeDocumentSites(doc: DocumentReport): CitationSite[] {
  return doc.sites.filter((s) => s.target === doc.id);
}
