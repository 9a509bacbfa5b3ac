/**
 * What a citation points at. Pure lookup over the index; every feature that needs "which passage
 * is this?" asks here.
 */
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';
import type { CitationProblem, ScannedCitation } from '../drafts/citation.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { firstAnchors, suggestAnchors, suggestDocuments } from './suggest.js';

export type Resolution =
  | { kind: 'document'; doc: SourceDoc }
  | { kind: 'anchor'; doc: SourceDoc; anchor: Anchor }
  | { kind: 'unknown-document'; docId: string; suggestions: string[] }
  /** `near` is false when no id is close and the suggestions are simply the document's first anchors. */
  | { kind: 'unknown-anchor'; doc: SourceDoc; anchorId: string; suggestions: string[]; near: boolean }
  | { kind: 'malformed'; problem: CitationProblem };

export function resolveCitation(index: CorpusIndex, c: ScannedCitation, withSuggestions = true): Resolution {
  if (c.problem) return { kind: 'malformed', problem: c.problem };
  const docId = c.doc?.text ?? '';
  const anchorId = c.anchor?.text;
  const doc = index.get(docId);
  if (!doc) {
    return {
      kind: 'unknown-document',
      docId,
      suggestions: withSuggestions ? suggestDocuments(index, docId, anchorId) : [],
    };
  }
  if (!anchorId) return { kind: 'document', doc };
  const anchor = doc.anchorMap.get(anchorId);
  if (!anchor) {
    const near = withSuggestions ? suggestAnchors(index, doc, anchorId) : [];
    if (near.length || !withSuggestions)
      return { kind: 'unknown-anchor', doc, anchorId, suggestions: near, near: true };
    return { kind: 'unknown-anchor', doc, anchorId, suggestions: firstAnchors(doc), near: false };
  }
  return { kind: 'anchor', doc, anchor };
}
