/**
 * What each diagnostic code means, in one sentence: the rules of `check --format sarif` (and the
 * table of docs/configuration.md says the same). Typed by `DiagnosticCode`, so a new code cannot
 * be added without its description.
 */
import { DEFAULT_SEVERITY, type DiagnosticCode } from '../engine/config.js';

export const RULE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'unknown-document': 'A citation names a document id that no source has.',
  'unknown-anchor': 'A citation names an anchor that its document does not have.',
  'malformed-citation': 'A citation is not written as [[doc]], [[doc#anchor]], [[doc#anchor@pages|label]].',
  'page-out-of-range': "A citation's @pages are outside the pages of its source.",
  'duplicate-anchor': 'An anchor id is defined twice in one source.',
  'duplicate-document': 'Two source files have the same document id.',
  'invalid-front-matter': "A source's YAML front matter does not parse.",
  'invalid-bytes': 'A UTF-8 source has a few bytes that are not UTF-8.',
  'unreadable-source': "A source's bytes cannot be decoded.",
  'quote-converted': 'A quotation matches its passage only after Traditional/Simplified conversion.',
  'quote-elsewhere': 'A quotation is not in the cited passage but in another one.',
  'quote-not-found': 'A quotation is neither in the cited passage nor anywhere in the corpus.',
  'quote-no-text': 'A quotation cites a document that has metadata only (a library entry without text).',
};

/** Every code in the order of `DEFAULT_SEVERITY`, with its default severity. */
export const RULES = (Object.keys(DEFAULT_SEVERITY) as DiagnosticCode[]).map((code) => ({
  code,
  severity: DEFAULT_SEVERITY[code],
  description: RULE_DESCRIPTIONS[code],
}));
