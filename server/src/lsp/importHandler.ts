/**
 * The server's side of Add Source…: imports originals into the corpus folder of their workspace
 * folder with the same planning and writing as `source-anchors import` (`node/importPlan.ts`),
 * checking a re-import against the citations of every draft the server knows. Refused in an
 * untrusted workspace, since it writes files.
 */
import { basename } from 'node:path';
import { URI } from 'vscode-uri';
import { describe } from '../engine/import/importReport.js';
import { brokenCitations, reimportLines, unlikeSource } from '../engine/import/reimportReport.js';
import type { SourceAnchorsService } from '../engine/service.js';
import { planImports, writePlan } from '../node/importPlan.js';
import type { ProjectState } from './projectState.js';
import { corpusTarget, draftCitationsOf, importedDocuments, importRefused } from './corpusImport.js';
import type { ImportSourcesParams, ImportSourcesResult } from './protocolTypes.js';

export const UNTRUSTED_IMPORT =
  'Add Source writes files into the corpus: trust this workspace first (Manage Workspace Trust), then add the source again.';

export async function importSources(
  service: SourceAnchorsService,
  state: ProjectState,
  p: ImportSourcesParams,
): Promise<ImportSourcesResult> {
  const fail = importRefused;
  if (!state.trusted) return fail(UNTRUSTED_IMPORT);
  const files = p.uris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file');
  if (!files.length)
    return fail('Nothing to import: choose a PDF, web page (.html), Word (.docx) or text (.txt) file.');
  const target = corpusTarget(state, files[0]!.toString());
  if (!target) return fail('Open a folder first: sources are imported into its corpus folder.');
  const { into, rel } = target;
  const plan = await planImports({
    files: files.map((u) => ({ path: u.fsPath, shown: basename(u.fsPath) })),
    into,
    id: undefined,
    citationsOf: draftCitationsOf(service),
  });
  if (plan.refused.length) return fail(`Not imported: ${plan.refused.join('; ')}.`);
  const report: string[] = [];
  const broken: string[] = [];
  let citations = 0;
  for (const planned of plan.planned) {
    report.push(
      ...describe(planned.input, rel(planned.path), planned.id, planned.doc, undefined, !!planned.reimport)
        .trimEnd()
        .split('\n'),
    );
    if (!planned.reimport) continue;
    report.push(...reimportLines(planned.reimport.result, planned.reimport.cited));
    const unlike = unlikeSource(planned.reimport.result, rel(planned.path));
    if (unlike) broken.push(`${planned.input} ${unlike}: is it the same source?`);
    const lines = brokenCitations(planned.reimport.result, planned.reimport.sites, (u) =>
      rel(URI.parse(u).fsPath),
    );
    citations += lines.length;
    broken.push(...lines);
  }
  if (broken.length && !p.force)
    return fail(
      citations
        ? `Not imported: re-importing would break ${citations} citation${citations === 1 ? '' : 's'} (listed in the output). Change the drafts, or import anyway.`
        : `Not imported: ${broken[0]} Import anyway to replace it.`,
      report,
      broken,
    );
  let written: string[];
  try {
    written = await writePlan(into, plan.planned);
  } catch (e) {
    return fail(`Import failed, nothing written: ${(e as Error).message}`, report);
  }
  const documents = importedDocuments(plan.planned, written);
  const names = plan.planned.map((d) => `${d.id} (${rel(d.path)})`).join(', ');
  const fresh = plan.planned.filter((d) => !d.reimport).length;
  const message = !written.length
    ? `Up to date: ${names} already has this original's text.`
    : fresh === plan.planned.length
      ? `Imported ${names}: cite it as [[${plan.planned[0]!.id}#…]].`
      : `Re-imported ${names}; its cited anchors are kept.`;
  return { ok: true, message, documents, report, broken };
}
