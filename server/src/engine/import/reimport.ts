/**
 * Re-import: a changed original converted again into the document it was imported to before,
 * keeping the anchors citations use. The new conversion's passages (headings, paragraphs,
 * footnotes) are matched to the old ones by text ({@link matchPassages}); then onto each matched
 * new passage go
 * - the old heading's `{#id}`, and the old heading's slug when a draft cites it (as `{#slug}`),
 * - the old paragraph's `^id`,
 * - a cited footnote's old label (`[^53a]` stays `[^53a]` when the new conversion says `[^54a]`).
 * A new heading whose generated id is now carried by another heading gets a suffix (`s2` → `s2-2`).
 * Paragraph numbers cannot be carried: a cited `p5` whose paragraph is now the sixth is broken,
 * as is a cited anchor whose passage is gone. The front matter stays as it was (the writer may have
 * corrected it); only `original` is the new one.
 *
 * Every carried id is checked on the result, so the account never says more than is true.
 *
 * Example: old `## 1. Ukraine {#s1}` / `The second one. ^two`; new `## 1. Ukraine {#s1}` /
 * `A new one.` / `The second one!` → `^two` is carried onto `The second one!` (changed, 93 %
 * alike), `p2` is now `p3`.
 */
import { ANCHOR_ID_SOURCE, HEADING_ATTRIBUTES } from '../corpus/anchorSyntax.js';
import { parseFrontMatter } from '../corpus/frontMatter.js';
import { parseSource } from '../corpus/parseSource.js';
import type { Anchor, AnchorKind, SourceDoc } from '../corpus/sourceDoc.js';
import { splitLines } from '../text/positions.js';
import { matchPassages, type MatchItem } from './passageMatch.js';
import type { Original } from './toMarkdown.js';

export type AnchorFate = 'kept' | 'moved' | 'changed' | 'gone';

export interface AnchorChange {
  /** The id as citations write it (`s2`, `rimland`, `p5`, `fn-53a`, `切身利益`). */
  id: string;
  kind: AnchorKind;
  /** The old heading text or the opening words of the old passage. */
  name: string;
  /**
   * kept: the same text at the same place among its kind; moved: the same text elsewhere;
   * changed: a different but alike text (see `similarity`); gone: no passage like it.
   */
  fate: AnchorFate;
  /** 0–1 for a changed passage. */
  similarity?: number;
  /** The place among its kind before and after (paragraph numbers for paragraphs). */
  ordinal: { before: number; after?: number };
  /** The id it has now when it could not be kept (`p6`), if any. */
  now?: string;
  /** True when a citation of this id would now fail or mean another passage. */
  broken: boolean;
}

export interface PassageCounts {
  same: number;
  moved: number;
  changed: number;
  added: number;
  gone: number;
}

export interface Reimport {
  /** The document to write. */
  markdown: string;
  /** Every anchor with a written id, and every cited anchor, in the old document's order. */
  changes: AnchorChange[];
  /** All headings, paragraphs and footnotes, old against new. */
  passages: PassageCounts;
}

type PassageKind = 'heading' | 'paragraph' | 'footnote';

interface Unit extends MatchItem {
  kind: PassageKind;
  block: number;
  ordinal: number;
}

/**
 * `oldText` is the existing document at `uri`, `converted` the new conversion as `toMarkdown`
 * wrote it, `cited` the anchor ids of this document that drafts cite.
 */
