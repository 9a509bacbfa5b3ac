/**
 * Which files are reference libraries, by name: `.bib` (BibTeX, BibLaTeX), `.json` (CSL-JSON),
 * `.yaml` / `.yml` (CSL-YAML). Apart from the reader, so the import command can tell a library
 * from an original without loading Citation.js; and the shapes of a library read (`readLibrary.ts`).
 */
export type LibraryFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

export interface LibraryEntry {
  /** The citation key: the document id. */
  key: string;
  /** The entry as a CSL-JSON item. */
  item: Record<string, unknown>;
  /** The attachments' paths as written (absolute or relative to the library file). */
  files: string[];
}

export interface Library {
  entries: LibraryEntry[];
  /** One sentence per entry left out (unreadable, no key, a key used twice, a key that cannot be an id). */
  problems: string[];
}

export const LIBRARY_EXTENSIONS = ['.bib', '.json', '.yaml', '.yml'] as const;

export function libraryFormatOf(fileName: string): LibraryFormat | undefined {
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  if (ext === '.bib') return 'bibtex';
  if (ext === '.json') return 'csl-json';
  if (ext === '.yaml' || ext === '.yml') return 'csl-yaml';
  return undefined;
}
