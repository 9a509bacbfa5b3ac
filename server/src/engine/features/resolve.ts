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
  if (!withSuggestions) return resolve(index, c.doc?.text ?? '', c.anchor?.text, false);
  // Suggestions cost edit distances over a document's anchors: a draft citing one unknown
  // anchor 5,000 times computes them once per version of the index.
  let memo = suggested.get(index);
  if (!memo || memo.version !== index.version || memo.byTarget.size >= MEMO_LIMIT) {
    memo = { version: index.version, byTarget: new Map() };
    suggested.set(index, memo);
  }
  const key = `${c.doc?.text ?? ''}\u0000${c.anchor?.text ?? ''}`;
  let r = memo.byTarget.get(key);
  if (!r) {
    r = resolve(index, c.doc?.text ?? '', c.anchor?.text, true);
    memo.byTarget.set(key, r);
  }
  return r;
}

const MEMO_LIMIT = 10_000;

/**
 * Suggestions while they stay cheap: each distinct target asked about costs the anchors of its
 * document (or the number of documents, for an unknown one), and past `limit` no more are
 * computed. One check of a pasted draft with thousands of distinct broken citations into a
 * 30,000-anchor source stays bounded; later citations get no "did you mean". Real drafts over
 * real corpora (hundreds of anchors per source) never reach it.
 */
export class SuggestionBudget {
  readonly #targets = new Set<string>();
  readonly #limit: number;
  #spent = 0;

  constructor(limit = 500_000) {
    this.#limit = limit;
  }

  allows(index: CorpusIndex, c: ScannedCitation): boolean {
    const key = `${c.doc?.text ?? ''}\u0000${c.anchor?.text ?? ''}`;
    if (this.#targets.has(key)) return true;
    if (this.#spent >= this.#limit) return false;
    this.#targets.add(key);
    this.#spent += index.get(c.doc?.text ?? '')?.anchors.length ?? index.size;
    return true;
  }
}

const suggested = new WeakMap<CorpusIndex, { version: number; byTarget: Map<string, Resolution> }>();

function resolve(
  index: CorpusIndex,
  docId: string,
  anchorId: string | undefined,
  withSuggestions: boolean,
): Resolution {
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
