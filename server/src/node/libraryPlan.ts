/**
 * What importing a reference library (`library.bib`, `library.json`) will write, decided before
 * anything is written: one document per entry, its id the citation key (`corpus/lan2022.md`),
 * its front matter from the entry (`engine/library/entryFrontMatter.ts`), its body the text of
 * the first attachment that imports (PDF, web page, Word, text, through `importFile`), or none.
 *
 * An entry whose document exists (the same id, written from this library) is re-imported: its
 * front matter's library keys are replaced, the rest kept (`engine/library/libraryDoc.ts`); its
 * body is kept unless the attachment changed (another SHA-256), which goes through the re-import
 * of `engine/import/reimport.ts` so cited anchors keep their ids. Documents of this library whose
 * key is gone from it are reported, never deleted.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseFrontMatter } from '../engine/corpus/frontMatter.js';
import { decodeBytes } from '../engine/corpus/decode.js';
import type { ImportedDoc } from '../engine/import/importedDoc.js';
import { keyFileName, takenIds } from '../engine/import/naming.js';
import { reimport, type Reimport } from '../engine/import/reimport.js';
import type { CitedSite } from '../engine/import/reimportReport.js';
import { toMarkdown } from '../engine/import/toMarkdown.js';
import { entryFrontMatter } from '../engine/library/entryFrontMatter.js';
import { bodyOf, libraryDocument, withLibraryFrontMatter } from '../engine/library/libraryDoc.js';
import { libraryFormatOf } from '../engine/library/libraryFormat.js';
import { readLibrary, type LibraryEntry } from '../engine/library/readLibrary.js';
import { existingDocuments, readProblem, type Existing } from './importPlan.js';
import { importFile } from './importFile.js';
import { fileUri } from './nodeWorkspace.js';
import { writeAllAtomically } from './writeFiles.js';

export interface LibraryPlanOptions {
  /** The library file (absolute), and how to name it in messages. */
  library: { path: string; shown: string };
  /** The corpus folder (absolute). */
  into: string;
  /** The drafts' citations of document `docId` (called only when an attachment is re-imported). */
  citationsOf: (docId: string) => Promise<CitedSite[]>;
}

/** What became of an entry's attachments. */
export interface AttachmentNote {
  /** The path as the library writes it. */
  file: string;
  outcome: 'imported' | 're-imported' | 'unchanged' | 'missing' | 'refused' | 'not tried';
  /** Why it was refused, or the file's problem. */
  message?: string;
}

export interface PlannedEntry {
  key: string;
  /** Where the document is written (absolute). */
  path: string;
  state: 'new' | 'updated' | 'unchanged';
  markdown: string;
  title?: string;
  /** The imported attachment's conversion, when one was imported now. */
  doc?: ImportedDoc;
  /** The document has a body (from this or an earlier import). */
  hasText: boolean;
  attachments: AttachmentNote[];
  /** Set when a changed attachment was re-imported into the document. */
  reimport?: { result: Reimport; cited: Set<string>; sites: CitedSite[] };
}

export type LibraryPlan =
  | { ok: false; message: string }
  | {
      ok: true;
      entries: PlannedEntry[];
      /** Entries left out, one sentence each. */
      problems: string[];
      /** Documents from this library whose keys are gone from it: kept, reported. */
      removed: { id: string; path: string }[];
    };

export async function planLibrary(options: LibraryPlanOptions): Promise<LibraryPlan> {
  const { path, shown } = options.library;
  const format = libraryFormatOf(path);
  if (!format)
    return { ok: false, message: `cannot import '${shown}' as a library: not .bib, .json, .yaml or .yml` };
  const problem = await readProblem(path, shown);
  if (problem) return { ok: false, message: problem };
  const decoded = decodeBytes(await readFile(path));
  if (!decoded.ok) return { ok: false, message: `cannot read '${shown}' as text: ${decoded.reason}` };
  const read = readLibrary(format, decoded.text);
  if (!read.ok) return { ok: false, message: `cannot read '${shown}' as a library: ${read.message}` };
  const libraryName = basename(path);
  // Each document's front matter is read once (a YAML parse costs about a millisecond).
  const existing: Known[] = (await existingDocuments(options.into)).map(known);
  const byId = new Map(existing.map((e) => [e.id, e]));
  const entries: PlannedEntry[] = [];
  const problems = [...read.library.problems];
  // File names in use, compared without case (a case-insensitive disk has one `smith2020.md`).
  const names = await readdir(options.into).catch(() => [] as string[]);
  const taken = new Map(names.map((n) => [n.toLowerCase(), n]));
  const otherIds = takenIds(names.filter((n) => !/\.(?:md|markdown)$/i.test(n)));
  for (const entry of read.library.entries) {
    const old = byId.get(entry.key);
    if (old && old.library !== libraryName) {
      problems.push(
        `'${entry.key}' left out: the document ${basename(old.path)} has that id and was not imported from ${libraryName}`,
      );
      continue;
    }
    const fileName = keyFileName(entry.key);
    const clash = old
      ? undefined
      : (taken.get(fileName.toLowerCase()) ?? (otherIds.has(entry.key) ? entry.key : undefined));
    if (clash) {
      problems.push(
        `'${entry.key}' left out: ${clash} is already in the corpus folder and is not its document`,
      );
      continue;
    }
    if (!old) taken.set(fileName.toLowerCase(), fileName);
    entries.push(await planEntry(entry, libraryName, dirname(path), options, old));
  }
  const keys = new Set(read.library.entries.map((e) => e.key));
  const removed = existing
    .filter((e) => e.library === libraryName && !keys.has(e.id))
    .map((e) => ({ id: e.id, path: e.path }));
  return { ok: true, entries, problems, removed };
}

