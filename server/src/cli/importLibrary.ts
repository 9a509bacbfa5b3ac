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
import { describe } from '../engine/import/importReport.js';
import { brokenCitations, reimportLines } from '../engine/import/reimportReport.js';
import { planLibrary, writeLibraryPlan, type PlannedEntry } from '../node/libraryPlan.js';
import { displayPath } from './corpus.js';
import type { ImportOptions } from './import.js';
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
    io.stderr.write(broken.map((l) => (l.startsWith('  ') ? `${l}\n` : `source-anchors: ${l}\n`)).join(''));
    io.stderr.write(
      options.dryRun
        ? 'source-anchors: (dry run) the import would be refused without --force\n'
        : 'source-anchors: nothing written (pass --force to write it anyway)\n',
    );
    return 1;
  }
  if (options.dryRun) return 0;
  await writeLibraryPlan(into, plan.entries);
  return 0;
}

/** One entry's lines: the arrow line, its title, its attachments, what the importer found. */
export function entryReport(e: PlannedEntry, output: string): string {
  const state = e.state === 'unchanged' ? 'up to date' : e.state;
  const lines: string[] = [];
  const head = `${e.key} → ${output} (${state}${e.hasText ? '' : ', no text'})`;
  if (e.doc) {
    // The importer's account, under the entry's arrow line.
    const account = describe(e.key, output, e.key, e.doc, undefined).split('\n').slice(1);
    lines.push(head);
    if (e.title) lines.push(`  title: ${e.title}`);
    for (const a of e.attachments) lines.push(`  attachment: ${attachmentLine(a)}`);
    lines.push(...account.filter((l) => l && !l.startsWith('  title: ')));
  } else {
    lines.push(head);
    if (e.title) lines.push(`  title: ${e.title}`);
    for (const a of e.attachments) lines.push(`  attachment: ${attachmentLine(a)}`);
  }
  if (e.reimport) lines.push(...reimportLines(e.reimport.result, e.reimport.cited));
  return `${lines.join('\n')}\n`;
}

function attachmentLine(a: PlannedEntry['attachments'][number]): string {
  switch (a.outcome) {
    case 'missing':
      return `${a.file} missing: ${a.message?.replace(/^cannot import '[^']*': /, '') ?? ''} (the metadata is imported)`;
    case 'refused':
      return `${a.file} not imported: ${a.message ?? ''}`;
    case 'not tried':
      return `${a.file} not imported (the one before it was)`;
    case 'unchanged':
      return `${a.file} unchanged since the last import`;
    default:
      return `${a.file} ${a.outcome}`;
  }
}
