/**
 * The whole-workspace check the CLI prints and the server's "Check All Citations" publishes:
 * every draft's citations, and every source's own problems.
 */
import type { Config } from './config.js';
import { parseDraft, type DraftParse } from './drafts/parseDraft.js';
import { checkDraft, checkSource, type CheckDiagnostic } from './features/diagnostics.js';
import type { CorpusIndex } from './index/corpusIndex.js';
import type { QuoteChecker } from './features/quoteCheck.js';

export interface FileReport {
  uri: string;
  kind: 'draft' | 'source';
  citations: number;
  diagnostics: CheckDiagnostic[];
}

export interface CheckSummary {
  files: number;
  citations: number;
  errors: number;
  warnings: number;
  sources: number;
  /** How many of the sources the checked drafts cite. */
  cited: number;
}

/** `text`, or its parse when the caller has it already. */
export function checkDraftText(
  uri: string,
  text: string | DraftParse,
  index: CorpusIndex,
  config: Config,
  quotes?: QuoteChecker,
): FileReport {
  const draft = typeof text === 'string' ? parseDraft(text) : text;
  return {
    uri,
    kind: 'draft',
    citations: draft.citations.length,
    diagnostics: checkDraft(draft, index, config, quotes),
  };
}

/**
 * The sources' own problems. Given `cited` (the ids the checked drafts cite), only those sources
 * are parsed for them; every other source is checked for what its id alone tells — that another
 * file claims the same id — and for being unreadable.
 */
export function checkSources(index: CorpusIndex, config: Config, cited?: ReadonlySet<string>): FileReport[] {
  const out: FileReport[] = [];
  for (const doc of index.docs()) {
    const own = !cited || cited.has(doc.id) || !!doc.unreadable;
    const diagnostics = checkSource(doc, index, config, own);
    if (diagnostics.length) out.push({ uri: doc.uri, kind: 'source', citations: 0, diagnostics });
  }
  return out;
}

/** The ids of the documents `drafts` cite: `[[002#us-phase3]]` and `[[002]]` give `002`. */
export function citedIds(drafts: readonly DraftParse[]): Set<string> {
  const ids = new Set<string>();
  for (const d of drafts) for (const c of d.citations) if (c.doc) ids.add(c.doc.text);
  return ids;
}

/** How many sources the corpus has and how many of them the checked drafts cite. */
export interface CorpusCounts {
  sources: number;
  cited: number;
}

export function corpusCounts(index: CorpusIndex, cited: ReadonlySet<string>): CorpusCounts {
  let found = 0;
  for (const id of cited) if (index.get(id)) found++;
  return { sources: index.size, cited: found };
}

/** The summary line's figures, with the corpus's counts (this run's, or stored by an earlier run). */
export function summarize(reports: readonly FileReport[], counts: CorpusCounts): CheckSummary {
  let citations = 0;
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    citations += r.citations;
    for (const d of r.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return {
    files: reports.filter((r) => r.kind === 'draft').length,
    citations,
    errors,
    warnings,
    sources: counts.sources,
    cited: counts.cited,
  };
}
