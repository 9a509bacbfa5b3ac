/**
 * The LSP adapter: capabilities, and one short handler per request that finds the document,
 * returns an empty answer if there is none, and calls the engine. Indexing, file watching and
 * diagnostics scheduling live in ProjectState and DiagnosticsPublisher.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type CodeAction,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type MarkupContent,
  type TextEdit,
  type WorkspaceEdit,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createService } from '../engine/service.js';
import { canonicalUri } from '../engine/uris.js';
import { DiagnosticsPublisher } from './diagnosticsPublisher.js';
import { PaperTablePublisher } from './paperTables.js';
import { toLspDiagnostic } from './convert.js';
import { ProjectState, type FileRole } from './projectState.js';
import {
  CheckAllRequest,
  DocumentTextRequest,
  DraftParsesRequest,
  LongestTaskRequest,
  ExportOptionsRequest,
  ExportPaperRequest,
  ImportLibraryRequest,
  ImportSourcesRequest,
  ReindexRequest,
  SearchPassagesRequest,
  SourcesRequest,
  StatusNotification,
  type StatusParams,
} from './protocol.js';
import { SearchBuilder } from './searchBuilder.js';
import { HeapPolicy } from './leanHeap.js';
import { completeWhileIndexing } from './whileIndexing.js';
import { PaperCache } from './paperCache.js';
import { StyleThread } from '../node/styleThread.js';
import { exportDraft, exportOptions } from './exportHandler.js';
import { importSources } from './importHandler.js';
import { configuredLibraries, importLibrary, libraryOf, LibrarySync } from './libraryHandler.js';
import type { ImportSourcesResult } from './protocolTypes.js';
import { readFile } from 'node:fs/promises';
import { printedLine, provideInlayHints } from '../engine/features/inlayHints.js';
import { citationAt } from '../engine/features/citationAt.js';
import { sourcesTree } from './sourcesRequest.js';
import { completionAt, definitionAt, hoverAt, lineDraft } from './lineAnswers.js';
import { runInSlices } from './slices.js';
import { longestTask } from './longestTask.js';

export const TRIGGER_CHARACTERS = ['[', '#', '|', '@'];

/** An open draft's diagnostics follow this long after its last change, in ms. */
export const DIAGNOSTICS_DEBOUNCE_MS = 150;

export interface ServerOptions {
  /** Called each time indexing and the passage-search build are over (the server is quiet). */
  onQuiet?: () => void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const service = createService();
  let canRefreshCodeLens = false;
  let canRefreshInlayHints = false;
  let canRegisterWatchers = false;
  let canReadSettings = false;
  let canShowProgress = false;
  let canVersionEdits = false;
  let canFollowFolders = false;
  let indexing: Promise<void> = Promise.resolve();

  const state = new ProjectState(service, async (rootUri) =>
    canReadSettings
      ? connection.workspace.getConfiguration({ scopeUri: rootUri, section: 'sourceAnchors' })
      : undefined,
  );
  const publisher = new DiagnosticsPublisher(connection, state, documents);
  // The CSL processor's thread, shared by the paper views (inlay hints, hovers, the preview's table).
  const styleThread = new StyleThread();
  const paperTables = new PaperTablePublisher(connection, state, documents, () => indexing, styleThread);
  const searchBuilder = new SearchBuilder(service.search, (ms) => {
    connection.console.info(`Passage search index built in ${ms} ms.`);
    service.quotes.invalidate();
    publisher.sourcesChanged();
    connection.sendNotification(StatusNotification, status());
  });

  // The index cache is written once indexing and the passage-search build are over.
  state.afterIndexing = () => {
    const quiet = indexing.then(() => searchBuilder.idle());
    void quiet.then(() => options.onQuiet?.());
    return quiet;
  };

  /** A request or an edit: the index cache's save and the search build let it through first. */
  const active = () => {
    state.active();
    searchBuilder.active();
  };

  const papers = new PaperCache(service, state, (m) => connection.console.warn(m), styleThread);

