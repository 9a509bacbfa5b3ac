/**
 * The open drafts formatted as papers (citations in the configured style), cached per draft
 * version, corpus version and style, for inlay hints (and any other view of what the paper prints).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { chooseLocale } from '../engine/biblio/styles.js';
import { draftLanguage } from '../engine/export/exportPaper.js';
import { paperRequest, styledPaper, type StyledPaper } from '../engine/export/paper.js';
import { formatPaperSteps, type FormattedPaper } from '../engine/biblio/formatter.js';
import type { StyleThread } from '../node/styleThread.js';
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
  readonly #thread: StyleThread;

  constructor(
    service: SourceAnchorsService,
    state: ProjectState,
    log: (message: string) => void,
    thread: StyleThread,
  ) {
    this.#thread = thread;
    this.#service = service;
    this.#state = state;
    this.#log = log;
  }

  /**
   * The draft's paper when it is styled for its current citations (a hover shows it), or
   * undefined; then it is styled in the background for the next hover.
   */
  currentPaper(doc: TextDocument): StyledPaper | undefined {
    const hit = this.#hit(doc);
    if (hit) return hit.paper;
    void this.#styled(doc);
    return undefined;
  }

  /**
   * The draft as a paper (one styling per draft version, shared by every request that asks
   * meanwhile); undefined when the draft changed first or its style cannot be loaded.
   */
  paper(doc: TextDocument): Promise<StyledPaper | undefined> {
    const hit = this.#hit(doc);
    return hit ? Promise.resolve(hit.paper) : this.#styled(doc);
  }

  #styled(doc: TextDocument): Promise<StyledPaper | undefined> {
    const running = this.#styling.get(doc.uri);
    if (running?.version === doc.version) return running.paper;
    const version = doc.version;
    const stale = () => doc.version !== version;
    // Started on the next turn of the event loop, not inside the request that asked.
    const paper = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (stale() ? undefined : this.#style(doc, stale)))
      .finally(() => {
        if (this.#styling.get(doc.uri)?.paper === paper) this.#styling.delete(doc.uri);
      });
    this.#styling.set(doc.uri, { version, paper });
    return paper;
  }

  /**
   * The cached paper, when its key is the draft's: typing that leaves the first citations as they
   * were (text between them, or after them) keeps the paper; its citations are only moved to where
   * they now are.
   */
  #hit(doc: TextDocument): { paper: StyledPaper | undefined } | undefined {
    const first = this.#state.draftOf(doc).citations.slice(0, MAX_HINTED_CITATIONS);
    const hit = this.#cache.get(doc.uri);
    if (!hit || hit.key !== this.#keyOf(this.#styleOf(doc), first)) return undefined;
    if (hit.version !== doc.version && hit.paper) {
      const moved = new Map(hit.first.map((c, i) => [c, first[i]!]));
      hit.paper = {
        ...hit.paper,
        cites: hit.paper.cites.map((c) => ({ ...c, citation: moved.get(c.citation)! })),
      };
      hit.first = first;
    }
    hit.version = doc.version;
    return { paper: hit.paper };
  }

  /**
   * Styles the draft's first citations, without the bibliography (no view of the editor shows
   * it), in the style thread, or in slices here when that thread cannot run; undefined when its
   * style cannot be loaded (said once in the log), or, in slices, when the draft changed first.
   */
  async #style(doc: TextDocument, stale: () => boolean): Promise<StyledPaper | undefined> {
    const draft = this.#state.draftOf(doc);
    // The version styled: the draft may change while the thread formats it; the entry then moves
    // its citations to the newer parse on the next hit, as after any keystroke.
    const version = doc.version;
    const first = draft.citations.slice(0, MAX_HINTED_CITATIONS);
    const style = this.#styleOf(doc);
    const { styleName, locale } = style;
    const key = this.#keyOf(style, first);
    const forgotten = this.#forgotten;
    const rootUri = this.#state.rootOf(canonicalUri(doc.uri)) ?? this.#state.roots[0];
    const root = rootUri ? URI.parse(rootUri).fsPath : process.cwd();
    const loaded = loadStyle(styleName, locale, root);
    let paper: StyledPaper | undefined;
    if (!loaded.ok) this.#once(loaded.message);
    else {
      try {
        const request = paperRequest({ ...draft, citations: first }, this.#service.index, loaded.style);
        let formatted: FormattedPaper | undefined;
        if (!this.#thread.failed) {
          const job = { style: styleName, locale, root, items: request.items, cites: request.cites };
          formatted = await this.#thread
            .format({ ...job, format: 'html', bibliography: false })
            .catch((e: unknown) => {
              if (this.#thread.failed) return undefined;
              throw e;
            });
        }
        if (!formatted) {
          const { xml, retrieveLocale } = loaded.style;
          const options = { style: xml, locale: loaded.style.locale, retrieveLocale, items: request.items };
          formatted = await runInSlices(
            formatPaperSteps({ ...options, format: 'html' }, request.cites, false),
            stale,
          );
          if (!formatted) return undefined;
        }
        paper = styledPaper(request, formatted);
      } catch (e) {
        this.#once(`Cannot format citations with ${loaded.name}: ${(e as Error).message}`);
      }
    }
    // A draft closed meanwhile keeps no entry.
    if (forgotten === this.#forgotten) this.#cache.set(doc.uri, { key, paper, first, version });
    return paper;
  }

  /** What the paper depends on: the first citations as written, the corpus version, style and locale. */
  #keyOf(style: { styleName: string; locale: string }, first: readonly Citation[]): string {
    return `${this.#service.index.version}|${style.styleName}|${style.locale}|${first.map((c) => c.raw).join('\n')}`;
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
