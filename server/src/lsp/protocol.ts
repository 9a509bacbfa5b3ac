/**
 * Source Anchors' own LSP messages, beside the standard ones. The client uses them for its
 * status bar and commands; any other client may ignore them.
 *
 * - `sourceAnchors/status` (notification, server → client): indexing progress and totals.
 * - `sourceAnchors/checkAll` (request, client → server): publish diagnostics for every draft;
 *   answers a summary.
 * - `sourceAnchors/reindex` (request, client → server): forget and re-read every source and draft.
 */
import { NotificationType, RequestType0 } from 'vscode-languageserver';

export interface StatusParams {
  state: 'indexing' | 'ready';
  /** While indexing: sources read so far and in all. */
  done?: number;
  total?: number;
  sources: number;
  anchors: number;
  drafts: number;
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
