/**
 * The server's side of Import Library… and of the `library` setting: imports a reference library
 * into the corpus folder of its workspace folder with the same planning and writing as
 * `source-anchors import library.bib` (`node/libraryPlan.ts`), checking a changed attachment's
 * re-import against the citations of every draft the server knows. Refused in an untrusted
 * workspace, since it writes files.
 *
 * {@link libraryOf} tells whether a changed file is one the `library` setting names, which the
 * server then imports again (Better BibTeX's auto-export keeps the corpus current).
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { URI } from 'vscode-uri';
import { brokenCitations } from '../engine/import/reimportReport.js';
import type { SourceAnchorsService } from '../engine/service.js';
import { planLibrary, writeLibraryPlan } from '../node/libraryPlan.js';
import { entryReport } from '../node/libraryReport.js';
import type { ProjectState } from './projectState.js';
import { corpusTarget, draftCitationsOf, importedDocuments, importRefused } from './corpusImport.js';
import type { ImportLibraryParams, ImportSourcesResult } from './protocolTypes.js';

export const UNTRUSTED_LIBRARY =
  'Import Library writes files into the corpus: trust this workspace first (Manage Workspace Trust), then import it again.';

export async function importLibrary(
  service: SourceAnchorsService,
  state: ProjectState,
  p: ImportLibraryParams,
): Promise<ImportSourcesResult> {
  const fail = importRefused;
  if (!state.trusted) return fail(UNTRUSTED_LIBRARY);
  const file = URI.parse(p.uri);
  if (file.scheme !== 'file')
    return fail('Nothing to import: choose a .bib, .json or .yaml file saved on disk.');
  const target = corpusTarget(state, p.uri);
  if (!target) return fail('Open a folder first: a library is imported into its corpus folder.');
  const { into, rel } = target;
  const name = basename(file.fsPath);
  const plan = await planLibrary({
    library: { path: file.fsPath, shown: name },
    into,
    citationsOf: draftCitationsOf(service),
  });
  if (!plan.ok) return fail(`Not imported: ${plan.message}.`);
  const report: string[] = [];
  const broken: string[] = [];
  for (const e of plan.entries) {
    report.push(...entryReport(e, rel(e.path)).trimEnd().split('\n'));
    if (e.reimport)
      broken.push(...brokenCitations(e.reimport.result, e.reimport.sites, (u) => rel(URI.parse(u).fsPath)));
  }
  report.push(...plan.problems.map((x) => `left out: ${x}`));
  report.push(
    ...plan.removed.map((r) => `no longer in ${name}: ${r.id} (${rel(r.path)}): kept in the corpus`),
  );
  if (broken.length && !p.force)
    return fail(
      `Not imported: re-importing a changed attachment of ${name} would break ${broken.length} citation${broken.length === 1 ? '' : 's'} (listed in the output). Change the drafts, or import anyway.`,
      report,
      broken,
    );
  let written: string[];
  try {
    written = await writeLibraryPlan(into, plan.entries);
  } catch (e) {
    return fail(`Import failed, nothing written: ${(e as Error).message}`, report);
  }
  const documents = importedDocuments(
    plan.entries.map((e) => ({ path: e.path, id: e.key })),
    written,
  );
  const count = (state: string) => plan.entries.filter((e) => e.state === state).length;
  const noText = plan.entries.filter((e) => !e.hasText).length;
  const n = plan.entries.length;
  const message = `${name}: ${n} entr${n === 1 ? 'y' : 'ies'}, ${count('new')} new, ${count('updated')} updated, ${count('unchanged')} up to date${noText ? ` (${noText} without text: metadata only)` : ''}${plan.problems.length ? `; ${plan.problems.length} left out` : ''}. Cite them by key: [[${plan.entries[0]?.key ?? 'key'}]].`;
  return { ok: true, message, documents, report, broken };
}

/** The `library` files of a workspace folder's configuration, as absolute paths. */
export function libraryPaths(state: ProjectState, rootUri: string): string[] {
  const root = URI.parse(rootUri).fsPath;
  return (state.configFor(rootUri).library ?? []).map((l) => (isAbsolute(l) ? l : resolve(root, l)));
}

/** The file URIs of every configured library, in every workspace folder. */
export function configuredLibraries(state: ProjectState): string[] {
  return state.roots.flatMap((r) => libraryPaths(state, r).map((p) => URI.file(p).toString()));
}

/** Whether `uri` is a library the configuration names. */
export function libraryOf(state: ProjectState, uri: string): boolean {
  const path = URI.parse(uri).fsPath;
  return state.roots.some((r) => libraryPaths(state, r).includes(path));
}

/**
 * Imports a configured library again when it changes, once its writes have settled: an export
 * that writes the file in steps is imported once, `delayMs` after its last change.
 */
export class LibrarySync {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #run: (uri: string) => Promise<void>;
  readonly #delayMs: number;

  constructor(run: (uri: string) => Promise<void>, delayMs = 300) {
    this.#run = run;
    this.#delayMs = delayMs;
  }

  changed(uri: string): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.set(
      uri,
      setTimeout(() => {
        this.#timers.delete(uri);
        void this.#run(uri);
      }, this.#delayMs),
    );
  }

  dispose(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
