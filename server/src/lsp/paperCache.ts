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
import type { Citation } from '../engine/drafts/parseDraft.js';

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

interface Entry {
  /** What the paper depends on: the first citations as written, the corpus version, style and locale. */
  key: string;
  paper: StyledPaper | undefined;
  /** The citations it was styled from, and the document version it was last handed out for. */
  first: Citation[];
  version: number;
}

export class PaperCache {
  readonly #service: SourceAnchorsService;
  readonly #state: ProjectState;
  readonly #log: (message: string) => void;
  readonly #cache = new Map<string, Entry>();
  readonly #reported = new Set<string>();

  constructor(service: SourceAnchorsService, state: ProjectState, log: (message: string) => void) {
    this.#service = service;
    this.#state = state;
    this.#log = log;
  }

  /**
   * The draft as a paper, or undefined when its style cannot be loaded (said once in the log).
   * Typing that leaves the first citations as they were (text between them, or after them) keeps
   * the paper: its citations are only moved to where they now are.
   */
  paperOf(doc: TextDocument): StyledPaper | undefined {
    const config = this.#state.configFor(doc.uri);
    const styleName = config.citationStyle ?? 'gb-note';
    const draft = this.#state.draftOf(doc);
    const first = draft.citations.slice(0, MAX_HINTED_CITATIONS);
    // The locale follows from the draft's text and the corpus, both in the key.
    const locale = chooseLocale(undefined, draftLanguage(doc.getText()), this.#service.index);
    const key = `${this.#service.index.version}|${styleName}|${locale}|${first.map((c) => c.raw).join('\n')}`;
    const hit = this.#cache.get(doc.uri);
    if (hit?.key === key) {
      if (hit.version !== doc.version && hit.paper) {
        const moved = new Map(hit.first.map((c, i) => [c, first[i]!]));
        hit.paper = {
          ...hit.paper,
          cites: hit.paper.cites.map((c) => ({ ...c, citation: moved.get(c.citation)! })),
        };
        hit.first = first;
      }
      hit.version = doc.version;
      return hit.paper;
    }
    const root = this.#state.rootOf(canonicalUri(doc.uri)) ?? this.#state.roots[0];
    const loaded = loadStyle(styleName, locale, root ? URI.parse(root).fsPath : process.cwd());
    let paper: StyledPaper | undefined;
    if (!loaded.ok) this.#once(loaded.message);
    else {
      try {
        paper = styleDraft({ ...draft, citations: first }, this.#service.index, loaded.style, 'html');
      } catch (e) {
        this.#once(`Cannot format citations with ${loaded.name}: ${(e as Error).message}`);
      }
    }
    this.#cache.set(doc.uri, { key, paper, first, version: doc.version });
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
