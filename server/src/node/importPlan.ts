/**
 * What an import will write, decided before anything is written: each original read and
 * converted, given its document (a new `NNN-slug.md`, or the existing document it was imported
 * to before, which it then re-imports), and each re-import checked against the citations of the
 * drafts. `source-anchors import` and the editor's Add Source both plan with this, then write
 * with {@link writePlan}.
 *
 * The existing document an original goes to: the one `--id` names, else the one whose front
 * matter `original.file` is the original's file name (so importing `paper.pdf` again after it
 * changed updates `005-….md` and keeps its cited anchors).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseFrontMatter } from '../engine/corpus/frontMatter.js';
import { idFromFileName } from '../engine/corpus/parseSource.js';
import type { ImportedDoc } from '../engine/import/importedDoc.js';
import { documentFileName, nextFreeId } from '../engine/import/naming.js';
import { reimport, type Reimport } from '../engine/import/reimport.js';
import type { CitedSite } from '../engine/import/reimportReport.js';
import { toMarkdown } from '../engine/import/toMarkdown.js';
import { importFile } from './importFile.js';
import { fileUri } from './nodeWorkspace.js';
import { writeAllAtomically } from './writeFiles.js';

/** Larger originals are refused before they are read: 100 MB. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface PlanOptions {
  /** The originals: absolute paths, and how to name each in messages. */
  files: { path: string; shown: string }[];
  /** The corpus folder to write to (absolute). */
  into: string;
  /** The document id for the one original, new or existing. */
  id: string | undefined;
  /** The drafts' citations of document `docId` (called only for re-imports). */
  citationsOf: (docId: string) => Promise<CitedSite[]>;
}

export interface PlannedImport {
  /** The original as named in messages. */
  input: string;
  /** Where the document is written (absolute). */
  path: string;
  id: string;
  doc: ImportedDoc;
  markdown: string;
  /** Set when the original goes into an existing document. */
  reimport?: {
    result: Reimport;
    /** The document's text is what it was: nothing to write. */
    unchanged: boolean;
    /** The anchors of this document that drafts cite. */
    cited: Set<string>;
    sites: CitedSite[];
  };
}

export interface ImportPlan {
  planned: PlannedImport[];
  /** One sentence per original refused. */
  refused: string[];
}

export interface Existing {
  path: string;
  id: string;
  originalFile?: string;
  text: string;
}

export async function planImports(options: PlanOptions): Promise<ImportPlan> {
  const existing = await existingDocuments(options.into);
  const taken = new Set(existing.map((e) => e.id));
  for (const name of await readdir(options.into).catch(() => [] as string[]))
    if (/\.(?:md|markdown|txt)$/i.test(name)) taken.add(idFromFileName(name));
  const planned: PlannedImport[] = [];
  const refused: string[] = [];
  for (const { path, shown } of options.files) {
    const problem = await readProblem(path, shown);
    if (problem) {
      refused.push(problem);
      continue;
    }
    const bytes = await readFile(path);
    const outcome = await importFile(basename(path), bytes).catch(
      (e: unknown) => ({ ok: false, message: `cannot import '${shown}': ${(e as Error).message}` }) as const,
    );
    if (!outcome.ok) {
      refused.push(outcome.message);
      continue;
    }
    const original = { file: basename(path), sha256: createHash('sha256').update(bytes).digest('hex') };
    const target =
      options.id !== undefined
        ? existing.find((e) => e.id === options.id)
        : existing.find((e) => e.originalFile === original.file);
    if (target) {
      const converted = toMarkdown(outcome.doc, target.id, original);
      const sites = await options.citationsOf(target.id);
      const cited = new Set(sites.map((s) => s.anchor).filter((a) => a));
      const result = reimport(fileUri(target.path), target.text, converted, original, cited);
      planned.push({
        input: shown,
        path: target.path,
        id: target.id,
        doc: outcome.doc,
        markdown: result.markdown,
        reimport: { result, unchanged: result.markdown === target.text, cited, sites },
      });
      continue;
    }
    if (options.id !== undefined && taken.has(options.id)) {
      refused.push(`document id '${options.id}' is taken by a file that is not Markdown`);
      continue;
    }
    const id = options.id ?? nextFreeId(taken);
    if (id === undefined) {
      refused.push('no free document id left');
      continue;
    }
    taken.add(id);
    const file = join(options.into, documentFileName(id, outcome.doc.meta.title, basename(path)));
    planned.push({
      input: shown,
      path: file,
      id,
      doc: outcome.doc,
      markdown: toMarkdown(outcome.doc, id, original),
    });
  }
  return { planned, refused };
}

/** Writes every planned document that changed, all or nothing. Returns the paths written. */
export async function writePlan(into: string, planned: readonly PlannedImport[]): Promise<string[]> {
  const files = planned.filter((p) => !p.reimport?.unchanged).map((p) => [p.path, p.markdown] as const);
  await mkdir(into, { recursive: true });
  await writeAllAtomically(files);
  return files.map(([path]) => path);
}

/** The Markdown documents of the corpus folder, with their ids and originals. */
export async function existingDocuments(into: string): Promise<Existing[]> {
  const names = (await readdir(into).catch(() => [] as string[]))
    .filter((n) => /\.(?:md|markdown)$/i.test(n))
    .sort();
  const out: Existing[] = [];
  for (const name of names) {
    const path = join(into, name);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const data = parseFrontMatter(text).data;
    const id = typeof data['id'] === 'string' && data['id'] ? data['id'] : idFromFileName(name);
    const original = data['original'];
    const originalFile =
      typeof original === 'string'
        ? original
        : original &&
            typeof original === 'object' &&
            typeof (original as { file?: unknown }).file === 'string'
          ? (original as { file: string }).file
          : undefined;
    out.push({ path, id, text, ...(originalFile !== undefined ? { originalFile } : {}) });
  }
  return out;
}

/** Why a path cannot be imported before reading it: missing, a folder, too large, empty. */
export async function readProblem(path: string, shown: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return `cannot import '${shown}': no such file`;
  if (!s.isFile()) return `cannot import '${shown}': not a file`;
  if (s.size > MAX_IMPORT_BYTES)
    return `cannot import '${shown}': it is ${Math.round(s.size / 1024 / 1024)} MB, over the ${MAX_IMPORT_BYTES / 1024 / 1024} MB an original may have`;
  if (s.size === 0) return `cannot import '${shown}': the file is empty`;
  return undefined;
}
