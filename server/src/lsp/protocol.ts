/**
 * Source Anchors' own LSP messages, beside the standard ones. The client uses them for its
 * status bar and commands; any other client may ignore them.
 *
 * - `sourceAnchors/status` (notification, server → client): indexing progress and totals.
 * - `sourceAnchors/checkAll` (request, client → server): publish diagnostics for every draft;
 *   answers a summary.
 * - `sourceAnchors/reindex` (request, client → server): forget and re-read every source and draft.
 * - `sourceAnchors/searchPassages` (request, client → server): passages matching a query, for the
 *   "Insert Citation…" quick pick.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver';

export interface StatusParams {
  state: 'indexing' | 'ready';
  /** While indexing: sources read so far and in all. */
  done?: number;
  total?: number;
  sources: number;
  anchors: number;
  drafts: number;
  /** True once the passage search index is built. */
  searchReady: boolean;
  /** Problems with the configuration (source-anchors.json, settings), as sentences. */
  configErrors: string[];
}

export interface CheckAllResult {
  files: number;
  citations: number;
  errors: number;
  warnings: number;
}

export const StatusNotification = new NotificationType<StatusParams>('sourceAnchors/status');
export const CheckAllRequest = new RequestType0<CheckAllResult, void>('sourceAnchors/checkAll');
export const ReindexRequest = new RequestType0<StatusParams, void>('sourceAnchors/reindex');

export interface SearchPassagesParams {
  query: string;
  limit?: number;
}

export interface PassageItem {
  /** `002#us-phase3` */
  target: string;
  title: string;
  heading: string;
  sentence: string;
  uri: string;
  line: number;
}

export interface SearchPassagesResult {
  /** False while the search index is still being built. */
  ready: boolean;
  items: PassageItem[];
}

export const SearchPassagesRequest = new RequestType<SearchPassagesParams, SearchPassagesResult, void>(
  'sourceAnchors/searchPassages',
);
