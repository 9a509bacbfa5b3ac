/**
 * Pushes `sourceAnchors/paperTable` for open Markdown files that are not sources: the citations
 * as the configured style prints them, for the client's Markdown preview. Debounced per file;
 * styles are read once per (style, locale, folder) until the configuration changes.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { chooseLocale } from '../engine/biblio/styles.js';
import { draftLanguage } from '../engine/export/exportPaper.js';
import { paperTableOf, paperTableSteps, type PaperTable } from '../engine/features/paperTable.js';
import { paperRequest, styledPaper, type PaperRequest } from '../engine/export/paper.js';
import type { DraftParse } from '../engine/drafts/parseDraft.js';
import type { StyleThread } from '../node/styleThread.js';
import { runInSlices } from './slices.js';
import { canonicalUri } from '../engine/uris.js';
import { loadStyle, type StyleLoad } from '../node/cslFiles.js';
import type { ProjectState } from './projectState.js';
import { MAX_STYLED_CITATIONS } from './paperCache.js';
import { PaperTableNotification, type PaperTableParams } from './protocol.js';

export class PaperTablePublisher {
  /** Off until the client asks for tables (`initializationOptions.paperTables`). */
  enabled = false;
  readonly #connection: Connection;
  readonly #state: ProjectState;
  readonly #documents: TextDocuments<TextDocument>;
  readonly #ready: () => Promise<void>;
  readonly #thread: StyleThread;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #styles = new Map<string, StyleLoad>();
  /** What was last sent per file, without its version, to skip sending the same table again. */
  readonly #sent = new Map<string, string>();

  constructor(
    connection: Connection,
    state: ProjectState,
    documents: TextDocuments<TextDocument>,
    ready: () => Promise<void>,
    thread: StyleThread,
  ) {
    this.#connection = connection;
    this.#state = state;
    this.#documents = documents;
    this.#ready = ready;
    this.#thread = thread;
  }

  /** Computes and sends the table of `uri` after `delay` ms, restarting the wait on every call. */
  schedule(uri: string, delay: number): void {
    if (!this.enabled) return;
    clearTimeout(this.#timers.get(uri));
    this.#timers.set(
      uri,
      setTimeout(() => {
        this.#timers.delete(uri);
        void this.#publish(uri).catch((e: unknown) =>
          this.#connection.console.error(`Paper table failed: ${(e as Error).stack ?? String(e)}`),
        );
      }, delay),
    );
  }

  /** Every open file again: the sources or the configuration changed. */
  scheduleAll(delay: number, configChanged = false): void {
    if (configChanged) this.#styles.clear();
    for (const doc of this.#documents.all()) this.schedule(doc.uri, delay);
  }

  forget(uri: string): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.delete(uri);
    this.#sent.delete(uri);
  }

  async #publish(uri: string): Promise<void> {
    await this.#ready();
    const doc = this.#documents.get(uri);
    const key = canonicalUri(uri);
    if (!doc || doc.languageId !== 'markdown' || this.#state.service.index.getByUri(key)) return;
    const { index } = this.#state.service;
    // Parsed and styled in slices, for this version only: a change schedules the next table.
    const version = doc.version;
    const stale = () => doc.version !== version || this.#documents.get(uri) !== doc;
    const draft = await runInSlices(this.#state.draftSteps(doc), stale);
    // A huge (or hostile) draft is not styled: the preview keeps its plain citation chips.
    if (!draft || draft.citations.length > MAX_STYLED_CITATIONS) return;
    const text = doc.getText();
    const locale = chooseLocale(undefined, draftLanguage(text), index);
    const root = this.#state.rootOf(key);
    const name = this.#state.configFor(key).citationStyle;
    const rootPath = root ? URI.parse(root).fsPath : process.cwd();
    const load = this.#style(name, locale, rootPath);
    const table = await this.#table(uri, draft, load, { style: name, locale, root: rootPath }, stale);
    if (!table || stale()) return;
    const json = JSON.stringify(table);
    if (this.#sent.get(uri) === json) return;
    this.#sent.set(uri, json);
    const params: PaperTableParams = { uri, version: doc.version, ...table };
    void this.#connection.sendNotification(PaperTableNotification, params);
  }

  /** The table, styled in the style thread (in slices here when that thread cannot run). */
  async #table(
    uri: string,
    draft: DraftParse,
    load: StyleLoad,
    style: { style: string | undefined; locale: string; root: string },
    stale: () => boolean,
  ): Promise<PaperTable | undefined> {
    const { index } = this.#state.service;
    if (!load.ok) return paperTableOf(uri, draft, index, { error: load.message });
    if (!this.#thread.failed) {
      let request: PaperRequest;
      try {
        request = paperRequest(draft, index, load.style);
      } catch (e) {
        const error = `The citation style cannot be used: ${(e as Error).message}`;
        return paperTableOf(uri, draft, index, { error, locale: load.style.locale });
      }
      const job = { ...style, items: request.items, cites: request.cites, format: 'text' as const };
      const styled = await this.#thread.format({ ...job, bibliography: true }).then(
        (formatted) => styledPaper(request, formatted),
        (e: unknown) =>
          this.#thread.failed
            ? undefined
            : {
                error: `The citation style cannot be used: ${(e as Error).message}`,
                locale: load.style.locale,
              },
      );
      if (styled) return paperTableOf(uri, draft, index, styled);
    }
    return runInSlices(paperTableSteps(uri, draft, index, load.style), stale);
  }

  #style(name: string | undefined, locale: string, root: string): StyleLoad {
    const key = `${name ?? ''}\0${locale}\0${root}`;
    let load = this.#styles.get(key);
    if (!load) {
      load = loadStyle(name, locale, root);
      this.#styles.set(key, load);
    }
    return load;
  }
}
