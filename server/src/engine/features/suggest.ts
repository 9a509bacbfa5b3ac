/**
 * "Did you mean …" for unknown documents and anchors.
 *
 * - Anchors: ids of the same document that match ignoring case, or whose heading is what was typed
 *   (`[[001#紧张的友谊]]` → `001#tense-friendship`), then ids within a small edit distance
 *   (`us-phase9` → `us-phase1`, `us-phase2`, `us-phase3`); then the same id in other documents
 *   (`[[001#us-phase3]]` → `002#us-phase3`), among the parsed ones (`check` skips the sources no
 *   draft cites: `isIdOnly`).
 * - Documents: ids within a small edit distance, or ids that start with what was typed.
 */
import { slug } from 'github-slugger';
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { isIdOnly } from '../index/deferredSource.js';
import { editDistance } from '../text/editDistance.js';

const MAX_SUGGESTIONS = 3;

/** GitHub slugs of anchor names, computed once per anchor: slugging is slow, and a source may have 30,000 anchors. */
const slugs = new WeakMap<Anchor, string>();
function slugOf(a: Anchor): string {
  let s = slugs.get(a);
  if (s === undefined) slugs.set(a, (s = slug(a.name)));
  return s;
}

function threshold(s: string): number {
  return Math.max(1, Math.min(3, Math.floor(s.length / 3)));
}

export function suggestAnchors(index: CorpusIndex, doc: SourceDoc, anchorId: string): string[] {
  const max = threshold(anchorId);
  const lower = anchorId.toLowerCase();
  const scored: { id: string; d: number; order: number }[] = [];
  const paragraphs = /^p\d/.test(anchorId);
  doc.anchors.forEach((a, order) => {
    if (a.kind === 'paragraph' && !paragraphs) return;
    const byName = a.name === anchorId || slugOf(a) === anchorId;
    if (!byName && Math.abs(a.id.length - anchorId.length) > max) return;
    if (doc.anchorMap.get(a.id) !== a) return;
    const d = byName || a.id.toLowerCase() === lower ? 0 : editDistance(anchorId, a.id, max);
    if (d <= max) scored.push({ id: a.id, d, order });
  });
  scored.sort((a, b) => a.d - b.d || a.order - b.order);
  const out = scored.slice(0, MAX_SUGGESTIONS).map((s) => `${doc.id}#${s.id}`);
  if (out.length < MAX_SUGGESTIONS) {
    for (const other of index.docs()) {
      if (
        other.id === doc.id ||
        other.unreadable ||
        isIdOnly(other) ||
        !other.anchorMap.has(anchorId) ||
        index.shadowedBy(other)
      )
        continue;
      out.push(`${other.id}#${anchorId}`);
      if (out.length === MAX_SUGGESTIONS) break;
    }
  }
  return out;
}

export function suggestDocuments(index: CorpusIndex, docId: string, anchorId: string | undefined): string[] {
  const max = threshold(docId);
  const scored: { doc: SourceDoc; d: number }[] = [];
  for (const doc of index.docs()) {
    if (doc.unreadable || doc.id === docId) continue;
    const d =
      doc.id.startsWith(docId) || docId.startsWith(doc.id)
        ? Math.abs(doc.id.length - docId.length)
        : editDistance(docId, doc.id, max);
    // Whether another file holds the id is asked only of the near ones (thousands of documents).
    if (d <= max && !index.shadowedBy(doc)) scored.push({ doc, d });
  }
  scored.sort((a, b) => a.d - b.d);
  // A document that has the cited anchor beats one that does not.
  if (anchorId)
    scored.sort((a, b) => Number(b.doc.anchorMap.has(anchorId)) - Number(a.doc.anchorMap.has(anchorId)));
  const out = scored
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => (anchorId && s.doc.anchorMap.has(anchorId) ? `${s.doc.id}#${anchorId}` : s.doc.id));
  if (anchorId && out.length < MAX_SUGGESTIONS) {
    for (const doc of index.docs()) {
      const target = `${doc.id}#${anchorId}`;
      if (
        doc.unreadable ||
        doc.id === docId ||
        isIdOnly(doc) ||
        !doc.anchorMap.has(anchorId) ||
        index.shadowedBy(doc)
      )
        continue;
      if (!out.includes(target)) out.push(target);
      if (out.length === MAX_SUGGESTIONS) break;
    }
  }
  return out;
}

/** A document's first named anchors (headings and blocks, not paragraph numbers), to show what exists. */
export function firstAnchors(doc: SourceDoc): string[] {
  return doc.anchors
    .filter((a) => a.kind !== 'paragraph' && a.kind !== 'footnote' && doc.anchorMap.get(a.id) === a)
    .slice(0, MAX_SUGGESTIONS)
    .map((a) => `${doc.id}#${a.id}`);
}
