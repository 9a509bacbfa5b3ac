/**
 * What an importer makes of an original (a text file, a web page, a Word file, a PDF): blocks of
 * Markdown and the bibliographic data it found, plus an account of what it dropped. `toMarkdown.ts`
 * writes it as a corpus document; the CLI prints the account.
 */

export interface ImportedBlock {
  /** `markdown`: a block already in Markdown (a list, a quote, a table), written as it is. */
  kind: 'heading' | 'paragraph' | 'footnote' | 'markdown';
  /** Markdown inline text, already escaped; may hold `[^53a]` references and `<!-- page 54 -->` marks. */
  text: string;
  /** Heading level (1–6). */
  level?: number;
  /**
   * A heading's stable id (`s2-3` for `（三）` under `二、`), written as `{#s2-3}`; a paragraph's
   * block id (`ref-12` for the twelfth entry of a reference list), written as ` ^ref-12` after it.
   */
  id?: string;
  /** A footnote's label (`53a`), written as `[^53a]: text`. */
  label?: string;
  /**
   * A page begins at this block: `<!-- page N -->` is written on a line of its own before it. A
   * string is a roman folio of front matter (`iv`), which the engine reads as no page.
   */
  pageBefore?: number | string;
}

export interface ImportMeta {
  title?: string;
  authors: string[];
  date?: string;
  container?: string;
  /** The original's page range (`47-66`), when its pages are known. */
  pages?: string;
  url?: string;
  language?: string;
}

/** Why lines or elements were left out. */
export type DropReason =
  | 'garbage'
  | 'page-number'
  | 'running-head'
  | 'empty-image'
  | 'unmatched-footnote-marker'
  | 'page-chrome'
  | 'image';

/** What a PDF's layout showed, for the import report (`importReport.ts`). */
export interface LayoutFindings {
  /** Columns side by side at most, per page (by PDF page index). */
  columns: number[];
  /** Each page's number as its page marks give it (by PDF page index). */
  pageNumbers: (number | string | undefined)[];
  /** Numbers of the pages whose layout was doubtful. */
  doubtful: (number | string)[];
  /** Footnotes and endnotes linked to a marker in the text, and those left without one. */
  footnotes: number;
  unlinked: number;
  /** Entries of reference lists, each a block `ref-N`. */
  references: number;
  /** Figure and table captions, each a block `fig-N` / `tab-N`. */
  captions: number;
}

export interface ImportedDoc {
  meta: ImportMeta;
  blocks: ImportedBlock[];
  /** How many of each were dropped, with the first one as an example. */
  dropped: Map<DropReason, { count: number; example: string }>;
  /** What the writer should look at (a page left out, and why), printed after what was dropped. */
  warnings?: string[];
  /** A PDF's layout, as found (other importers leave it out). */
  layout?: LayoutFindings;
}

export type ImportOutcome = { ok: true; doc: ImportedDoc } | { ok: false; message: string };

/** Counts one dropped line or element. */
export function drop(doc: Pick<ImportedDoc, 'dropped'>, reason: DropReason, example: string): void {
  const entry = doc.dropped.get(reason);
  if (entry) entry.count++;
  else doc.dropped.set(reason, { count: 1, example: example.trim().slice(0, 40) });
}

/** What the CLI calls each reason, in the order it lists them. */
export const DROP_REASONS: Record<DropReason, string> = {
  garbage: 'unreadable line (U+FFFD / Latin-1 residue of a figure)',
  'page-number': 'page number',
  'running-head': 'running head',
  'empty-image': 'empty image',
  'unmatched-footnote-marker': 'footnote whose marker is not in the text (kept at the end)',
  'page-chrome': 'characters of page text outside the article (navigation, ads, comments)',
  image: 'image (never loaded)',
};
