/**
 * Diagnostics are data first: the CLI prints these entries and the server converts them to LSP,
 * so the two cannot disagree.
 */
import { docTitle, type SourceDoc } from '../corpus/sourceDoc.js';
import { severityOf, type Config, type DiagnosticCode, type Severity } from '../config.js';
import type { CitationProblem } from '../drafts/citation.js';
import type { Citation, DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { comparePositions, range, type Range } from '../text/positions.js';
import type { QuoteChecker } from './quoteCheck.js';
import { resolveCitation, SuggestionBudget } from './resolve.js';
import { parsePages } from '../drafts/citation.js';
import { documentPages, formatPages, pagesOutside } from '../biblio/pages.js';
import { drain } from '../steps.js';

export interface CheckDiagnostic {
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** The citation as written, without brackets (`002#us-phase9`). */
  citation?: string;
  /** Replacement targets, best first (`002#us-phase3`). */
  suggestions?: string[];
  /** For a misquote: the source's own words at the closest place, to put in the quote's stead. */
  wording?: string;
}

const MALFORMED: Record<CitationProblem, string> = {
  empty: 'the citation is empty. Write [[doc]] or [[doc#anchor]], e.g. [[002#us-phase3]]',
  'empty-document': 'the document id before "#" is missing. Write [[doc#anchor]], e.g. [[002#us-phase3]]',
  'empty-anchor': 'the anchor after "#" is empty. Write [[doc]] for the whole document or [[doc#anchor]]',
  'extra-hash': 'a citation has one "#", between the document and the anchor',
  'empty-label': 'the text after "|" is empty. Remove the "|" or write the text to show',
  unclosed: 'the citation is not closed: add "]]" on the same line',
  'empty-locator':
    'the pages after "@" are missing. Write [[doc#anchor@54]] or [[doc#anchor@53-55]], or remove the "@"',
  'bad-locator': 'the text after "@" is not pages. Write a page (@54), a range (@53-55) or a list (@53, 55)',
};

/** A draft's diagnostics: its citations, then (given a quote checker) its quotations, in text order. */
export function checkDraft(
  draft: DraftParse,
  index: CorpusIndex,
  config: Config,
  quotes?: QuoteChecker,
): CheckDiagnostic[] {
  return drain(checkDraftSteps(draft, index, config, quotes));
}

/** Citations checked between two steps of {@link checkDraftSteps}. */
const CITATIONS_PER_STEP = 20;

/**
 * {@link checkDraft} a step at a time: it yields after every 20 citations and every few quotes,
 * so a caller can answer requests between steps, or stop when the draft has changed.
 */
export function* checkDraftSteps(
  draft: DraftParse,
  index: CorpusIndex,
  config: Config,
  quotes?: QuoteChecker,
): Generator<void, CheckDiagnostic[]> {
  const out: CheckDiagnostic[] = [];
  const budget = new SuggestionBudget();
  // Citations written alike get alike diagnostics, but for their range: a draft citing one passage
  // 500 times (or pasting 10,000 `[[`) resolves and words each once.
  const seen = new Map<string, { d: Omit<CheckDiagnostic, 'severity'>; at: RangeOf } | null>();
  let n = 0;
  for (const c of draft.citations) {
    const withSuggestions = c.problem ? false : budget.allows(index, c);
    const key = `${withSuggestions ? 1 : 0}${c.raw}`;
    let known = seen.get(key);
    if (known === undefined) {
      const d = citationDiagnostic(c, index, withSuggestions);
      known = d ? { d, at: rangeKind(c, d.range) } : null;
      seen.set(key, known);
      if (d) push(out, config, d);
    } else if (known) push(out, config, { ...known.d, range: rangeAt(c, known.at) });
    if (++n % CITATIONS_PER_STEP === 0) yield;
  }
  if (quotes) {
    for (const d of yield* quotes.diagnosticSteps(draft)) push(out, config, d);
    out.sort((a, b) => comparePositions(a.range.start, b.range.start));
  }
  return out;
}

/** Which of a citation's ranges a diagnostic is on. */
type RangeOf = 'range' | 'docRange' | 'anchorRange' | 'labelRange' | 'locatorRange';

function rangeKind(c: Citation, r: Range): RangeOf {
  for (const k of ['docRange', 'anchorRange', 'locatorRange', 'labelRange'] as const)
    if (c[k] === r) return k;
  return 'range';
}

function rangeAt(c: Citation, at: RangeOf): Range {
  return c[at] ?? c.range;
}

/** The diagnostic for one citation before severities apply, or undefined when it resolves. */
export function citationDiagnostic(
  c: Citation,
  index: CorpusIndex,
  withSuggestions = true,
): Omit<CheckDiagnostic, 'severity'> | undefined {
  const written = c.raw;
  const r = resolveCitation(index, c, withSuggestions);
  switch (r.kind) {
    case 'document':
    case 'anchor':
      return c.locator ? locatorDiagnostic(c, r.doc) : undefined;
    case 'malformed':
      return {
        range: c.range,
        code: 'malformed-citation',
        message: `Malformed citation ${written}: ${MALFORMED[r.problem]}.`,
        citation: written.replace(/^\[\[/, '').replace(/\]\]$/, ''),
      };
    case 'unknown-document':
      return {
        range: c.docRange ?? c.range,
        code: 'unknown-document',
        message: `Unknown document '${r.docId}' in ${written}: no source has this id.${didYouMean(r.suggestions, c.pandoc !== undefined)}`,
        citation: c.target,
        suggestions: r.suggestions,
      };
    case 'unknown-anchor':
      return {
        range: c.anchorRange ?? c.range,
        code: 'unknown-anchor',
        message: `Unknown anchor '${r.anchorId}' in ${written}: document ${r.doc.id} (${docTitle(r.doc)}) has no such heading, block or paragraph.${r.near ? didYouMean(r.suggestions) : anchorsInclude(r.suggestions)}`,
        citation: c.target,
        suggestions: r.suggestions,
      };
  }
}

/** A written locator naming pages the source does not have (`[[002#a@99]]` when 002 is 47–62). */
function locatorDiagnostic(c: Citation, doc: SourceDoc): Omit<CheckDiagnostic, 'severity'> | undefined {
  const pages = parsePages(c.locator!.text);
  const outside = pages ? pagesOutside(doc, pages) : [];
  if (!outside.length) return undefined;
  const all = documentPages(doc)!;
  return {
    range: c.locatorRange ?? c.range,
    code: 'page-out-of-range',
    message: `Page ${formatPages(outside)} in ${c.raw} is not in document ${doc.id} (${docTitle(doc)}), which has pages ${formatPages([all])}.`,
    citation: c.target,
  };
}

/** Problems of a source file: its own (duplicate anchors, bad front matter, bad bytes, unreadable) and a shadowed id. */
/** A source's problems: its own (`own`: read from its parse) and a duplicate id (from the index). */
export function checkSource(
  doc: SourceDoc,
  index: CorpusIndex,
  config: Config,
  own = true,
): CheckDiagnostic[] {
  const out: CheckDiagnostic[] = [];
  for (const p of own ? doc.problems : []) {
    push(out, config, { range: p.range, code: p.code, message: p.message });
  }
  const winner = index.shadowedBy(doc);
  if (winner) {
    push(out, config, {
      range: range(0, 0, 0, 0),
      code: 'duplicate-document',
      message: `Document id '${doc.id}' is also used by ${winner.uri}; citations of [[${doc.id}]] go there. Give this source another id in its front matter.`,
    });
  }
  return out;
}

function push(out: CheckDiagnostic[], config: Config, d: Omit<CheckDiagnostic, 'severity'>): void {
  const severity = severityOf(config, d.code);
  if (severity !== 'off') out.push({ ...d, severity });
}

/** ` Did you mean [[002]], [[003]]?` — or `@002, @003` for a Pandoc citation. */
function didYouMean(suggestions: string[], pandoc = false): string {
  if (!suggestions.length) return '';
  return ` Did you mean ${suggestions.map((s) => (pandoc ? `@${s}` : `[[${s}]]`)).join(', ')}?`;
}

function anchorsInclude(suggestions: string[]): string {
  if (!suggestions.length) return '';
  return ` Its anchors include ${suggestions.map((s) => `[[${s}]]`).join(', ')}.`;
}
