/**
 * Find references and the `cited N times` code lenses: every citation of an anchor in every
 * draft, asked from a citation or from the anchor's place in its corpus file.
 */
import type { CodeLens, Location } from 'vscode-languageserver-types';
import type { Anchor, SourceDoc } from '../corpus/sourceDoc.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { DraftIndex } from '../index/draftIndex.js';
import { rangeContains, type Position } from '../text/positions.js';
import type { CancellationToken } from '../workspace.js';
import { citationAt } from './citationAt.js';
import { resolveCitation } from './resolve.js';

/** The client command a code lens runs; arguments: [uri, position, locations]. */
export const SHOW_REFERENCES_COMMAND = 'sourceAnchors.showReferences';

export class ReferencesProvider {
  readonly #index: CorpusIndex;
  readonly #drafts: DraftIndex;

  constructor(index: CorpusIndex, drafts: DraftIndex) {
    this.#index = index;
    this.#drafts = drafts;
  }

  /** References of the citation under the cursor in a draft. */
  provideDraftReferences(
    draft: DraftParse,
    position: Position,
    includeDeclaration: boolean,
    token?: CancellationToken,
  ): Location[] {
    const c = citationAt(draft, position);
    if (!c || token?.isCancellationRequested) return [];
    const r = resolveCitation(this.#index, c, false);
    if (r.kind === 'anchor') return this.#references(r.doc, r.anchor, includeDeclaration);
    if (r.kind === 'document') return this.#sites(r.doc.id);
    return [];
  }

  /** References of the anchor under the cursor in a corpus file. */
  provideSourceReferences(doc: SourceDoc, position: Position, includeDeclaration: boolean): Location[] {
    const anchor = anchorAt(doc, position);
    return anchor ? this.#references(doc, anchor, includeDeclaration) : [];
  }

  /** `cited 3 times` above each heading and block anchor (and each paragraph that is cited). */
  provideCodeLenses(doc: SourceDoc, token?: CancellationToken): CodeLens[] {
    const lenses: CodeLens[] = [];
    for (const a of doc.anchors) {
      if (token?.isCancellationRequested) return [];
      if (doc.anchorMap.get(a.id) !== a) continue;
      const sites = this.#sites(`${doc.id}#${a.id}`);
      if (a.kind === 'paragraph' || a.kind === 'footnote') {
        if (sites.length === 0) continue;
      }
      const at = { line: a.range.start.line, character: 0 };
      lenses.push({
        range: { start: at, end: at },
        command: {
          title: citedTimes(sites.length, a),
          command: SHOW_REFERENCES_COMMAND,
          arguments: [doc.uri, a.idRange?.start ?? a.range.start, sites],
        },
      });
    }
    return lenses;
  }

  #references(doc: SourceDoc, anchor: Anchor, includeDeclaration: boolean): Location[] {
    const out = this.#sites(`${doc.id}#${anchor.id}`);
    if (includeDeclaration) out.unshift({ uri: doc.uri, range: anchor.idRange ?? anchor.range });
    return out;
  }

  #sites(target: string): Location[] {
    return this.#drafts.sitesOf(target).map((s) => ({ uri: s.uri, range: s.citation.range }));
  }
}

function citedTimes(n: number, a: Anchor): string {
  const what = a.kind === 'paragraph' ? `${a.id}: ` : '';
  if (n === 0) return `${what}not cited yet`;
  return `${what}cited ${n === 1 ? 'once' : `${n} times`}`;
}

/**
 * The anchor at `position` in a corpus file: a written id first, then the heading on that line,
 * then the paragraph around it (its block id before its number).
 */
export function anchorAt(doc: SourceDoc, position: Position): Anchor | undefined {
  const live = doc.anchors.filter((a) => doc.anchorMap.get(a.id) === a);
  return (
    live.find((a) => a.idRange && rangeContains(a.idRange, position)) ??
    live.find((a) => (a.kind === 'heading' || a.kind === 'slug') && a.range.start.line === position.line) ??
    live.find((a) => a.kind === 'block' && rangeContains(a.range, position)) ??
    live.find((a) => (a.kind === 'paragraph' || a.kind === 'footnote') && rangeContains(a.range, position))
  );
}
