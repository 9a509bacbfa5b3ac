/**
 * A parsed source as plain JSON data and back, for the persistent index: the same document, field
 * for field, with `anchorMap` written as anchor positions so that, read back, it holds the very
 * `Anchor` objects of `anchors` (features compare them by identity).
 */
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';

/** A {@link SourceDoc} in JSON-safe form. */
export type EncodedSource = Omit<SourceDoc, 'anchorMap'> & { anchorMap: [string, number][] };

export function encodeSource(doc: SourceDoc): EncodedSource {
  const position = new Map<Anchor, number>();
  doc.anchors.forEach((a, i) => position.set(a, i));
  const anchorMap: [string, number][] = [];
  for (const [id, anchor] of doc.anchorMap) {
    const at = position.get(anchor);
    if (at === undefined) throw new Error(`anchor ${id} of ${doc.uri} is not in its anchors`);
    anchorMap.push([id, at]);
  }
  return { ...doc, anchorMap };
}

/** The document back; undefined when `data` is not an encoded source (a foreign or damaged cache). */
export function decodeSource(data: unknown): SourceDoc | undefined {
  const e = data as EncodedSource;
  if (
    !e ||
    typeof e.uri !== 'string' ||
    typeof e.id !== 'string' ||
    !Array.isArray(e.blocks) ||
    !Array.isArray(e.anchors) ||
    !Array.isArray(e.anchorMap) ||
    !Array.isArray(e.problems)
  )
    return undefined;
  const anchorMap = new Map<string, Anchor>();
  for (const [id, at] of e.anchorMap) {
    const anchor = e.anchors[at];
    if (!anchor) return undefined;
    anchorMap.set(id, anchor);
  }
  return { ...e, anchorMap };
}
