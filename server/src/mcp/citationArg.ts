/**
 * A citation an assistant passes to a tool, read by the one citation grammar and resolved as
 * the diagnostics resolve it. Accepted: `[[002#us-phase3]]`, `002#us-phase3`, `002`, with pages
 * (`002#us-phase3@54`) and a label or not. A citation that does not resolve gives the diagnostic's
 * own message, "did you mean" suggestions included.
 *
 * Example: `002#us-phase9` → `Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (…)
 * has no such heading, block or paragraph. Did you mean [[002#us-phase1]], …?`
 */
import type { Anchor, SourceDoc } from '../engine/corpus/sourceDoc.js';
import { parseDraft, type Citation } from '../engine/drafts/parseDraft.js';
import { citationDiagnostic } from '../engine/features/diagnostics.js';
import { resolveCitation } from '../engine/features/resolve.js';
import type { CorpusIndex } from '../engine/index/corpusIndex.js';

export type CitationArg =
  | { ok: true; citation: Citation; doc: SourceDoc; anchor?: Anchor }
  | { ok: false; message: string; suggestions?: string[] };

/** Reads and resolves `input`; a wrong one comes back with the message a model can act on. */
export function readCitationArg(index: CorpusIndex, input: string): CitationArg {
  const trimmed = input.trim();
  const text = trimmed.startsWith('[[') ? trimmed : `[[${trimmed}]]`;
  const citations = parseDraft(text).citations;
  const c = citations[0];
  if (citations.length !== 1 || !c || c.start !== 0 || c.end !== text.length)
    return {
      ok: false,
      message: `'${input}' is not one citation. Write it as [[002#us-phase3]] or 002#us-phase3 (a document id, then an anchor, then @pages if any).`,
    };
  const docId = c.doc?.text ?? '';
  // Ids name documents; a path (../x, /etc/passwd) never does, and is refused rather than looked up.
  if (/[/\\]/.test(docId) || docId.startsWith('.'))
    return {
      ok: false,
      message: `Refused: '${docId}' is a path, not a document id. Citations name a corpus document by its id (002); list_documents gives them.`,
    };
  const d = citationDiagnostic(c, index);
  if (d)
    return {
      ok: false,
      message: d.message,
      ...(d.suggestions?.length ? { suggestions: d.suggestions } : {}),
    };
  const r = resolveCitation(index, c, false);
  if (r.kind === 'anchor') return { ok: true, citation: c, doc: r.doc, anchor: r.anchor };
  if (r.kind === 'document') return { ok: true, citation: c, doc: r.doc };
  return { ok: false, message: `'${input}' does not resolve.` };
}
