/**
 * A reference library's entries: a BibTeX / BibLaTeX file (`.bib`, as Better BibTeX, JabRef and
 * hand-kept files write it), CSL-JSON (`.json`, Zotero's and Better BibTeX's export) or CSL-YAML
 * (`.yaml`, `.yml`: a list of items, or `references:` as Pandoc reads it). Each entry is a CSL-JSON
 * item with its citation key and the attachments its `file` field names.
 *
 * BibTeX is read by Citation.js (`@citation-js/plugin-bibtex`: BibLaTeX fields, `@string`
 * macros, LaTeX accents and commands decoded, `{World Bank}` one name). A file it cannot read
 * whole is read entry by entry (split before each line that starts with `@`), so one broken entry
 * is reported and the others still come in.
 *
 * Example: `@article{lan2022, author = {{兰江} and 杨秀琴}, pages = {47--66}, file = {a.pdf}}` →
 * `{ key: 'lan2022', item: { author: [{ family: '兰江' }, { family: '杨秀琴' }], page: '47-66', … },
 * files: ['a.pdf'] }`.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { parseDocument } from 'yaml';
import { isDocumentId } from '../import/naming.js';
import { attachmentPaths } from './bibtexFile.js';
import type { Library, LibraryEntry, LibraryFormat } from './libraryFormat.js';

export type { Library, LibraryEntry };

/** Why a citation key cannot be a document id ({@link isDocumentId}), or undefined when it can. */
export function keyProblem(key: string): string | undefined {
  if (!key) return 'it has no citation key';
  if (!isDocumentId(key))
    return `its key '${key}' is not a document id (letters, digits, _, then also - . :; not p1, p2, …)`;
  return undefined;
}

/** Reads a library file's text. Never throws: an unreadable file is a message. */
export function readLibrary(
  format: LibraryFormat,
  text: string,
): { ok: true; library: Library } | { ok: false; message: string } {
  try {
    const raw = format === 'bibtex' ? readBibtex(text) : readCsl(format, text);
    if (typeof raw === 'string') return { ok: false, message: raw };
    return { ok: true, library: checked(raw) };
  } catch (e) {
    return { ok: false, message: (e as Error).message.split('\n')[0] ?? 'unreadable' };
  }
}

interface RawLibrary {
  entries: LibraryEntry[];
  problems: string[];
}

/** Entries without a usable key or with a key seen before are left out and reported. */
function checked(raw: RawLibrary): Library {
  const seen = new Set<string>();
  const entries: LibraryEntry[] = [];
  const problems = [...raw.problems];
  raw.entries.forEach((e, i) => {
    const problem = keyProblem(e.key);
    const title = typeof e.item['title'] === 'string' ? ` ('${e.item['title'].slice(0, 40)}')` : '';
    if (problem) problems.push(`entry ${i + 1}${title} left out: ${problem}`);
    else if (seen.has(e.key))
      problems.push(`entry ${i + 1}${title} left out: the key '${e.key}' is used twice`);
    else {
      seen.add(e.key);
      entries.push(e);
    }
  });
  return { entries, problems };
}

/** Citation.js's options: one target, no graph of the steps taken. */
const chainTo = (target: string) =>
  ({ target, generateGraph: false }) as Parameters<typeof plugins.input.chain>[1];

function readBibtex(text: string): RawLibrary | string {
  try {
    const entries = bibtexEntries(text);
    return entries.length ? { entries, problems: [] } : 'no BibTeX entries in it';
  } catch {
    // Entry by entry: `@string` macros go before each one.
    const chunks = splitEntries(text);
    const macros = chunks
      .filter((c) => /^@string\s*[{(]/i.test(c.text))
      .map((c) => c.text)
      .join('\n');
    const entries: LibraryEntry[] = [];
    const problems: string[] = [];
    for (const chunk of chunks) {
      if (/^@(?:string|comment|preamble)\s*[{(]/i.test(chunk.text)) continue;
      try {
        entries.push(...bibtexEntries(`${macros}\n${chunk.text}`));
      } catch (e) {
        const head = /^@\w+\s*[{(]\s*([^,\s]*)/.exec(chunk.text)?.[1];
        const why = ((e as Error).message.split('\n')[0] ?? '').trim();
        problems.push(`the entry at line ${chunk.line}${head ? ` ('${head}')` : ''} cannot be read: ${why}`);
      }
    }
    if (!entries.length && !problems.length) return 'no BibTeX entries in it';
    return { entries, problems };
  }
}

/** The text cut before each line that starts with `@`, with the line each piece starts on (1-based). */
function splitEntries(text: string): { text: string; line: number }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: { text: string; line: number }[] = [];
  lines.forEach((l, i) => {
    if (l.startsWith('@')) out.push({ text: l, line: i + 1 });
    else if (out.length) out[out.length - 1]!.text += `\n${l}`;
  });
  return out;
}

function bibtexEntries(text: string): LibraryEntry[] {
  if (!/@\s*\w+\s*[{(]/.test(text)) return [];
  const items = plugins.input.chain(text, chainTo('@csl/list+object')) as unknown as Record<
    string,
    unknown
  >[];
  const raw = plugins.input.chain(text, chainTo('@biblatex/entries+list')) as unknown as {
    label: string;
    properties: Record<string, unknown>;
  }[];
  return items.map((item, i) => {
    const key = String(item['citation-key'] ?? raw[i]?.label ?? item['id'] ?? '');
    const file = raw[i]?.label === key ? raw[i]?.properties['file'] : undefined;
    return { key, item: withoutIds(item), files: typeof file === 'string' ? attachmentPaths(file) : [] };
  });
}

function readCsl(format: LibraryFormat, text: string): RawLibrary | string {
  let data: unknown;
  if (format === 'csl-json') {
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return `not JSON: ${(e as Error).message}`;
    }
  } else {
    const doc = parseDocument(text.replace(/^\uFEFF/, ''));
    if (doc.errors.length) return `not YAML: ${doc.errors[0]!.message.split('\n')[0]}`;
    data = doc.toJS({ maxAliasCount: 50 });
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'references' in data)
    data = (data as { references: unknown }).references;
  if (data && typeof data === 'object' && !Array.isArray(data) && 'items' in data)
    data = (data as { items: unknown }).items;
  if (!Array.isArray(data)) return 'not a CSL list of items (expected a list of entries)';
  const entries: LibraryEntry[] = [];
  const problems: string[] = [];
  data.forEach((item: unknown, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`entry ${i + 1} left out: not a CSL item`);
      return;
    }
    const record = item as Record<string, unknown>;
    const key = record['citation-key'] ?? record['citationKey'] ?? record['id'];
    entries.push({
      key: typeof key === 'string' || typeof key === 'number' ? String(key) : '',
      item: withoutIds(record),
      files: [],
    });
  });
  return { entries, problems };
}

/** The item without its ids (the document id replaces them) and without Citation.js's private fields. */
function withoutIds(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item))
    if (k !== 'id' && k !== 'citation-key' && k !== 'citationKey' && !k.startsWith('_')) out[k] = v;
  return out;
}
