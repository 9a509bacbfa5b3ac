/**
 * Pushes diagnostics: for open drafts as the writer types (debounced), for every draft after
 * "Check All Citations", and for sources with problems. Uses the same engine checks as the CLI.
 *
 * An open draft is checked in slices (requests are answered between them) and only for its
 * newest version: a check still running when the draft changes, or when a newer check of it
 * starts, stops without publishing.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkDraft,
  checkDraftSteps,
  checkSource,
  type CheckDiagnostic,
} from '../engine/features/diagnostics.js';
import { canonicalUri } from '../engine/uris.js';
import { toLspDiagnostic } from './convert.js';
import type { FileRole, ProjectState } from './projectState.js';
import type { CheckAllResult } from './protocol.js';
import { runInSlices } from './slices.js';

/**
 * A draft shows at most this many problems (in text order). A pasted line of 50,000 brackets has
 * 25,000; sending them all costs the editor seconds and tells the writer nothing more. The CLI
 * and Check All's counts still see every one.
 */
export const MAX_PUBLISHED = 1000;

export class DiagnosticsPublisher {
  readonly #connection: Connection;
  readonly #state: ProjectState;
  readonly #documents: TextDocuments<TextDocument>;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest check started per open draft: an older one stops at its next slice. */
  readonly #checks = new Map<string, number>();
  /** Drafts and sources that currently show diagnostics we sent. */
  readonly #shown = new Set<string>();
  /** After "Check All Citations", every draft stays published, open or not. */
  #allDrafts = false;
  #sourcesTimer: ReturnType<typeof setTimeout> | undefined;
  #shownSources = new Set<string>();

  constructor(connection: Connection, state: ProjectState, documents: TextDocuments<TextDocument>) {
    this.#connection = connection;
    this.#state = state;
    this.#documents = documents;
  }

  /** Re-checks the draft `uri` after `delay` ms, restarting the wait on every call. */
  schedule(uri: string, delay: number): void {
    const key = canonicalUri(uri);
    clearTimeout(this.#timers.get(key));
    if (delay <= 0) {
      this.#timers.delete(key);
      void this.#publishOpenDraft(uri);
      return;
    }
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        void this.#publishOpenDraft(uri);
      }, delay),
    );
  }

  /** The corpus changed: every shown draft and every source is checked again. */
  sourcesChanged(delay = 0): void {
    clearTimeout(this.#sourcesTimer);
    const run = () => {
      this.#sourcesTimer = undefined;
      const open = new Set<string>();
      for (const doc of this.#documents.all()) {
        open.add(canonicalUri(doc.uri));
        void this.#publishOpenDraft(doc.uri);
      }
      if (this.#allDrafts)
        for (const uri of this.#state.service.drafts.uris()) if (!open.has(uri)) this.#publishDraft(uri);
      // Files that showed draft diagnostics but are drafts no more (or are gone): cleared.
      for (const key of [...this.#shown]) {
        if (this.#state.roleOf(key) !== 'draft' && !this.#state.service.index.getByUri(key))
          this.#send(key, key, []);
      }
      this.#publishSources();
    };
    if (delay <= 0) run();
    else this.#sourcesTimer = setTimeout(run, delay);
  }

  closed(uri: string, role: FileRole): void {
    if (role === 'draft' && this.#allDrafts) return;
    if (role === 'source') return;
    this.forget(uri);
  }

  forget(uri: string): void {
    const key = canonicalUri(uri);
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    this.#checks.delete(key);
    if (this.#shown.delete(key)) void this.#connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  checkAll(): CheckAllResult {
    this.#allDrafts = true;
    const result: CheckAllResult = { files: 0, citations: 0, errors: 0, warnings: 0 };
    const { drafts } = this.#state.service;
    for (const uri of drafts.uris()) {
      const diagnostics = this.#publishDraft(uri);
      result.files++;
      result.citations += drafts.get(uri)?.citations.length ?? 0;
      for (const d of diagnostics) {
        if (d.severity === 'error') result.errors++;
        else if (d.severity === 'warning') result.warnings++;
      }
    }
    this.#publishSources();
    return result;
  }

  /**
   * Checks an open draft's newest version in slices and publishes the result, unless the draft
   * changed or a newer check started meanwhile. A draft not open is checked at once.
   */
  async #publishOpenDraft(uri: string): Promise<void> {
    const key = canonicalUri(uri);
    const open = this.#documents.get(uri);
    if (!open || this.#state.roleOf(key) !== 'draft') {
      this.#publishDraft(uri);
      return;
    }
    const check = (this.#checks.get(key) ?? 0) + 1;
    this.#checks.set(key, check);
    const version = open.version;
    const stale = () => this.#checks.get(key) !== check || this.#documents.get(uri)?.version !== version;
    const { index, quotes } = this.#state.service;
    const state = this.#state;
    const diagnostics = await runInSlices(
      (function* () {
        const draft = yield* state.draftSteps(open);
        return yield* checkDraftSteps(draft, index, state.configFor(key), quotes);
      })(),
      stale,
    );
    if (!diagnostics || stale()) return;
    this.#checks.delete(key);
    this.#sendDraft(open.uri, key, diagnostics);
  }

  #publishDraft(uri: string) {
    const key = canonicalUri(uri);
    if (this.#state.roleOf(key) !== 'draft') {
      // No longer a draft (configuration changed, moved into the corpus): clear what it showed.
      if (this.#shown.has(key) && !this.#state.service.index.getByUri(key)) this.#send(uri, key, []);
      return [];
    }
    const open = this.#documents.get(uri);
    const draft = open ? this.#state.draftOf(open) : this.#state.service.drafts.get(key);
    if (!draft) return [];
    const { index, quotes } = this.#state.service;
    return this.#sendDraft(
      open ? open.uri : key,
      key,
      checkDraft(draft, index, this.#state.configFor(key), quotes),
    );
  }

  #sendDraft(uri: string, key: string, all: CheckDiagnostic[]): CheckDiagnostic[] {
    // While the corpus is read, a document not found may simply not be read yet.
    const diagnostics = all.filter((d) => !this.#state.indexing || d.code !== 'unknown-document');
    this.#send(uri, key, diagnostics.slice(0, MAX_PUBLISHED).map(toLspDiagnostic));
    return diagnostics;
  }

  #publishSources(): void {
    const { index } = this.#state.service;
    const shownBefore = this.#shownSources;
    this.#shownSources = new Set();
    for (const doc of index.docs()) {
      const diagnostics = checkSource(doc, index, this.#state.configFor(doc.uri)).map(toLspDiagnostic);
      if (diagnostics.length) this.#shownSources.add(doc.uri);
      if (diagnostics.length || shownBefore.has(doc.uri)) this.#send(doc.uri, doc.uri, diagnostics);
    }
    // Sources deleted since: clear what they showed.
    for (const uri of shownBefore)
      if (!this.#shownSources.has(uri) && !index.getByUri(uri)) this.#send(uri, uri, []);
  }

  #send(uri: string, key: string, diagnostics: ReturnType<typeof toLspDiagnostic>[]): void {
    if (diagnostics.length) this.#shown.add(key);
    else this.#shown.delete(key);
    void this.#connection.sendDiagnostics({ uri, diagnostics });
  }
}
