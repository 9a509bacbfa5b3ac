/**
 * The open drafts formatted as papers (citations in the configured style), cached per draft
 * version, corpus version and style, for inlay hints (and any other view of what the paper prints).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { chooseLocale } from '../engine/biblio/styles.js';
import { draftLanguage } from '../engine/export/exportPaper.js';
import { styleDraft, type StyledPaper } from '../engine/export/paper.js';
import type { SourceAnchorsService } from '../engine/service.js';
import { canonicalUri } from '../engine/uris.js';
import { loadStyle } from '../node/cslFiles.js';
import type { ProjectState } from './projectState.js';

/**
 * Citations formatted for the view, from the draft's start: the style processor takes about 2 ms
 * a citation (each one's form depends on those before it: ibid., numbering), and a request must
 * answer within 1 s. Citations after these get no inlay hint; export formats them all.
 */
export const MAX_HINTED_CITATIONS = 100;

/**
 * Above this many citations a draft gets no paper table for the preview (which shows the whole
 * paper or none of it): styling it would hold the server for a second or more.
 */
export const MAX_STYLED_CITATIONS = 200;

export class PaperCache {
  readonly #service: SourceAnchorsService;
  readonly #state: ProjectState;
  readonly #log: (message: string) => void;
  readonly #cache = new Map<string, { key: string; paper: StyledPaper | undefined }>();
  readonly #reported = new Set<string>();

  constructor(service: SourceAnchorsService, state: ProjectState, log: (message: string) => void) {
    this.#service = service;
    this.#state = state;
    this.#log = log;
  }

  /** The draft as a paper, or undefined when its style cannot be loaded (said once in the log). */
  paperOf(doc: TextDocument): StyledPaper | undefined {
    const config = this.#state.configFor(doc.uri);
    const styleName = config.citationStyle ?? 'gb-note';
    // The locale follows from the draft's text and the corpus, both versioned in the key.
    const key = `${doc.version}|${this.#service.index.version}|${styleName}`;
    const hit = this.#cache.get(doc.uri);
    if (hit?.key === key) return hit.paper;
    const locale = chooseLocale(undefined, draftLanguage(doc.getText()), this.#service.index);
    const root = this.#state.rootOf(canonicalUri(doc.uri)) ?? this.#state.roots[0];
    const loaded = loadStyle(styleName, locale, root ? URI.parse(root).fsPath : process.cwd());
    let paper: StyledPaper | undefined;
    if (!loaded.ok) this.#once(loaded.message);
    else {
      try {
        const draft = this.#state.draftOf(doc);
        const first = { ...draft, citations: draft.citations.slice(0, MAX_HINTED_CITATIONS) };
        paper = styleDraft(first, this.#service.index, loaded.style, 'html');
      } catch (e) {
        this.#once(`Cannot format citations with ${loaded.name}: ${(e as Error).message}`);
      }
    }
    this.#cache.set(doc.uri, { key, paper });
    return paper;
  }

  forget(uri: string): void {
    this.#cache.delete(uri);
  }

  #once(message: string): void {
    if (this.#reported.has(message)) return;
    this.#reported.add(message);
    this.#log(message);
  }
}
