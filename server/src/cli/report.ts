/**
 * `source-anchors report`: which sources and anchors the drafts cite, how often and where.
 * Loads the corpus and the drafts as `check` does, then prints the engine's SourcesReport.
 */
import { parseDraft } from '../engine/drafts/parseDraft.js';
import { sourcesReport, type DraftEntry } from '../engine/features/sourcesReport.js';
import { displayPath, loadProject, readDrafts } from './project.js';
import { formatReportJson, formatReportText } from './reportFormat.js';
import type { CliIo } from './run.js';

export interface ReportOptions {
  cwd: string;
  corpus: string[] | undefined;
  format: 'text' | 'json';
  paths: string[];
}

/** Exit codes: 0 printed, 2 usage error or unreadable corpus (as `check`). */
export async function runReport(options: ReportOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`source-anchors: ${message}\n`);
    return 2;
  };
  const project = await loadProject(options);
  if (typeof project === 'string') return fail(project);
  const drafts = await readDrafts(project, options.cwd);
  if (typeof drafts === 'string') return fail(drafts);
  const entries: DraftEntry[] = drafts.map(({ uri, text }) => ({ uri, draft: parseDraft(text) }));
  const report = sourcesReport(project.service.index, entries);
  const show = (uri: string) => displayPath(uri, options.cwd);
  io.stdout.write(
    options.format === 'json' ? formatReportJson(report, show) : formatReportText(report, show),
  );
  return 0;
}
