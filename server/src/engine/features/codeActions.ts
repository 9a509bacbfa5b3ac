/**
 * Quick fixes for broken citations: one per suggestion (`Change to [[002#us-phase3]]`), the
 * label kept. The fix is preferred (applied by "Fix all"/auto-fix) only when there is exactly
 * one close suggestion.
 */
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { Citation, DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { comparePositions } from '../text/positions.js';
import type { CancellationToken } from '../workspace.js';
import { citationDiagnostic, type CheckDiagnostic } from './diagnostics.js';
import { resolveCitation } from './resolve.js';

export interface QuickFix {
  title: string;
  /** Replaces the citation's target (`02#us`) with the suggestion (`002#us`). */
  edit: { range: Range; newText: string };
  isPreferred: boolean;
  /** The problem it fixes, as the diagnostics report it. */
  diagnostic: Omit<CheckDiagnostic, 'severity'>;
}

export class CodeActionProvider {
  readonly #index: CorpusIndex;

  constructor(index: CorpusIndex) {
    this.#index = index;
  }

  provideQuickFixes(draft: DraftParse, range: Range, token?: CancellationToken): QuickFix[] {
    const fixes: QuickFix[] = [];
    for (const c of draft.citations) {
      if (token?.isCancellationRequested) return [];
      if (comparePositions(c.range.end, range.start) < 0 || comparePositions(range.end, c.range.start) < 0)
        continue;
      const diagnostic = citationDiagnostic(c, this.#index);
      const suggestions = diagnostic?.suggestions;
      if (!diagnostic || !suggestions?.length) continue;
      const r = resolveCitation(this.#index, c);
      const near = r.kind !== 'unknown-anchor' || r.near;
      const targetRange = targetRangeOf(draft, c);
      for (const s of suggestions) {
        fixes.push({
          title: `Change to [[${s}]]`,
          edit: { range: targetRange, newText: s },
          isPreferred: near && suggestions.length === 1,
          diagnostic,
        });
      }
    }
    return fixes;
  }
}

/** From the document id's first character to the anchor's last (`002#us-phase9` in `[[002#us-phase9|x]]`). */
function targetRangeOf(draft: DraftParse, c: Citation): Range {
  const start = c.doc?.start ?? c.start + 2;
  const end = c.anchor?.end ?? c.doc?.end ?? start;
  return draft.lines.rangeOf(start, end);
}

export { CodeActionKind, type CodeAction };
