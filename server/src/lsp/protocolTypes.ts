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

/** `sourceAnchors/exportOptions`: the styles and formats the Export Paper command offers. */
export interface ExportOptionsResult {
  formats: { id: 'docx' | 'html' | 'markdown' | 'pandoc'; label: string; extension: string }[];
  /** Built-in styles: `alias` is what a writer types (`gb-note`). */
  styles: { id: string; alias: string; description: string }[];
  /** The style configured for this draft (`citationStyle`), or the default. */
  configuredStyle: string;
}

/** `sourceAnchors/exportPaper`: write the draft `uri` as a paper to `output` (a file path). */
export interface ExportPaperParams {
  uri: string;
  format: 'docx' | 'html' | 'markdown' | 'pandoc';
  /** A built-in style id or alias, or a .csl path; default: the configured style. */
  style?: string;
  output: string;
  /** Export even when the draft has errors. */
  force?: boolean;
}

export interface ExportPaperResult {
  ok: boolean;
  /** What happened, as a sentence for the writer. */
  message: string;
  /** Files written (the paper, and for Pandoc its references). */
  written: string[];
  /** When refused: the draft's errors, as `line:column message`. */
  errors: string[];
}
