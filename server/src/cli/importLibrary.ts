/**
 * `source-anchors import library.bib` (or `.json`, `.yaml`): one corpus document per entry of a
 * reference library, its id the citation key. Says per entry what was written and what became of
 * its attachments:
 *
 *     library.bib: 3 entries, 1 new, 1 updated, 1 up to date
 *     lan2022 → corpus/lan2022.md (new)
 *       title: 美塔协议签署后的美阿塔三方内部博弈
 *       attachment: papers/lan2022.pdf imported
 *       found: pages 47-66, 3 sections, 12 footnotes, 40 paragraphs
 *       dropped: 3 × running head, e.g. '南亚研究季刊'
 *     smith2020 → corpus/smith2020.md (new, no text)
 *       attachment: /abs/smith.pdf missing: no such file (the metadata is imported)
 *
 * All or nothing, like the import of originals: an unreadable library, or a changed attachment
 * whose re-import would break citations (without --force), writes nothing (exit 1).
 */
import { relative, resolve } from 'node:path';
import { brokenCitations } from '../engine/import/reimportReport.js';
import { entryReport } from '../node/libraryReport.js';
import { planLibrary, writeLibraryPlan, type PlannedEntry } from '../node/libraryPlan.js';
import { displayPath } from './corpus.js';
import type { ImportOptions } from './import.js';
import { writeRefusal } from './importRefusal.js';
import type { CliIo } from './run.js';

export async function runLibraryImport(
  options: ImportOptions,
  file: string,
  draftCitations: (docId: string) => ReturnType<Parameters<typeof planLibrary>[0]['citationsOf']>,
  io: CliIo,
): Promise<number> {
  const into = resolve(options.cwd, options.into);
  const show = (uri: string) => displayPath(uri, options.cwd);
  const plan = await planLibrary({
    library: { path: resolve(options.cwd, file), shown: file },
    into,
    citationsOf: draftCitations,
  });
  if (!plan.ok) {
    io.stderr.write(`source-anchors: ${plan.message}\n`);
    return 1;
  }
  const broken: string[] = [];
  for (const e of plan.entries) {
    if (!e.reimport) continue;
    const lines = brokenCitations(e.reimport.result, e.reimport.sites, show);
    if (lines.length)
      broken.push(
        `re-importing the attachment of '${e.key}' would break ${lines.length} citation${lines.length === 1 ? '' : 's'}:`,
        ...lines.map((l) => `  ${l}`),
      );
  }
  const refused = broken.length > 0 && !options.force;
  const unwritten = options.dryRun ? 'dry run: not written' : refused ? 'not written' : undefined;
  const count = (state: PlannedEntry['state']) => plan.entries.filter((e) => e.state === state).length;
  const n = plan.entries.length;
  io.stdout.write(
    `${file}: ${n} entr${n === 1 ? 'y' : 'ies'}, ${count('new')} new, ${count('updated')} updated, ${count('unchanged')} up to date` +
      `${plan.problems.length ? `, ${plan.problems.length} left out` : ''}${unwritten ? ` [${unwritten}]` : ''}\n`,
  );
  for (const e of plan.entries) io.stdout.write(entryReport(e, relative(options.cwd, e.path)));
  for (const p of plan.problems) io.stdout.write(`left out: ${p}\n`);
  for (const r of plan.removed)
    io.stdout.write(
      `no longer in ${file}: ${r.id} (${relative(options.cwd, r.path)}): kept in the corpus; delete it yourself if no draft needs it\n`,
    );
  if (refused) {
    writeRefusal(io, broken, options.dryRun);
    return 1;
  }
  if (options.dryRun) return 0;
  await writeLibraryPlan(into, plan.entries);
  return 0;
}