export function reimport(
  uri: string,
  oldText: string,
  converted: string,
  original: Original,
  cited: ReadonlySet<string>,
): Reimport {
  const newText = withOldFrontMatter(oldText, converted, original);
  const old = parseSource(uri, oldText);
  const fresh = parseSource(uri, newText);
  const oldUnits = units(old);
  const newUnits = units(fresh);
  const matches = matchPassages(oldUnits, newUnits);
  const newOfOldBlock = new Map<number, { unit: Unit; exact: boolean; similarity: number }>();
  const passages: PassageCounts = { same: 0, moved: 0, changed: 0, added: 0, gone: 0 };
  matches.forEach((m, i) => {
    const o = oldUnits[i]!;
    if (!m) return void passages.gone++;
    const n = newUnits[m.to]!;
    newOfOldBlock.set(o.block, { unit: n, exact: m.exact, similarity: m.similarity });
    if (!m.exact) passages.changed++;
    else if (o.ordinal === n.ordinal) passages.same++;
    else passages.moved++;
  });
  passages.added = newUnits.length - (oldUnits.length - passages.gone);

  // What to carry: heading id (by the new heading's line), block id (by the paragraph's last line),
  // footnote label renames.
  const lines = splitLines(newText);
  const headingIds = new Map<number, string>();
  const blockIds = new Map<number, string>();
  const labels = new Map<string, string>();
  const tracked = new Set(
    old.anchors.filter(
      (a) => old.anchorMap.get(a.id) === a && (a.kind === 'heading' || a.kind === 'block' || cited.has(a.id)),
    ),
  );
  for (const a of tracked) {
    const to = newOfOldBlock.get(passageBlock(a))?.unit.block;
    if (to === undefined) continue;
    const already = fresh.anchorMap.get(a.id);
    if (already && already.kind !== 'paragraph' && passageBlock(already) === to) continue;
    const block = fresh.blocks[to]!;
    if (a.kind === 'heading' || a.kind === 'slug') headingIds.set(block.startLine, a.id);
    else if (a.kind === 'block') blockIds.set(block.endLine - 1, a.id);
    else if (a.kind === 'footnote') {
      const label = footnoteLabelOf(fresh, to);
      if (label !== undefined && `fn-${label}` !== a.id) labels.set(label, a.id.slice(3));
    }
  }
  const text = carryIds(lines, fresh, headingIds, blockIds, labels);
  const result = parseSource(uri, text);

  const changes: AnchorChange[] = [];
  for (const a of old.anchors) {
    if (!tracked.has(a)) continue;
    const before = ordinalOf(oldUnits, passageBlock(a));
    const m = newOfOldBlock.get(passageBlock(a));
    if (!m) {
      changes.push({
        id: a.id,
        kind: a.kind,
        name: a.name,
        fate: 'gone',
        ordinal: { before },
        broken: cited.has(a.id),
      });
      continue;
    }
    const fate: AnchorFate = !m.exact ? 'changed' : before === m.unit.ordinal ? 'kept' : 'moved';
    const change: AnchorChange = {
      id: a.id,
      kind: a.kind,
      name: a.name,
      fate,
      ...(m.exact ? {} : { similarity: m.similarity }),
      ordinal: { before, after: m.unit.ordinal },
      broken: false,
    };
    const now = result.anchorMap.get(a.id);
    if (!now || passageBlock(now) !== m.unit.block) {
      // Not carried (a paragraph number), or the carry did not hold: say what it is now.
      const other = result.anchors.find(
        (x) => passageBlock(x) === m.unit.block && x.kind === (a.kind === 'slug' ? 'heading' : a.kind),
      );
      if (other) change.now = other.id;
      change.broken = cited.has(a.id);
    }
    changes.push(change);
  }
  return { markdown: text, changes, passages };
}

/** The block an anchor's passage is known by: a heading's own line, else its first block. */
function passageBlock(a: Anchor): number {
  return a.kind === 'heading' || a.kind === 'slug' ? a.firstBlock - 1 : a.firstBlock;
}

function ordinalOf(list: readonly Unit[], block: number): number {
  return list.find((u) => u.block === block)?.ordinal ?? 0;
}

/** Headings, paragraphs and footnotes, each numbered from 1 among its kind. */
function units(doc: SourceDoc): Unit[] {
  const counts = { heading: 0, paragraph: 0, footnote: 0 };
  const out: Unit[] = [];
  doc.blocks.forEach((b, block) => {
    if (b.kind !== 'heading' && b.kind !== 'paragraph' && b.kind !== 'footnote') return;
    out.push({ kind: b.kind, text: b.text, block, ordinal: ++counts[b.kind] });
  });
  return out;
}

