/**
 * `source-anchors check`: loads the corpus, checks drafts, prints a compiler-style or JSON report.
 */
import { checkDraftText, checkSources, summarize, type FileReport } from '../engine/checkFiles.js';
import { formatJson, formatText } from './format.js';
import { displayPath, loadProject, readDrafts } from './project.js';
import type { CliIo } from './run.js';

// `export` reads the configuration as `check` does.
export { loadConfig } from './project.js';

export interface CheckOptions {
  cwd: string;
  corpus: string[] | undefined;
  format: 'text' | 'json';
  paths: string[];
}

export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`source-anchors: ${message}\n`);
    return 2;
  };
  const project = await loadProject(options);
  if (typeof project === 'string') return fail(project);
  const { config, service } = project;
  const index = service.index;
  service.search.rebuildNow();
  const drafts = await readDrafts(project, options.cwd);
  if (typeof drafts === 'string') return fail(drafts);

  const reports: FileReport[] = drafts.map(({ uri, text }) =>
    checkDraftText(uri, text, index, config, service.quotes),
  );
  reports.push(...checkSources(index, config));
  const summary = summarize(reports, index);
  const show = (uri: string) => displayPath(uri, options.cwd);
  io.stdout.write(
    options.format === 'json' ? formatJson(reports, summary, show) : formatText(reports, summary, show),
  );
  return summary.errors > 0 ? 1 : 0;
}