  /**
   * The parse of an open document's newest text for a request that needs all of it, parsed in
   * slices when it is not current (requests are answered between them); undefined if the request
   * is cancelled meanwhile.
   */
  const parsed = (doc: TextDocument, token: { isCancellationRequested: boolean }) =>
    state.isParsed(doc)
      ? Promise.resolve(state.draftOf(doc))
      : runInSlices(state.draftSteps(doc), () => token.isCancellationRequested);
  const sourceOf = (uri: string) => service.index.getByUri(canonicalUri(uri));
  const openDoc = (uri: string) => documents.get(uri);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canRefreshCodeLens = !!caps.workspace?.codeLens?.refreshSupport;
    canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
    canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canReadSettings = !!caps.workspace?.configuration;
    canShowProgress = !!caps.window?.workDoneProgress;
    canVersionEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
    canFollowFolders = !!caps.workspace?.workspaceFolders;
    state.setCacheDir(storagePathOf(params.initializationOptions));
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? [];
    if (!folders.length && params.rootUri) folders.push(params.rootUri);
    if (!folders.length && params.rootPath) folders.push(URI.file(params.rootPath).toString());
    state.setRoots(folders);
    paperTables.enabled = !!(params.initializationOptions as { paperTables?: unknown } | undefined)
      ?.paperTables;
    // VS Code's client says whether the window is trusted; other editors open trusted folders.
    const options = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    state.setTrusted(options?.workspaceTrusted !== false);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true },
        hoverProvider: true,
        inlayHintProvider: { resolveProvider: false },
        definitionProvider: true,
        declarationProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: {
        name: 'source-anchors',
        version: typeof SOURCE_ANCHORS_VERSION === 'string' ? SOURCE_ANCHORS_VERSION : 'dev',
      },
    };
  });

  const status = (extra: Partial<StatusParams> = {}): StatusParams => ({
    state: 'ready',
    ...state.totals(),
    searchReady: service.search.ready,
    configErrors: state.configErrors,
    ...extra,
  });

  const heap = new HeapPolicy();

  async function reindex(): Promise<void> {
    const run = async () => {
      heap.indexing();
      let progress: WorkDoneProgressReporter | undefined;
      if (canShowProgress) {
        progress = await connection.window.createWorkDoneProgress();
        progress.begin('Source Anchors', 0, 'Indexing sources…', false);
      }
      let last = 0;
      try {
        await state.reindex(({ done, total }) => {
          const now = Date.now();
          if (done !== total && now - last < 100) return;
          last = now;
          progress?.report(
            total ? Math.round((done / total) * 100) : 100,
            `Indexing sources… ${done}/${total}`,
          );
          connection.sendNotification(StatusNotification, status({ state: 'indexing', done, total }));
        });
      } catch (e) {
        // One bad file or setting never takes the server down: say so, and serve what was read.
        connection.console.error(`Indexing failed: ${(e as Error).stack ?? String(e)}`);
      } finally {
        progress?.done();
        heap.indexed();
      }
      for (const e of state.configErrors) connection.console.warn(e);
      const s = status();
      connection.console.info(`Indexed ${s.sources} sources (${s.anchors} anchors) and ${s.drafts} drafts.`);
      connection.sendNotification(StatusNotification, s);
      publisher.sourcesChanged();
      paperTables.scheduleAll(0, true);
      refreshCodeLens();
      searchBuilder.rebuild();
      // The configured libraries may have changed while the server was not running.
      if (state.trusted) for (const uri of configuredLibraries(state)) librarySync.changed(uri);
    };
    indexing = indexing.then(run, run).catch((e: unknown) => {
      connection.console.error(`Indexing failed: ${(e as Error).stack ?? String(e)}`);
    });
    return indexing;
  }

  /** Code lenses (citation counts) and inlay hints (what the paper prints) follow the corpus. */
  function refreshCodeLens(): void {
    if (canRefreshCodeLens) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (canRefreshInlayHints)
      void connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  }

  connection.onInitialized(() => {
    if (!state.trusted)
      connection.console.info(
        'Untrusted workspace: sources outside the workspace folders are not read (trust the workspace to read them).',
      );
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          {
            globPattern: '**/*.{md,markdown,txt}',
            kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete,
          },
          {
            globPattern: '**/source-anchors.json',
            kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete,
          },
          // Reference libraries (`library` in the configuration): imported again when they change.
          { globPattern: '**/*.{bib,json,yaml,yml}', kind: WatchKind.Create | WatchKind.Change },
          // Folders: a deleted or moved-in folder arrives as one event for the folder alone.
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      });
    }
    if (canReadSettings)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourceAnchors' });
    // Only a client that sends folder changes may be asked to: the library throws otherwise, and
    // the server would never index.
    if (canFollowFolders)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const current = new Set(state.roots);
        for (const f of e.removed) current.delete(canonicalUri(f.uri));
        for (const f of e.added) current.add(canonicalUri(f.uri));
        state.setRoots([...current]);
        void reindex();
      });
    void reindex();
  });

  connection.onDidChangeConfiguration(() => void reindex());

  connection.onDidChangeWatchedFiles(({ changes }) => filesChanged(changes));

  /** Files created, changed or deleted on disk (by the editor's watcher, or by an import). */
  async function filesChanged(changes: FileEvent[]): Promise<void> {
    await indexing;
    for (const change of changes)
      if (change.type !== FileChangeType.Deleted && state.trusted && libraryOf(state, change.uri))
        librarySync.changed(change.uri);
    let needsReindex = false;
    const roles = new Set<FileRole>();
    for (const change of changes) {
      const touched =
        change.type === FileChangeType.Deleted
          ? state.fileDeleted(change.uri)
          : await state.fileChanged(change.uri);
      for (const { uri, role } of touched) {
        if (role === 'config') needsReindex = true;
        roles.add(role);
        if (role !== 'draft') continue;
        if (change.type === FileChangeType.Deleted) publisher.forget(uri);
        else publisher.schedule(uri, 0);
      }
    }
    if (needsReindex) return reindex();
    if (roles.has('source')) {
      searchBuilder.changed();
      publisher.sourcesChanged();
      paperTables.scheduleAll(250);
      connection.sendNotification(StatusNotification, status());
    }
    if (roles.has('draft') || roles.has('source')) refreshCodeLens();
  }

  documents.onDidOpen(({ document }) => {
    const role = state.opened(document);
    afterEdit(role, document.uri, 0);
    paperTables.schedule(document.uri, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    active();
    const role = state.changed(document);
    afterEdit(role, document.uri, DIAGNOSTICS_DEBOUNCE_MS);
    paperTables.schedule(document.uri, 300);
  });
  documents.onDidClose(async ({ document }) => {
    papers.forget(document.uri);
    const role = await state.closed(document);
    publisher.closed(document.uri, role);
    paperTables.forget(document.uri);
    if (role === 'source') publisher.sourcesChanged();
  });

  function afterEdit(role: FileRole, uri: string, delay: number): void {
    if (role === 'draft') publisher.schedule(uri, delay);
  }

  // An open source re-indexed from its editor text: drafts, lenses and search follow.
  state.onSourceIndexed = () => {
    searchBuilder.changed();
    publisher.sourcesChanged();
    paperTables.scheduleAll(250);
    refreshCodeLens();
  };

  // ---- requests: find the document, answer empty if missing, call the engine ----

  connection.onCompletion((p, token) => {
    active();
    const doc = openDoc(p.textDocument.uri);
    if (!doc || sourceOf(doc.uri)) return null;
    return completeWhileIndexing(
      () => state.indexing,
      () => state.progress.next(),
      () => {
        if (state.isParsed(doc))
          return service.completion.provideCompletion(state.draftOf(doc), p.position, token);
        const line = lineDraft(doc, p.position);
        return completionAt(service.completion.provideCompletion(line.draft, line.position, token), line);
      },
    );
  });

  connection.onCompletionResolve((item) => service.completion.resolveCompletion(item));

  connection.onHover((p, token) => {
    active();
    const doc = openDoc(p.textDocument.uri);
    if (!doc || sourceOf(doc.uri)) return null;
    if (!state.isParsed(doc)) {
      // Typing: the line under the cursor answers (what the paper prints waits for the parse).
      const line = lineDraft(doc, p.position);
      return hoverAt(service.hover.provideHover(line.draft, line.position, token), line) ?? null;
    }
    const draft = state.draftOf(doc);
    const hover = service.hover.provideHover(draft, p.position, token);
    if (!hover || token.isCancellationRequested) return hover ?? null;
    // Below the cited passage: what the paper will print for this citation.
    const c = citationAt(draft, p.position);
    // Styled in slices off the request: until it is (after a change of the first citations or the
    // corpus), the hover leaves the line out.
    const paper = c ? papers.currentPaper(doc) : undefined;
    const line = c && paper ? printedLine(paper, c.start) : undefined;
    const contents = hover.contents as MarkupContent;
    return line
      ? { ...hover, contents: { kind: contents.kind, value: `${contents.value}\n\n---\n\n${line}` } }
      : hover;
  });

  connection.languages.inlayHint.on(async (p, token) => {
    const doc = openDoc(p.textDocument.uri);
    if (!doc || sourceOf(doc.uri) || token.isCancellationRequested) return null;
    const mode = state.configFor(doc.uri).inlayHints ?? 'short';
    if (mode === 'off') return [];
    const version = doc.version;
    if (!(await parsed(doc, token))) return null;
    const paper = await papers.paper(doc);
    // Typed over while styled: the client asks again for the new text (the paper is kept for it).
    if (token.isCancellationRequested || doc.version !== version) return null;
    return paper ? provideInlayHints(paper, mode, p.range) : [];
  });

  const definition = (
    p: { textDocument: { uri: string }; position: { line: number; character: number } },
    token: { isCancellationRequested: boolean },
  ) => {
    const doc = openDoc(p.textDocument.uri);
    if (!doc || sourceOf(doc.uri)) return null;
    if (state.isParsed(doc))
      return service.definition.provideDefinition(state.draftOf(doc), p.position, token);
    const line = lineDraft(doc, p.position);
    return definitionAt(service.definition.provideDefinition(line.draft, line.position, token), line);
  };
  connection.onDefinition(definition);
  connection.onDeclaration(definition);

  connection.onDocumentLinks(async (p, token) => {
    const doc = openDoc(p.textDocument.uri);
    if (!doc || sourceOf(doc.uri)) return null;
    const draft = await parsed(doc, token);
    if (!draft) return null;
    const links = await runInSlices(
      service.definition.documentLinkSteps(draft, token),
      () => token.isCancellationRequested,
    );
    return links ?? null;
  });

  connection.onReferences(async (p, token) => {
    const source = sourceOf(p.textDocument.uri);
    if (source)
      return service.references.provideSourceReferences(source, p.position, p.context.includeDeclaration);
    const doc = openDoc(p.textDocument.uri);
    const draft = doc && (await parsed(doc, token));
    if (!draft) return null;
    return service.references.provideDraftReferences(draft, p.position, p.context.includeDeclaration, token);
  });

  connection.onCodeLens((p, token) => {
    const source = sourceOf(p.textDocument.uri);
    return source ? service.references.provideCodeLenses(source, token) : [];
  });

  connection.onCodeAction(async (p, token) => {
    const doc = openDoc(p.textDocument.uri);
    if (!doc || sourceOf(doc.uri)) return null;
    const draft = await parsed(doc, token);
    if (!draft) return null;
    const fixes = service.codeActions.provideQuickFixes(draft, p.range, token);
    return fixes.map((fix): CodeAction => {
      const sent = p.context.diagnostics.find(
        (d) =>
          d.code === fix.diagnostic.code &&
          d.range.start.line === fix.diagnostic.range.start.line &&
          d.range.start.character === fix.diagnostic.range.start.character,
      );
      return {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [sent ?? toLspDiagnostic({ ...fix.diagnostic, severity: 'error' })],
        isPreferred: fix.isPreferred,
        edit: workspaceEdit({ [p.textDocument.uri]: [fix.edit] }),
      };
    });
  });

  function renameTarget(uri: string, position: { line: number; character: number }) {
    const source = sourceOf(uri);
    if (source) return service.rename.prepareInSource(source, position);
    const doc = openDoc(uri);
    return doc ? service.rename.prepareInDraft(state.draftOf(doc), position) : undefined;
  }

  connection.onPrepareRename((p) => {
    const target = renameTarget(p.textDocument.uri, p.position);
    if (!target) return null;
    if (!target.ok) throw new ResponseError(ErrorCodes.InvalidRequest, target.message);
    return { range: target.range, placeholder: target.anchor.id };
  });

  connection.onRenameRequest((p) => {
    state.flushOpenSources();
    const target = renameTarget(p.textDocument.uri, p.position);
    if (!target) return null;
    if (!target.ok) throw new ResponseError(ErrorCodes.InvalidRequest, target.message);
    const result = service.rename.rename(target.doc, target.anchor, p.newName);
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    return workspaceEdit(result.edit.changes ?? {});
  });

  /**
   * Edits go out versioned (`documentChanges`) when the client can take them: each file's edits
   * name the version they were computed for, so an editor refuses them once the writer has typed
   * on, instead of applying them at the wrong place. Files not open are `version: null` (on disk).
   */
  function workspaceEdit(changes: Record<string, TextEdit[]>): WorkspaceEdit {
    if (!canVersionEdits) return { changes };
    return {
      documentChanges: Object.entries(changes).map(([uri, edits]) =>
        TextDocumentEdit.create({ uri, version: state.versionOf(uri) }, edits),
      ),
    };
  }

  connection.onWorkspaceSymbol((p, token) => service.symbols.provideWorkspaceSymbols(p.query, token));

  connection.onDocumentSymbol((p) => {
    const source = sourceOf(p.textDocument.uri);
    return source ? service.symbols.provideDocumentSymbols(source) : [];
  });

  connection.onRequest(ExportOptionsRequest, ({ uri }) => exportOptions(state, uri));

  connection.onRequest(ExportPaperRequest, async (p) => {
    const open = openDoc(p.uri);
    let text = open?.getText();
    if (text === undefined) {
      try {
        text = await readFile(URI.parse(p.uri).fsPath, 'utf8');
      } catch (e) {
        return {
          ok: false,
          message: `Cannot read ${p.uri}: ${(e as Error).message}`,
          written: [],
          errors: [],
        };
      }
    }
    return exportDraft(service, state, text, p);
  });

  // One import at a time: two at once would both take the next free id.
  let importing: Promise<unknown> = Promise.resolve();
  function oneImport(doImport: () => Promise<ImportSourcesResult>): Promise<ImportSourcesResult> {
    const run = async () => {
      await indexing;
      const result = await doImport();
      const written = result.documents.filter((d) => d.written);
      // Indexed now, so the new document's anchors complete as soon as the answer arrives.
      if (written.length)
        await filesChanged(written.map((d) => ({ uri: d.uri, type: FileChangeType.Changed })));
      return result;
    };
    const next = importing.then(run, run);
    importing = next.catch(() => undefined);
    return next;
  }
  connection.onRequest(ImportSourcesRequest, (p) => oneImport(() => importSources(service, state, p)));
  connection.onRequest(ImportLibraryRequest, (p) => oneImport(() => importLibrary(service, state, p)));

  // A configured library changed on disk: imported again; what happened goes to the log.
  const librarySync = new LibrarySync(async (uri) => {
    const result = await oneImport(() => importLibrary(service, state, { uri })).catch((e: unknown) => ({
      ok: false,
      message: `Library import failed: ${(e as Error).message}`,
      report: [],
    }));
    connection.console.info([result.message, ...result.report].join('\n'));
    if (!result.ok) void connection.window.showWarningMessage(result.message);
  });

  connection.onRequest(CheckAllRequest, async () => {
    await indexing;
    return publisher.checkAll();
  });

  connection.onRequest(SearchPassagesRequest, ({ query, limit }) => {
    active();
    return {
      ready: service.passages.ready,
      items: service.passages.search(query, Math.min(limit ?? 30, 100)).map((r) => ({
        target: r.target,
        title: r.title,
        heading: r.heading,
        sentence: r.sentence,
        uri: r.uri,
        line: r.range.start.line,
      })),
    };
  });

  connection.onRequest(SourcesRequest, async ({ uri }) => {
    await indexing;
    return sourcesTree(state, uri ? openDoc(uri) : undefined);
  });

  connection.onRequest(DocumentTextRequest, ({ uri }) => openDoc(uri)?.getText() ?? null);

  connection.onRequest(DraftParsesRequest, ({ uri }) => service.drafts.parses.get(canonicalUri(uri)) ?? 0);
  connection.onRequest(LongestTaskRequest, () => longestTask());

  connection.onRequest(ReindexRequest, async () => {
    await reindex();
    return status();
  });

  connection.onShutdown(async () => {
    searchBuilder.dispose();
    librarySync.dispose();
    await state.flush();
  });

  documents.listen(connection);
  connection.listen();
}

/** The folder the VS Code client passes for the persistent index (`initializationOptions.storagePath`). */
function storagePathOf(options: unknown): string | undefined {
  const path = (options as { storagePath?: unknown } | undefined)?.storagePath;
  return typeof path === 'string' && path ? path : undefined;
}

declare const SOURCE_ANCHORS_VERSION: string | undefined;
