/**
 * The whole-workspace check the CLI prints and the server's "Check All Citations" publishes:
 * every draft's citations, and every source's own problems.
 */
import type { Config } from './config.js';
import { parseDraft } from './drafts/parseDraft.js';
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
  anchors: number;
}

export function checkDraftText(
  uri: string,
  text: string,
  index: CorpusIndex,
  config: Config,
  quotes?: QuoteChecker,
): FileReport {
  const draft = parseDraft(text);
  return {
    uri,
    kind: 'draft',
    citations: draft.citations.length,
    diagnostics: checkDraft(draft, index, config, quotes),
  };
}

export function checkSources(index: CorpusIndex, config: Config): FileReport[] {
  const out: FileReport[] = [];
  for (const doc of index.docs()) {
    const diagnostics = checkSource(doc, index, config);
    if (diagnostics.length) out.push({ uri: doc.uri, kind: 'source', citations: 0, diagnostics });
  }
  return out;
}

/** How many sources the corpus has and how many anchors they define, as the summary counts them. */
export interface CorpusCounts {
  sources: number;
  anchors: number;
}

export function corpusCounts(index: CorpusIndex): CorpusCounts {
  let anchors = 0;
  for (const doc of index.docs()) anchors += doc.anchorMap.size;
  return { sources: index.size, anchors };
}

/** The summary line's figures; `corpus` is the index, or its counts stored by an earlier run. */
export function summarize(reports: readonly FileReport[], corpus: CorpusIndex | CorpusCounts): CheckSummary {
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
  const counts = 'anchors' in corpus ? corpus : corpusCounts(corpus);
  return {
    files: reports.filter((r) => r.kind === 'draft').length,
    citations,
    errors,
    warnings,
    sources: counts.sources,
    anchors: counts.anchors,
  };
}