function footnoteLabelOf(doc: SourceDoc, block: number): string | undefined {
  const a = doc.anchors.find((x) => x.kind === 'footnote' && x.firstBlock === block);
  return a?.id.slice(3);
}

const FOOTNOTE_REF = /\[\^([^\]\s]+)\]/g;

/** The new text with the carried ids written in; nothing moves between lines. */
function carryIds(
  lines: string[],
  fresh: SourceDoc,
  headingIds: ReadonlyMap<number, string>,
  blockIds: ReadonlyMap<number, string>,
  labels: ReadonlyMap<string, string>,
): string {
  const carriedIds = new Set([...headingIds.values(), ...blockIds.values()]);
  const used = new Set([...carriedIds, ...fresh.anchors.map((a) => a.id)]);
  // A generated heading id that a carried id now names elsewhere takes a free suffix.
  const rename = new Map<number, string>(headingIds);
  for (const a of fresh.anchors) {
    if (a.kind !== 'heading' || headingIds.has(a.range.start.line) || !carriedIds.has(a.id)) continue;
    let n = 2;
    while (used.has(`${a.id}-${n}`)) n++;
    used.add(`${a.id}-${n}`);
    rename.set(a.range.start.line, `${a.id}-${n}`);
  }
  for (const [line, id] of rename) {
    const text = lines[line]!;
    const attrs = HEADING_ATTRIBUTES.exec(text);
    const bare = attrs ? text.slice(0, attrs.index).trimEnd() : text.trimEnd();
    const kept = attrs?.[1]?.replace(new RegExp(`(?:^|\\s)#${ANCHOR_ID_SOURCE}`, 'u'), '').trim();
    lines[line] = `${bare} {#${id}${kept ? ` ${kept}` : ''}}`;
  }
  for (const [line, id] of blockIds) lines[line] = `${lines[line]!.trimEnd()} ^${id}`;
  let text = lines.join('\n');
  if (labels.size) {
    // Labels the carried ones displace take a free suffix too, all renamed in one pass.
    const taken = new Set(fresh.anchors.filter((a) => a.kind === 'footnote').map((a) => a.id.slice(3)));
    const map = new Map(labels);
    const carried = new Set(labels.values());
    for (const label of taken) {
      if (map.has(label) || !carried.has(label)) continue;
      let n = 2;
      while (taken.has(`${label}-${n}`) || carried.has(`${label}-${n}`)) n++;
      map.set(label, `${label}-${n}`);
      carried.add(`${label}-${n}`);
    }
    text = text.replace(FOOTNOTE_REF, (all, label: string) => {
      const to = map.get(label);
      return to === undefined ? all : `[^${to}]`;
    });
  }
  return text;
}

/**
 * The converted document's body under the old document's front matter, with `original` replaced
 * (or added): `original:\n  file: "paper.pdf"\n  sha256: "…"`. Without old front matter, the new one.
 */
export function withOldFrontMatter(oldText: string, converted: string, original: Original): string {
  const oldFm = parseFrontMatter(oldText);
  const newFm = parseFrontMatter(converted);
  if (!oldFm.bodyStartOffset) return converted;
  const head = splitLines(oldText.slice(0, oldFm.bodyStartOffset).replace(/(?:\r\n|\r|\n)$/, ''));
  const close = head.pop()!;
  const kept: string[] = [];
  for (let i = 0; i < head.length; i++) {
    if (i > 0 && /^original\s*:/.test(head[i]!)) {
      while (i + 1 < head.length && /^(?:[ \t]|$)/.test(head[i + 1]!)) i++;
      continue;
    }
    kept.push(head[i]!);
  }
  const q = (s: string) => JSON.stringify(s);
  kept.push('original:', `  file: ${q(original.file)}`, `  sha256: ${q(original.sha256)}`, close);
  return `${kept.join('\n')}\n${converted.slice(newFm.bodyStartOffset)}`;
}
