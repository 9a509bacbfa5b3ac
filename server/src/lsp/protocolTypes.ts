/**
 * The shapes of Source Anchors' own LSP messages (see protocol.ts). Types only, no imports: the
 * VS Code client imports them too, so both ends agree.
 */

/** `sourceAnchors/status` (notification, server → client): indexing progress and totals. */
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

/** The answer to `sourceAnchors/checkAll`. */
export interface CheckAllResult {
  files: number;
  citations: number;
  errors: number;
  warnings: number;
}

export interface SearchPassagesParams {
  query: string;
  limit?: number;
}

export interface PassageItem {
  /** The citation to insert, without brackets: `002#us-phase3`. */
  target: string;
  title: string;
  heading: string;
  sentence: string;
  uri: string;
  /** The passage's first line (0-based). */
  line: number;
}

export interface SearchPassagesResult {
  /** False while the search index is still being built. */
  ready: boolean;
  items: PassageItem[];
}
