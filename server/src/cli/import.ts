/**
 * `source-anchors import FILE... [--into corpus/] [--id ID] [--dry-run]`: turns originals (plain
 * text, web pages, …) into corpus documents `corpus/NNN-slug.md` and says what it found and what it dropped.
 * All or nothing: when one input is refused, nothing is written (exit 1); files are written under
 * temporary names and renamed only when all are complete.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { DROP_REASONS, type DropReason, type ImportedDoc } from '../engine/import/importedDoc.js';
import { documentFileName, nextFreeId, takenIds } from '../engine/import/naming.js';
import { summarize, toMarkdown } from '../engine/import/toMarkdown.js';
import { importFile } from '../node/importFile.js';
import { writeAllAtomically } from '../node/writeFiles.js';
import type { CliIo } from './run.js';

/** Larger originals are refused before they are read: 100 MB. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface ImportOptions {
  cwd: string;
  files: string[];
  into: string;
  id: string | undefined;
  dryRun: boolean;
}

/** Exit codes: 0 imported (or, with --dry-run, would be), 1 an input refused, 2 usage error. */
export async function runImport(options: ImportOptions, io: CliIo): Promise<number> {
  const into = resolve(options.cwd, options.into);
  const taken = takenIds(await readdir(into).catch(() => []));
  if (options.id !== undefined && taken.has(options.id)) {
    io.stderr.write(
      `source-anchors: document id '${options.id}' is taken in ${options.into}; nothing written\n`,
    );
    return 1;
  }
  const planned: { input: string; path: string; id: string; doc: ImportedDoc; markdown: string }[] = [];
  const refused: string[] = [];
  for (const file of options.files) {
    const path = resolve(options.cwd, file);
    const problem = await readProblem(path, file);
    if (problem) {
      refused.push(problem);
      continue;
    }
    const bytes = await readFile(path);
    const outcome = await importFile(basename(path), bytes);
    if (!outcome.ok) {
      refused.push(outcome.message);
      continue;
    }
    const id = options.id ?? nextFreeId(taken);
    if (id === undefined) {
      refused.push(`no free document id left in ${options.into}`);
      continue;
    }
    taken.add(id);
    const target = join(into, documentFileName(id, outcome.doc.meta.title, basename(path)));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const markdown = toMarkdown(outcome.doc, id, { file: basename(path), sha256 });
    planned.push({ input: file, path: target, id, doc: outcome.doc, markdown });
  }
  for (const p of planned)
    io.stdout.write(describe(p.input, relative(options.cwd, p.path), p.id, p.doc, options.dryRun));
  if (refused.length) {
    for (const r of refused) io.stderr.write(`source-anchors: ${r}\n`);
    io.stderr.write(
      `source-anchors: nothing written (${refused.length} of ${options.files.length} refused)\n`,
    );
    return 1;
  }
  if (options.dryRun) return 0;
  await mkdir(into, { recursive: true });
  await writeAllAtomically(planned.map((p) => [p.path, p.markdown] as const));
  return 0;
}

/** Why a path cannot be imported before reading it: missing, a folder, too large. */
async function readProblem(path: string, shown: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return `cannot import '${shown}': no such file`;
  if (!s.isFile()) return `cannot import '${shown}': not a file`;
  if (s.size > MAX_IMPORT_BYTES)
    return `cannot import '${shown}': it is ${Math.round(s.size / 1024 / 1024)} MB, over the ${MAX_IMPORT_BYTES / 1024 / 1024} MB an original may have`;
  if (s.size === 0) return `cannot import '${shown}': the file is empty`;
  return undefined;
}

/** `paper.txt → corpus/005-….md (005)`, what was found, what was dropped. */
export function describe(
  input: string,
  output: string,
  id: string,
  doc: ImportedDoc,
  dryRun: boolean,
): string {
  const s = summarize(doc);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const found = [
    s.pages ? `pages ${s.pages}` : 'no page numbers',
    plural(s.sections, 'section'),
    plural(s.footnotes, 'footnote'),
    plural(s.paragraphs, 'paragraph'),
  ];
  const lines = [`${input} → ${output} (${id})${dryRun ? ' [dry run: not written]' : ''}`];
  if (doc.meta.title) lines.push(`  title: ${doc.meta.title}`);
  lines.push(`  found: ${found.join(', ')}`);
  const dropped = (Object.keys(DROP_REASONS) as DropReason[]).flatMap((reason) => {
    const d = doc.dropped.get(reason);
    if (!d) return [];
    return [
      d.example
        ? `${d.count} × ${DROP_REASONS[reason]}, e.g. '${d.example}'`
        : `${d.count} ${DROP_REASONS[reason]}`,
    ];
  });
  lines.push(...(dropped.length ? dropped.map((d) => `  dropped: ${d}`) : ['  dropped: nothing']));
  return `${lines.join('\n')}\n`;
}
