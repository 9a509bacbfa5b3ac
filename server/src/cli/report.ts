/**
 * `source-anchors report`: which sources and anchors the drafts cite, how often and where.
 * Loads the corpus and the drafts as `check` does, then prints the engine's SourcesReport.
 */
import type { DraftEntry } from '../engine/features/sourcesReport.js';
import { sourcesReport } from '../engine/features/sourcesReport.js';
import { parseDraft } from '../engine/drafts/parseDraft.js';
import { CorpusIndex } from '../engine/index/corpusIndex.js';
import { readText } from '../engine/index/loadSources.js';
import { displayPath, openCorpus } from './corpus.js';
import { formatReportJson, formatReportText } from './reportFormat.js';
import type { CliIo } from './run.js';

export interface ReportOptions {
  cwd: string;
  corpus: string[] | undefined;
  format: 'text' | 'json';
  paths: string[];
  /** Use the persistent index (default: yes). */
  cache?: boolean;
}

/** Exit codes: 0 printed, 2 usage error or unreadable corpus (as `check`). */
export async function runReport(options: ReportOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`source-anchors: ${message}\n`);
    return 2;
  };
  const index = new CorpusIndex();
  const opened = await openCorpus({ ...options, cache: options.cache !== false }, index);
  if (typeof opened === 'string') return fail(opened);
  const { workspace, drafts: uris, cache } = opened;
  const drafts: DraftEntry[] = [];
  for (const uri of uris) {
    const decoded = await readText(workspace, uri);
    if (!decoded.ok) return fail(`cannot read draft ${displayPath(uri, options.cwd)}: ${decoded.reason}`);
    drafts.push({ uri, draft: parseDraft(decoded.text) });
  }
  const report = sourcesReport(index, drafts);
  const show = (uri: string) => displayPath(uri, options.cwd);
  io.stdout.write(
    options.format === 'json' ? formatReportJson(report, show) : formatReportText(report, show),
  );
  await cache?.save().catch(() => undefined);
  return 0;
}
