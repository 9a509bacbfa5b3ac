/**
 * Source Anchors' own LSP messages, beside the standard ones. The client uses them for its
 * status bar and commands; any other client may ignore them. Their shapes are in protocolTypes.ts.
 *
 * - `sourceAnchors/status` (notification, server → client): indexing progress and totals.
 * - `sourceAnchors/checkAll` (request, client → server): publish diagnostics for every draft;
 *   answers a summary.
 * - `sourceAnchors/reindex` (request, client → server): forget and re-read every source and draft.
 * - `sourceAnchors/searchPassages` (request, client → server): passages matching a query, for the
 *   "Insert Citation…" quick pick.
 * - `sourceAnchors/exportOptions` (request): the formats and styles Export Paper offers.
 * - `sourceAnchors/exportPaper` (request): check a draft and write it as a paper.
 * - `sourceAnchors/importSources` (request): import originals into the corpus (Add Source…).
 * - `sourceAnchors/importLibrary` (request): import a reference library (.bib, CSL-JSON) into the
 *   corpus (Import Library…); libraries named by the `library` setting are imported by the server
 *   itself when they change.
 * - `sourceAnchors/sources` (request, client → server): every source with its sections and anchors
 *   and how often the active draft and the workspace cite each, for the Sources view.
 * - `sourceAnchors/paperTable` (notification, server → client): a draft's citations as the paper
 *   prints them, for the Markdown preview (to clients that ask with `initializationOptions.paperTables`).
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver';
import type {
  CheckAllResult,
  ExportOptionsResult,
  ExportPaperParams,
  ExportPaperResult,
  ImportLibraryParams,
  ImportSourcesParams,
  ImportSourcesResult,
  PaperTableParams,
  SearchPassagesParams,
  SearchPassagesResult,
  SourcesParams,
  SourcesResult,
  StatusParams,
} from './protocolTypes.js';

export type * from './protocolTypes.js';

export const StatusNotification = new NotificationType<StatusParams>('sourceAnchors/status');
export const CheckAllRequest = new RequestType0<CheckAllResult, void>('sourceAnchors/checkAll');
export const ReindexRequest = new RequestType0<StatusParams, void>('sourceAnchors/reindex');
/** The server's text of an open document (null when it is not open): for tests and bug reports. */
export const DocumentTextRequest = new RequestType<{ uri: string }, string | null, void>(
  'sourceAnchors/documentText',
);
/**
 * How many times the server has parsed the open draft `uri` (whole or incrementally): for tests,
 * which hold that a version superseded before anything asked for it is never parsed.
 */
export const DraftParsesRequest = new RequestType<{ uri: string }, number, void>('sourceAnchors/draftParses');
/**
 * The longest the server's event loop was held at once (ms) since the last such request — how
 * long a request could have waited behind one piece of work — for the benchmarks: the first
 * request starts the measure (Node's `monitorEventLoopDelay`, 1 ms resolution) and answers 0.
 */
export const LongestTaskRequest = new RequestType0<number, void>('sourceAnchors/longestTask');
export const SearchPassagesRequest = new RequestType<SearchPassagesParams, SearchPassagesResult, void>(
  'sourceAnchors/searchPassages',
);
export const ExportOptionsRequest = new RequestType<{ uri: string }, ExportOptionsResult, void>(
  'sourceAnchors/exportOptions',
);
export const ExportPaperRequest = new RequestType<ExportPaperParams, ExportPaperResult, void>(
  'sourceAnchors/exportPaper',
);
export const ImportSourcesRequest = new RequestType<ImportSourcesParams, ImportSourcesResult, void>(
  'sourceAnchors/importSources',
);
export const ImportLibraryRequest = new RequestType<ImportLibraryParams, ImportSourcesResult, void>(
  'sourceAnchors/importLibrary',
);
export const SourcesRequest = new RequestType<SourcesParams, SourcesResult, void>('sourceAnchors/sources');
export const PaperTableNotification = new NotificationType<PaperTableParams>('sourceAnchors/paperTable');
