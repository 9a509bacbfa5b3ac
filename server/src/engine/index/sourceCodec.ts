/**
 * A parsed source in the persistent index's compact form and back. The form leaves the blocks out
 * (they hold the corpus's whole text, which most runs never read: `check` needs a passage's text
 * only to verify a quote); decoded, the document gets its blocks from a loader the first time
 * `blocks` is read.
 *
 * Anchors are one flat array, {@link ANCHOR_SLOTS} values per anchor:
 *
 *     id, kind, name, level, firstBlock, endBlock,
 *     range start line, start character, end line, end character,
 *     idRange start line, start character, end line, end character
 *
 * `kind` is its index in {@link KINDS}; an absent `level` or `idRange` is -1. Example: the heading
 * `## 背景 {#background}` on line 4, its passage blocks 3–7, gives
 * `'background', 0, '背景', 2, 3, 7, 4, 0, 4, 17, 4, 7, 4, 17`.
 * `anchorMap` is rebuilt as "the first anchor with each id"; the few ids where the parser chose
 * otherwise are written out in `map`.
 */
import type { Anchor, AnchorKind, Block, SourceDoc } from '../corpus/sourceDoc.js';
import { range } from '../text/positions.js';

const KINDS: readonly AnchorKind[] = ['heading', 'slug', 'block', 'paragraph', 'footnote'];
export const ANCHOR_SLOTS = 14;

/** A {@link SourceDoc} without its blocks, in structured-clone-safe form. */
export interface EncodedSource {
  uri: string;
  id: string;
  format: SourceDoc['format'];
  encoding: string;
  meta: SourceDoc['meta'];
  problems: SourceDoc['problems'];
  lineCount: number;
  fingerprint: string;
  unreadable?: true;
  /** {@link ANCHOR_SLOTS} values per anchor (see the module comment). */
  anchors: (string | number)[];
  /** `[id, anchor index]` where `anchorMap` is not the first anchor with the id. */
  map?: [string, number][];
  /** How many blocks the document has (checked when they are loaded). */
  blockCount: number;
}

export function encodeSource(doc: SourceDoc): EncodedSource {
  const anchors: (string | number)[] = [];
  const first = new Map<string, number>();
  const position = new Map<Anchor, number>();
  doc.anchors.forEach((a, i) => {
    position.set(a, i);
    if (!first.has(a.id)) first.set(a.id, i);
    const idr = a.idRange;
    anchors.push(
      a.id,
      KINDS.indexOf(a.kind),
      a.name,
      a.level ?? -1,
      a.firstBlock,
      a.endBlock,
      a.range.start.line,
      a.range.start.character,
      a.range.end.line,
      a.range.end.character,
      idr ? idr.start.line : -1,
      idr ? idr.start.character : -1,
      idr ? idr.end.line : -1,
      idr ? idr.end.character : -1,
    );
  });
  const map: [string, number][] = [];
  for (const [id, anchor] of doc.anchorMap) {
    const at = position.get(anchor);
    if (at === undefined) throw new Error(`anchor ${id} of ${doc.uri} is not in its anchors`);
    if (first.get(id) !== at || id !== anchor.id) map.push([id, at]);
  }
  const out: EncodedSource = {
    uri: doc.uri,
    id: doc.id,
    format: doc.format,
    encoding: doc.encoding,
    meta: doc.meta,
    problems: doc.problems,
    lineCount: doc.lineCount,
    fingerprint: doc.fingerprint,
    anchors,
    blockCount: doc.blocks.length,
  };
  if (map.length) out.map = map;
  if (doc.unreadable) out.unreadable = true;
  return out;
}

/**
 * How a decoded document gets its blocks: the stored ones (`blocks`), or, when they cannot be had
 * or the file no longer matches, a fresh parse of the file (`fresh`), which then replaces the whole
 * document in place.
 */
export type BlockLoader = () => { blocks: Block[] } | { fresh: SourceDoc };

/**
 * The document back, its blocks loaded by `load` when first read; undefined when `data` is not an
 * encoded source (a cache of another format).
 */
export function decodeSource(data: EncodedSource, load: BlockLoader): SourceDoc | undefined {
  const e = data;
  const flat = e?.anchors;
  if (
    !e ||
    typeof e.uri !== 'string' ||
    typeof e.id !== 'string' ||
    !Array.isArray(flat) ||
    flat.length % ANCHOR_SLOTS !== 0 ||
    !Array.isArray(e.problems) ||
    typeof e.blockCount !== 'number'
  )
    return undefined;
  const anchors: Anchor[] = [];
  const anchorMap = new Map<string, Anchor>();
  for (let i = 0; i < flat.length; i += ANCHOR_SLOTS) {
    const n = (k: number) => flat[i + k] as number;
    const kind = KINDS[n(1)];
    if (typeof flat[i] !== 'string' || typeof flat[i + 2] !== 'string' || !kind) return undefined;
    const a: Anchor = {
      id: flat[i] as string,
      kind,
      name: flat[i + 2] as string,
      range: range(n(6), n(7), n(8), n(9)),
      firstBlock: n(4),
      endBlock: n(5),
    };
    if (n(3) >= 0) a.level = n(3);
    if (n(10) >= 0) a.idRange = range(n(10), n(11), n(12), n(13));
    anchors.push(a);
    if (!anchorMap.has(a.id)) anchorMap.set(a.id, a);
  }
  for (const [id, at] of e.map ?? []) {
    const anchor = anchors[at];
    if (!anchor) return undefined;
    anchorMap.set(id, anchor);
  }
  const doc: Omit<SourceDoc, 'blocks'> = {
    uri: e.uri,
    id: e.id,
    format: e.format,
    encoding: e.encoding,
    meta: e.meta,
    anchors,
    anchorMap,
    problems: e.problems,
    lineCount: e.lineCount,
    fingerprint: e.fingerprint,
    ...(e.unreadable ? { unreadable: true as const } : {}),
  };
  Object.defineProperty(doc, 'blocks', {
    configurable: true,
    enumerable: true,
    get(): Block[] {
      const got = load();
      const blocks = 'blocks' in got ? got.blocks : got.fresh.blocks;
      Object.defineProperty(doc, 'blocks', {
        value: blocks,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      if ('fresh' in got) {
        if (!got.fresh.unreadable) delete (doc as { unreadable?: true }).unreadable;
        Object.assign(doc, got.fresh);
      }
      return blocks;
    },
  });
  return doc as SourceDoc;
}

/** Whether `doc`'s blocks are still waiting in the cache (never read since it was decoded). */
export function blocksPending(doc: SourceDoc): boolean {
  return typeof Object.getOwnPropertyDescriptor(doc, 'blocks')?.get === 'function';
}
