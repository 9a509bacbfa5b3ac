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
import { paperTableSteps } from '../engine/features/paperTable.js';
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
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #styles = new Map<string, StyleLoad>();
  /** What was last sent per file, without its version, to skip sending the same table again. */
  readonly #sent = new Map<string, string>();

  constructor(
    connection: Connection,
    state: ProjectState,
    documents: TextDocuments<TextDocument>,
    ready: () => Promise<void>,
  ) {
    this.#connection = connection;
    this.#state = state;
    this.#documents = documents;
    this.#ready = ready;
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
    const load = this.#style(name, locale, root ? URI.parse(root).fsPath : process.cwd());
    const table = await runInSlices(
      paperTableSteps(uri, draft, index, load.ok ? load.style : { error: load.message }),
      stale,
    );
    if (!table) return;
    const json = JSON.stringify(table);
    if (this.#sent.get(uri) === json) return;
    this.#sent.set(uri, json);
    const params: PaperTableParams = { uri, version: doc.version, ...table };
    void this.#connection.sendNotification(PaperTableNotification, params);
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