/** Writes every new or changed document, all or nothing. Returns the paths written. */
export async function writeLibraryPlan(into: string, entries: readonly PlannedEntry[]): Promise<string[]> {
  const files = entries.filter((e) => e.state !== 'unchanged').map((e) => [e.path, e.markdown] as const);
  await mkdir(into, { recursive: true });
  await writeAllAtomically(files);
  return files.map(([p]) => p);
}

async function planEntry(
  entry: LibraryEntry,
  libraryName: string,
  libraryDir: string,
  options: LibraryPlanOptions,
  old: Known | undefined,
): Promise<PlannedEntry> {
  const frontMatter = entryFrontMatter(entry.key, entry.item, libraryName);
  const title = /^title: (".*")$/m.exec(frontMatter.join('\n'))?.[1];
  const oldOriginal = old?.original;
  const attachments: AttachmentNote[] = [];
  let found: { doc: ImportedDoc; original: { file: string; sha256: string } } | undefined;
  let unchangedAttachment = false;
  for (const file of entry.files) {
    if (found || unchangedAttachment) {
      attachments.push({ file, outcome: 'not tried', message: 'an attachment before it was imported' });
      continue;
    }
    const full = isAbsolute(file) ? file : resolve(libraryDir, file);
    const problem = await readProblem(full, file);
    if (problem) {
      attachments.push({ file, outcome: 'missing', message: problem });
      continue;
    }
    const bytes = await readFile(full);
    const original = { file: basename(full), sha256: createHash('sha256').update(bytes).digest('hex') };
    if (oldOriginal && oldOriginal.file === original.file && oldOriginal.sha256 === original.sha256) {
      attachments.push({ file, outcome: 'unchanged' });
      unchangedAttachment = true;
      continue;
    }
    const outcome = await importFile(basename(full), bytes).catch(
      (e: unknown) => ({ ok: false, message: `cannot import '${file}': ${(e as Error).message}` }) as const,
    );
    if (!outcome.ok) {
      attachments.push({ file, outcome: 'refused', message: outcome.message });
      continue;
    }
    found = { doc: outcome.doc, original };
    attachments.push({ file, outcome: old?.hasText ? 're-imported' : 'imported' });
  }
  const target = old?.path ?? join(options.into, keyFileName(entry.key));
  const base = {
    key: entry.key,
    path: target,
    attachments,
    ...(title ? { title: JSON.parse(title) as string } : {}),
  };
  if (!old) {
    const withOriginal = entryFrontMatter(entry.key, entry.item, libraryName, found?.original);
    const body = found ? bodyOf(toMarkdown(found.doc, entry.key, found.original)) : '';
    return {
      ...base,
      state: 'new',
      markdown: libraryDocument(withOriginal, body),
      hasText: body.trim() !== '',
      ...(found ? { doc: found.doc } : {}),
    };
  }
  let text = old.text;
  let reimported: PlannedEntry['reimport'];
  if (found) {
    const converted = toMarkdown(found.doc, entry.key, found.original);
    if (old.hasText) {
      const sites = await options.citationsOf(entry.key);
      const cited = new Set(sites.map((s) => s.anchor).filter((a) => a));
      const result = reimport(fileUri(old.path), old.text, converted, found.original, cited);
      text = result.markdown;
      reimported = { result, cited, sites };
    } else {
      // A metadata-only document gets its first text: nothing in it to carry.
      text = libraryDocument(
        frontMatterLines(old.text).concat(originalLines(found.original)),
        bodyOf(converted),
      );
    }
  }
  const markdown = withLibraryFrontMatter(text, frontMatter);
  return {
    ...base,
    state: markdown === old.text ? 'unchanged' : 'updated',
    markdown,
    hasText: found ? true : old.hasText,
    ...(found ? { doc: found.doc } : {}),
    ...(reimported ? { reimport: reimported } : {}),
  };
}

/** An existing document with what its front matter says about the library and the attachment. */
interface Known extends Existing {
  /** The library it was imported from (`library:`). */
  library?: string;
  original?: { file: string; sha256: string };
  hasText: boolean;
}

function known(e: Existing): Known {
  const fm = parseFrontMatter(e.text);
  const library = fm.data['library'];
  const o = fm.data['original'];
  const { file, sha256 } = (o && typeof o === 'object' ? o : {}) as Record<string, unknown>;
  return {
    ...e,
    ...(typeof library === 'string' ? { library } : {}),
    ...(typeof file === 'string' && typeof sha256 === 'string' ? { original: { file, sha256 } } : {}),
    hasText: e.text.slice(fm.bodyStartOffset).trim() !== '',
  };
}

/** The front matter's lines without the `---` around them and without `original`. */
function frontMatterLines(text: string): string[] {
  const fm = parseFrontMatter(text);
  const lines = text.slice(0, fm.bodyStartOffset).split(/\r\n|\r|\n/);
  const inner = lines.slice(1, lines.indexOf('---', 1) === -1 ? -1 : lines.indexOf('---', 1));
  const out: string[] = [];
  let dropping = false;
  for (const l of inner) {
    if (/^\S/.test(l)) dropping = /^original\s*:/.test(l);
    if (!dropping) out.push(l);
  }
  return out;
}

function originalLines(o: { file: string; sha256: string }): string[] {
  return ['original:', `  file: ${JSON.stringify(o.file)}`, `  sha256: ${JSON.stringify(o.sha256)}`];
}
