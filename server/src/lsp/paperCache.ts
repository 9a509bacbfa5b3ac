/**
 * The open drafts formatted as papers (citations in the configured style), cached per draft
 * version, corpus version and style, for inlay hints (and any other view of what the paper prints).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { chooseLocale } from '../engine/biblio/styles.js';
import { draftLanguage } from '../engine/export/exportPaper.js';
import { styleDraftSteps, type StyledPaper } from '../engine/export/paper.js';
import { drain, type Steps } from '../engine/steps.js';
import { runInSlices } from './slices.js';
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
  /** The styling under way for each draft, and for which of its versions. */
  readonly #styling = new Map<string, { version: number; paper: Promise<StyledPaper | undefined> }>();
  /** How many drafts were forgotten (closed): a paper styled across one is not kept. */
  #forgotten = 0;

  constructor(service: SourceAnchorsService, state: ProjectState, log: (message: string) => void) {
    this.#service = service;
    this.#state = state;
    this.#log = log;
  }

  /**
   * The draft's paper when it is styled for its current citations (a hover shows it), or
   * undefined; then it is styled in the background, in slices, for the next hover.
   */
  currentPaper(doc: TextDocument): StyledPaper | undefined {
    const hit = this.#cache.get(doc.uri);
    if (hit?.key === this.#keyOf(doc)) return drain(this.paperSteps(doc));
    void this.#styled(doc);
    return undefined;
  }

  /**
   * The draft as a paper, styled in slices (one styling per draft version, shared by every
   * request that asks meanwhile); undefined when the draft changed first or its style cannot be
   * loaded.
   */
  paperInSlices(doc: TextDocument): Promise<StyledPaper | undefined> {
    const hit = this.#cache.get(doc.uri);
    if (hit?.key === this.#keyOf(doc)) return Promise.resolve(drain(this.paperSteps(doc)));
    return this.#styled(doc);
  }

  #styled(doc: TextDocument): Promise<StyledPaper | undefined> {
    const running = this.#styling.get(doc.uri);
    if (running?.version === doc.version) return running.paper;
    const version = doc.version;
    const stale = () => doc.version !== version;
    // Started on the next turn of the event loop, not inside the request that asked.
    const paper = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (stale() ? undefined : runInSlices(this.paperSteps(doc), stale)))
      .finally(() => {
        if (this.#styling.get(doc.uri)?.paper === paper) this.#styling.delete(doc.uri);
      });
    this.#styling.set(doc.uri, { version, paper });
    return paper;
  }

  /**
   * The draft as a paper, or undefined when its style cannot be loaded (said once in the log),
   * a step per citation styled. Typing that leaves the first citations as they were (text
   * between them, or after them) keeps the paper: its citations are only moved to where they
   * now are. The bibliography is left out: no view of the editor shows it.
   */
  *paperSteps(doc: TextDocument): Steps<StyledPaper | undefined> {
    const draft = this.#state.draftOf(doc);
    const first = draft.citations.slice(0, MAX_HINTED_CITATIONS);
    const key = this.#keyOf(doc, first);
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
    const forgotten = this.#forgotten;
    const { styleName, locale } = this.#styleOf(doc);
    const root = this.#state.rootOf(canonicalUri(doc.uri)) ?? this.#state.roots[0];
    const loaded = loadStyle(styleName, locale, root ? URI.parse(root).fsPath : process.cwd());
    let paper: StyledPaper | undefined;
    if (!loaded.ok) this.#once(loaded.message);
    else {
      try {
        paper = yield* styleDraftSteps(
          { ...draft, citations: first },
          this.#service.index,
          loaded.style,
          'html',
          false,
        );
      } catch (e) {
        this.#once(`Cannot format citations with ${loaded.name}: ${(e as Error).message}`);
      }
    }
    // A draft closed meanwhile keeps no entry.
    if (forgotten === this.#forgotten) this.#cache.set(doc.uri, { key, paper, first, version: doc.version });
    return paper;
  }

  /** What the paper depends on: the first citations as written, the corpus version, style and locale. */
  #keyOf(
    doc: TextDocument,
    first = this.#state.draftOf(doc).citations.slice(0, MAX_HINTED_CITATIONS),
  ): string {
    const { styleName, locale } = this.#styleOf(doc);
    return `${this.#service.index.version}|${styleName}|${locale}|${first.map((c) => c.raw).join('\n')}`;
  }

  #styleOf(doc: TextDocument): { styleName: string; locale: string } {
    const styleName = this.#state.configFor(doc.uri).citationStyle ?? 'gb-note';
    // The locale follows from the draft's text and the corpus, both in the key.
    const locale = chooseLocale(undefined, draftLanguage(doc.getText()), this.#service.index);
    return { styleName, locale };
  }

  forget(uri: string): void {
    this.#cache.delete(uri);
    this.#styling.delete(uri);
    this.#forgotten++;
  }

  #once(message: string): void {
    if (this.#reported.has(message)) return;
    this.#reported.add(message);
    this.#log(message);
  }
}
