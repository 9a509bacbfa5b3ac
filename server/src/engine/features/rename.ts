/**
 * Rename an anchor — from its `{#id}` / `^id` in the corpus or from any citation of it: the id in
 * the source and every citation in every draft change together. Slugs, paragraph numbers and
 * footnotes have no written id, so they are refused with what to do instead.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isValidAnchorId, paragraphNumber } from '../corpus/anchorSyntax.js';
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { DraftIndex } from '../index/draftIndex.js';
import { rangeContains, type Position } from '../text/positions.js';
import { citationAt } from './citationAt.js';
import { resolveCitation } from './resolve.js';

export type RenameTarget =
  { ok: true; doc: SourceDoc; anchor: Anchor; range: Range } | { ok: false; message: string };

export class RenameProvider {
  readonly #index: CorpusIndex;
  readonly #drafts: DraftIndex;

  constructor(index: CorpusIndex, drafts: DraftIndex) {
    this.#index = index;
    this.#drafts = drafts;
  }

  /** What would be renamed from a draft position: the anchor part of a citation. */
  prepareInDraft(draft: DraftParse, position: Position): RenameTarget | undefined {
    const c = citationAt(draft, position);
    if (!c || !c.anchorRange) return undefined;
    const r = resolveCitation(this.#index, c, false);
    if (r.kind !== 'anchor')
      return { ok: false, message: `[[${c.target}]] does not resolve, so there is nothing to rename.` };
    return checkRenamable(r.doc, r.anchor, c.anchorRange);
  }

  /** What would be renamed from a corpus position: a written `{#id}` or `^id`. */
  prepareInSource(doc: SourceDoc, position: Position): RenameTarget | undefined {
    const anchor = doc.anchors.find(
      (a) => a.idRange && rangeContains(a.idRange, position) && doc.anchorMap.get(a.id) === a,
    );
    if (anchor) return checkRenamable(doc, anchor, anchor.idRange!);
    const heading = doc.anchors.find((a) => a.kind === 'slug' && a.range.start.line === position.line);
    return heading ? checkRenamable(doc, heading, heading.range) : undefined;
  }

  /** The edits that rename `anchor` of `doc` to `newName`, or why not. */
  rename(
    doc: SourceDoc,
    anchor: Anchor,
    newName: string,
  ): { ok: true; edit: WorkspaceEdit } | { ok: false; message: string } {
    const name = newName.trim();
    if (!isValidAnchorId(name)) {
      return {
        ok: false,
        message: `'${name}' is not a valid anchor id: use letters, digits, '-', '_', '.' or ':', starting with a letter or digit.`,
      };
    }
    if (paragraphNumber(name) !== undefined) {
      return {
        ok: false,
        message: `'${name}' is reserved for paragraph ${name.slice(1)}; choose another id.`,
      };
    }
    if (name === anchor.id) return { ok: true, edit: { changes: {} } };
    const clash = doc.anchorMap.get(name);
    if (clash) {
      return {
        ok: false,
        message: `${doc.id} already has an anchor '${name}' (line ${clash.range.start.line + 1}); choose another id.`,
      };
    }
    const changes: Record<string, TextEdit[]> = { [doc.uri]: [{ range: anchor.idRange!, newText: name }] };
    for (const site of this.#drafts.sitesOf(`${doc.id}#${anchor.id}`)) {
      (changes[site.uri] ??= []).push({ range: site.citation.anchorRange!, newText: name });
    }
    return { ok: true, edit: { changes } };
  }
}

function checkRenamable(doc: SourceDoc, anchor: Anchor, range: Range): RenameTarget {
  switch (anchor.kind) {
    case 'heading':
    case 'block':
      if (!anchor.idRange) {
        return {
          ok: false,
          message: `The id '${anchor.id}' could not be found as written in ${doc.id}'s file; rename it there by hand.`,
        };
      }
      return { ok: true, doc, anchor, range };
    case 'slug':
      return {
        ok: false,
        message: `'${anchor.id}' is the slug of the heading '${anchor.name}'; it follows the heading's text. Give the heading an explicit id ({#new-id}) to rename it.`,
      };
    case 'paragraph':
      return {
        ok: false,
        message: `'${anchor.id}' is a paragraph number; it follows the document's order. End the paragraph with a block id ( ^new-id) to give it a name.`,
      };
    case 'footnote':
      return {
        ok: false,
        message: `'${anchor.id}' follows the footnote's label; rename the footnote in the source instead.`,
      };
  }
}
