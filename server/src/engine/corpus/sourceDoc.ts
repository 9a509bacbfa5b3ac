/**
 * The parsed form of one source file. Every part carries its lines, so features can point
 * back into the file; the passage of an anchor is a run of blocks, so its text is computed
 * only when asked for.
 */
import type { Range } from '../text/positions.js';

export type AnchorKind =
  /** `## 背景 {#background}` — an explicit id on a heading. */
  | 'heading'
  /** `## 背景` without an id, addressed by its GitHub slug (`背景`). */
  | 'slug'
  /** `…a paragraph. ^korea-briefing` — an explicit id ending a paragraph. */
  | 'block'
  /** `p1`, `p2`, … — every body paragraph, numbered in order. */
  | 'paragraph'
  /** `fn-48a` — the definition of footnote `[^48a]`. */
  | 'footnote';

export type BlockKind = 'heading' | 'paragraph' | 'footnote' | 'code' | 'other';

export interface Block {
  kind: BlockKind;
  /** First line of the block in the file (0-based). */
  startLine: number;
  /** Line after the block's last line. */
  endLine: number;
  /** Rendered plain text: no Markdown syntax, no `{#id}` / `^id`, no footnote markers. */
  text: string;
  /** Heading level (1–6) for headings. */
  level?: number;
  /** The page the block starts on, when the source marks pages (`<!-- page 53 -->`). */
  pageStart?: number;
  /** The page it ends on: a page mark inside a paragraph makes it span two pages. */
  pageEnd?: number;
}

export interface Anchor {
  id: string;
  kind: AnchorKind;
  /** What a writer recognises: the heading's text, or a paragraph's opening words. */
  name: string;
  /** Heading level for heading and slug anchors. */
  level?: number;
  /**
   * Where the id is written in the file, without its `#` or `^`: in `## 背景 {#background}` the
   * range of `background`. Absent for slugs, paragraph numbers and footnotes, which have no
   * written id of their own.
   */
  idRange?: Range;
  /** The heading line or the whole paragraph: where go-to-source lands. */
  range: Range;
  /** The passage is `blocks[firstBlock .. endBlock)`; for a heading, its section without the heading. */
  firstBlock: number;
  endBlock: number;
}

/**
 * What a source's front matter says about it: the bibliographic data a citation style prints
 * (see `biblio/cslItem.ts` for how it becomes a CSL-JSON item).
 */
export interface DocMeta {
  title?: string;
  /** As written; CJK names stay whole (`兰江`), Latin names may be `Given Family` or `Family, Given`. */
  authors: string[];
  /** Editors, written like authors. */
  editors: string[];
  translators: string[];
  /** As written: `2021-08-15`, `2025-11`, `2025年11月`. */
  date?: string;
  publisher?: string;
  source?: string;
  language?: string;
  original?: string;
  url?: string;
  /** A CSL item type (`article-journal`, `webpage`, …); default by what is present. */
  type?: string;
  /** The journal, newspaper or site the source appeared in. */
  container?: string;
  volume?: string;
  issue?: string;
  /** The page range of the whole source in its container (`47-60`). */
  pages?: string;
  /** When a web source was read (`2026-01-30`). */
  accessed?: string;
  /** Where the publisher is (`Washington, DC`): CSL's `publisher-place`. */
  place?: string;
  edition?: string;
  /** `10.1596/978-1-4648-1457-0`, without `https://doi.org/`. */
  doi?: string;
  isbn?: string;
  /** The reference library the front matter came from (`library.bib`), when `source-anchors import` wrote it from one. */
  library?: string;
  /** Raw CSL-JSON fields (a Zotero export pasted under `csl:`); they win over the keys above. */
  csl?: Record<string, unknown>;
}

export type SourceProblemCode = 'duplicate-anchor' | 'invalid-front-matter' | 'invalid-bytes' | 'unreadable-source';

export interface SourceProblem {
  code: SourceProblemCode;
  range: Range;
  message: string;
  /** The anchor id concerned, for duplicate-anchor. */
  anchor?: string;
}

export interface SourceDoc {
  uri: string;
  /** The document id used in citations (`002`). */
  id: string;
  format: 'markdown' | 'text';
  encoding: string;
  meta: DocMeta;
  blocks: Block[];
  /** Every anchor, in document order. */
  anchors: Anchor[];
  /** Anchors by id; the first definition wins when an id is defined twice. */
  anchorMap: ReadonlyMap<string, Anchor>;
  problems: SourceProblem[];
  lineCount: number;
  /** Length and hash of the text it was parsed from, to skip re-parsing the same text. */
  fingerprint: string;
  /** Set when the file could not be read: it is reported, but no citation resolves to it. */
  unreadable?: true;
}

/** The passage text of an anchor, or of the whole document when `anchor` is undefined. */
export function passageText(doc: SourceDoc, anchor?: Anchor): string {
  const blocks = anchor ? doc.blocks.slice(anchor.firstBlock, anchor.endBlock) : doc.blocks;
  return blocks.map((b) => b.text).join('\n\n');
}

/**
 * The deepest section (heading anchor) whose passage holds block `block`, if any. Example: a
 * paragraph under `### （三）… {#us-phase3}` inside `## 二、… {#us}` → the `us-phase3` anchor.
 */
export function innermostSection(doc: SourceDoc, block: number): Anchor | undefined {
  let best: Anchor | undefined;
  for (const a of doc.anchors) {
    if (a.kind !== 'heading' && a.kind !== 'slug') continue;
    if (doc.anchorMap.get(a.id) !== a || block < a.firstBlock || block >= a.endBlock) continue;
    if (!best || (a.level ?? 1) >= (best.level ?? 1)) best = a;
  }
  return best;
}

/** A display name for the document: its title, else its id. */
export function docTitle(doc: SourceDoc): string {
  return doc.meta.title ?? doc.id;
}
