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
import { quoteDiagnostic, type QuoteChecker } from './quoteCheck.js';
import { resolveCitation, SuggestionBudget } from './resolve.js';

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
  readonly #quotes: QuoteChecker | undefined;

  constructor(index: CorpusIndex, quotes?: QuoteChecker) {
    this.#index = index;
    this.#quotes = quotes;
  }

  provideQuickFixes(draft: DraftParse, range: Range, token?: CancellationToken): QuickFix[] {
    const fixes: QuickFix[] = [];
    const budget = new SuggestionBudget();
    for (const c of draft.citations) {
      if (token?.isCancellationRequested) return [];
      if (fixes.length >= MAX_FIXES) break;
      if (comparePositions(c.range.end, range.start) < 0 || comparePositions(range.end, c.range.start) < 0)
        continue;
      if (c.problem || !budget.allows(this.#index, c)) continue;
      const diagnostic = citationDiagnostic(c, this.#index);
      const suggestions = diagnostic?.suggestions;
      if (!diagnostic || !suggestions?.length) continue;
      const r = resolveCitation(this.#index, c);
      const near = r.kind !== 'unknown-anchor' || r.near;
      const targetRange = targetRangeOf(draft, c);
      for (const s of suggestions) {
        fixes.push({
          title: c.pandoc ? `Change to @${s}` : `Change to [[${s}]]`,
          edit: { range: targetRange, newText: s },
          isPreferred: near && suggestions.length === 1,
          diagnostic,
        });
      }
    }
    if (this.#quotes) fixes.push(...this.#quoteFixes(draft, range));
    return fixes.slice(0, MAX_FIXES);
  }

  /** A misquote: retarget the citation to where the words are, or put the source's words in. */
  #quoteFixes(draft: DraftParse, range: Range): QuickFix[] {
    const fixes: QuickFix[] = [];
    for (const j of this.#quotes!.judge(draft)) {
      const q = j.quote;
      const touches =
        comparePositions(q.citation.range.end, range.start) >= 0 &&
        comparePositions(range.end, q.range.start) >= 0;
      if (!touches) continue;
      const diagnostic = quoteDiagnostic(j);
      if (!diagnostic) continue;
      // A Pandoc key names a document, never an anchor: no `[@002#x]` is offered.
      if (diagnostic.code === 'quote-elsewhere' && !q.citation.pandoc) {
        const target = diagnostic.suggestions![0]!;
        fixes.push({
          title: `Change to [[${target}]] (where the quote is)`,
          edit: { range: targetRangeOf(draft, q.citation), newText: target },
          isPreferred: true,
          diagnostic,
        });
      } else if (diagnostic.code === 'quote-not-found' && diagnostic.wording) {
        fixes.push({
          title: `Use the source's wording: ${shorten(diagnostic.wording)}`,
          edit: { range: q.range, newText: diagnostic.wording },
          isPreferred: true,
          diagnostic,
        });
      }
    }
    return fixes;
  }
}

/**
 * Quick fixes offered for one range, in text order. A selection over a pasted draft of 5,000
 * broken citations would otherwise answer with 15,000 fixes (megabytes no menu can show).
 */
export const MAX_FIXES = 100;

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** From the document id's first character to the anchor's last (`002#us-phase9` in `[[002#us-phase9|x]]`). */
function targetRangeOf(draft: DraftParse, c: Citation): Range {
  const start = c.doc?.start ?? c.start + 2;
  const end = c.anchor?.end ?? c.doc?.end ?? start;
  return draft.lines.rangeOf(start, end);
}

export { CodeActionKind, type CodeAction };
