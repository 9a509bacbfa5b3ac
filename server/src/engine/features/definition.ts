/**
 * Go to source: from a citation to the exact place of its anchor in the corpus file (the heading
 * line or paragraph, with the written id selected), or to the top of a cited document. Also the
 * document links that make Ctrl+click work on the whole citation.
 */
import type { DocumentLink, LocationLink } from 'vscode-languageserver-types';
import type { DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { range, type Position } from '../text/positions.js';
import type { CancellationToken } from '../workspace.js';
import { citationAt } from './citationAt.js';
import { resolveCitation } from './resolve.js';
import { drain, type Steps } from '../steps.js';

export class DefinitionProvider {
  readonly #index: CorpusIndex;

  constructor(index: CorpusIndex) {
    this.#index = index;
  }

  provideDefinition(draft: DraftParse, position: Position, token?: CancellationToken): LocationLink[] {
    const c = citationAt(draft, position);
    if (!c || token?.isCancellationRequested) return [];
    const r = resolveCitation(this.#index, c, false);
    if (r.kind === 'anchor') {
      return [
        {
          originSelectionRange: c.range,
          targetUri: r.doc.uri,
          targetRange: r.anchor.range,
          targetSelectionRange: r.anchor.idRange ?? r.anchor.range,
        },
      ];
    }
    if (r.kind === 'document') {
      const top = range(0, 0, 0, 0);
      return [
        { originSelectionRange: c.range, targetUri: r.doc.uri, targetRange: top, targetSelectionRange: top },
      ];
    }
    return [];
  }

  /** One link per resolvable citation, to `file#L<line>` (1-based), as VS Code opens such links. */
  provideDocumentLinks(draft: DraftParse, token?: CancellationToken): DocumentLink[] {
    return drain(this.documentLinkSteps(draft, token));
  }

  /** {@link provideDocumentLinks} a step at a time: a step every 50 citations. */
  *documentLinkSteps(draft: DraftParse, token?: CancellationToken): Steps<DocumentLink[]> {
    const links: DocumentLink[] = [];
    let n = 0;
    for (const c of draft.citations) {
      if (++n % LINKS_PER_STEP === 0) yield;
      if (token?.isCancellationRequested) return [];
      const r = resolveCitation(this.#index, c, false);
      if (r.kind !== 'anchor' && r.kind !== 'document') continue;
      const line = r.kind === 'anchor' ? r.anchor.range.start.line + 1 : 1;
      links.push({
        range: c.range,
        target: `${r.doc.uri}#L${line}`,
        tooltip: `Open ${c.target} in the source`,
      });
    }
    return links;
  }
}

/** Citations linked between two steps of `documentLinkSteps` (about 30 µs each, on a loaded machine). */
const LINKS_PER_STEP = 50;
