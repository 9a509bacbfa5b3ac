/**
 * `source-anchors import FILE... [--into corpus/] [--id ID] [--dry-run]`: turns originals (plain
 * text, web pages, …) into corpus documents `corpus/NNN-slug.md` and says what it found and what it dropped.
 * All or nothing: when one input is refused, nothing is written (exit 1); files are written under
 * temporary names and renamed only when all are complete.
 */
import { relative, resolve } from 'node:path';
import { parseDraft } from '../engine/drafts/parseDraft.js';
import { describe } from '../engine/import/importReport.js';
import {
  brokenCitations,
  citationsOf,
  reimportLines,
  unlikeSource,
} from '../engine/import/reimportReport.js';
import { readText } from '../engine/index/loadSources.js';
import { discoverFiles } from '../engine/discover.js';
import { libraryFormatOf } from '../engine/library/libraryFormat.js';
import { planImports, writePlan } from '../node/importPlan.js';
import { fileUri, NodeWorkspace } from '../node/nodeWorkspace.js';
import { displayPath, loadConfig } from './corpus.js';
import { runLibraryImport } from './importLibrary.js';
import { writeRefusal } from './importRefusal.js';
import type { CliIo } from './run.js';

export { describe };

export interface ImportOptions {
  cwd: string;
  files: string[];
  into: string;
  id: string | undefined;
  dryRun: boolean;
  /** Write a re-import even when it breaks citations. */
  force: boolean;
}

/**
 * Exit codes: 0 imported (or, with --dry-run, would be), 1 an input refused or a re-import that
 * would break citations (without --force), 2 usage error.
 */
export async function runImport(options: ImportOptions, io: CliIo): Promise<number> {
  const libraries = options.files.filter((f) => libraryFormatOf(f));
  if (libraries.length) {
    if (options.files.length > 1 || options.id !== undefined) {
      io.stderr.write(
        `source-anchors: a library (${libraries[0]}) is imported on its own, without --id: its citation keys are the ids\n`,
      );
      return 2;
    }
    return runLibraryImport(options, libraries[0]!, (docId) => draftCitations(options.cwd, docId), io);
  }
  const into = resolve(options.cwd, options.into);
  const show = (uri: string) => displayPath(uri, options.cwd);
  const plan = await planImports({
    files: options.files.map((f) => ({ path: resolve(options.cwd, f), shown: f })),
    into,
    id: options.id,
    citationsOf: (docId) => draftCitations(options.cwd, docId),
  });
  const broken: string[] = [];
  const reports: string[] = [];
  for (const p of plan.planned) {
    const output = relative(options.cwd, p.path);
    let text = '';
    if (p.reimport) {
      text = `${reimportLines(p.reimport.result, p.reimport.cited).join('\n')}\n`;
      if (p.reimport.unchanged) text += `  ${output} is up to date: nothing to write\n`;
      const unlike = unlikeSource(p.reimport.result, output);
      if (unlike) broken.push(`'${p.input}' ${unlike}: is it the same source?`);
      const lines = brokenCitations(p.reimport.result, p.reimport.sites, show);
      if (lines.length)
        broken.push(
          `re-importing '${p.input}' into ${output} would break ${lines.length} citation${lines.length === 1 ? '' : 's'}:`,
          ...lines.map((l) => `  ${l}`),
        );
    }
    reports.push(text);
  }
  const refused = plan.refused.length > 0 || (broken.length > 0 && !options.force);
  const unwritten = options.dryRun ? 'dry run: not written' : refused ? 'not written' : undefined;
  plan.planned.forEach((p, i) => {
    const output = relative(options.cwd, p.path);
    io.stdout.write(describe(p.input, output, p.id, p.doc, unwritten, p.reimport !== undefined) + reports[i]);
  });
  if (plan.refused.length) {
    for (const r of plan.refused) io.stderr.write(`source-anchors: ${r}\n`);
    io.stderr.write(
      `source-anchors: nothing written (${plan.refused.length} of ${options.files.length} refused)\n`,
    );
    return 1;
  }
  if (broken.length && !options.force) {
    writeRefusal(io, broken, options.dryRun);
    return 1;
  }
  if (options.dryRun) return 0;
  await writePlan(into, plan.planned);
  return 0;
}

/** The configured drafts' citations of `docId` (an unreadable draft has none). */
async function draftCitations(cwd: string, docId: string) {
  const config = await loadConfig({ cwd, corpus: undefined });
  if (typeof config === 'string') return [];
  const root = fileUri(cwd);
  const workspace = new NodeWorkspace([root]);
  const found = await discoverFiles(workspace, root, config);
  const drafts = [];
  for (const uri of found.drafts) {
    const decoded = await readText(workspace, uri);
    if (decoded.ok) drafts.push({ uri, draft: parseDraft(decoded.text) });
  }
  return citationsOf(drafts, docId);
}
