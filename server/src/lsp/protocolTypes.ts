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

/**
 * `sourceAnchors/importSources`: import originals (PDF, web page, Word, text) into the corpus,
 * as `source-anchors import` does: a new document each, or a re-import into the document an
 * original was imported to before.
 */
export interface ImportSourcesParams {
  /** The originals, as file URIs. */
  uris: string[];
  /** Write a re-import even when it breaks citations. */
  force?: boolean;
}

export interface ImportSourcesResult {
  ok: boolean;
  /** What happened, as a sentence for the writer. */
  message: string;
  /** The documents written or already up to date, as file URIs, with their ids. */
  documents: { uri: string; id: string; written: boolean }[];
  /** What each import found and dropped, and a re-import's account, as the CLI prints it. */
  report: string[];
  /** When refused because citations would break: each as `drafts/a.md:4 [[005#p3]]: …`. */
  broken: string[];
}

/**
 * `sourceAnchors/importLibrary`: import a reference library (`.bib`, CSL-JSON `.json`, CSL-YAML)
 * as `source-anchors import library.bib` does: one document per entry, its id the citation key.
 * Answered as an import of originals (`documents`: the entries' documents).
 */
export interface ImportLibraryParams {
  /** The library file, as a file URI. */
  uri: string;
  /** Write the re-import of a changed attachment even when it breaks citations. */
  force?: boolean;
}

/** A 0-based LSP range, spelled out so this file needs no imports. */
export interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * `sourceAnchors/sources` (request, client → server): the Sources view's tree — every corpus
 * document with its sections and anchors, counted in the active draft and in the workspace.
 */
export interface SourcesParams {
  /** The active editor's document: its citations are counted as `here`. */
  uri?: string;
}

export type SourceNodeKind = 'document' | 'heading' | 'block' | 'paragraph' | 'footnote';

export interface SourceNode {
  kind: SourceNodeKind;
  /** What a citation of it says, without brackets: `002` or `002#us-phase3`. */
  target: string;
  /** A document's title, a heading's text, or a paragraph's or footnote's opening words. */
  label: string;
  /** The source file. */
  uri: string;
  /** Where the anchor is (its heading line or paragraph); a document's first line. */
  range: RangeLike;
  /** Citations in the active draft; a document's count includes those of its anchors. */
  here: number;
  /** Citations in every draft of the workspace, counted the same way. */
  workspace: number;
  /** Sections nest by heading level; paragraph numbers and footnotes appear only when cited. */
  children: SourceNode[];
  /** A document without text: metadata only (a library entry imported without its attachment). */
  noText?: true;
}

export interface SourcesResult {
  /** True when `uri` is a draft (or another Markdown file that is not a source): `here` counts it. */
  draft: boolean;
  documents: SourceNode[];
}

/**
 * `sourceAnchors/paperTable` (notification, server → client): a draft's citations as the paper
 * prints them, for the Markdown preview. Sent for every open Markdown file that is not a source,
 * when it opens or changes (debounced), when sources change and when the settings change — only
 * to clients that ask for it with `initializationOptions: { paperTables: true }`.
 */
export interface PaperTableParams {
  /** The draft, as the client named it in didOpen. */
  uri: string;
  /** The document version the table was computed from. */
  version: number;
  style: { title: string; kind: 'note' | 'in-text' };
  locale: string;
  /** Every well-formed citation outside code, in text order (the ones the preview renders). */
  citations: PaperCitation[];
  bibliography: string[];
  /** `参考文献` or `References`. */
  heading: string;
  /** Why the configured style cannot be used; citations then carry no text or note. */
  error?: string;
}

/** One citation of a paper table. Every string is plain text from the corpus: escape it. */
export interface PaperCitation {
  /** Offset of `[[` in the draft, and its line (0-based). */
  offset: number;
  line: number;
  /** `002#us-phase3`, or `002`. */
  target: string;
  label?: string;
  /** How the style prints it: the note's text (note styles) or the in-text form. */
  text?: string;
  /** Note styles: the footnote's number. */
  note?: number;
  /** The source at the anchor, relative to the draft's folder: `../corpus/002.md#L116`. */
  href?: string;
  /** The cited passage, short: a tooltip. */
  preview?: string;
  /** Why the citation does not resolve; absent when it does. */
  broken?: string;
}
