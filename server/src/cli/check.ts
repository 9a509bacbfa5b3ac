/**
 * `source-anchors check`: loads the corpus, checks drafts, prints a compiler-style or JSON report.
 */
import { checkDraftText, checkSources, summarize, type FileReport } from '../engine/checkFiles.js';
import { readText } from '../engine/index/loadSources.js';
import { createService } from '../engine/service.js';
import { CheckResultCache } from '../node/checkResultCache.js';
import { displayPath, openCorpus } from './corpus.js';
import { formatJson, formatText } from './format.js';
import type { CliIo } from './run.js';

export interface CheckOptions {
  cwd: string;
  corpus: string[] | undefined;
  format: 'text' | 'json';
  paths: string[];
  /** Use the persistent index (default: yes). */
  cache?: boolean;
}

export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`source-anchors: ${message}\n`);
    return 2;
  };
  // Passage search is built only if a quote is not found in its cited passage.
  const service = createService(undefined, undefined, { searchOnDemand: true });
  const index = service.index;
  const opened = await openCorpus({ ...options, cache: options.cache !== false }, index);
  if (typeof opened === 'string') return fail(opened);
  const { config, workspace, cache, drafts } = opened;
  // A draft unchanged over an unchanged corpus gets its last report (checkResultCache.ts).
  const results = cache && CheckResultCache.open(cache.dir, cache.corpus, index, config);

  const reports: FileReport[] = [];
  const texts = await Promise.all(drafts.map((uri) => readText(workspace, uri)));
  for (const [i, uri] of drafts.entries()) {
    const decoded = texts[i]!;
    if (!decoded.ok) return fail(`cannot read draft ${displayPath(uri, options.cwd)}: ${decoded.reason}`);
    let report = results?.get(uri, decoded.text);
    if (!report) {
      report = checkDraftText(uri, decoded.text, index, config, service.quotes);
      results?.set(uri, decoded.text, report);
    }
    reports.push(report);
  }
  reports.push(...checkSources(index, config));
  const summary = summarize(reports, index);
  const show = (uri: string) => displayPath(uri, options.cwd);
  io.stdout.write(
    options.format === 'json' ? formatJson(reports, summary, show) : formatText(reports, summary, show),
  );
  // After the report: a cache that cannot be written costs the next run time, not this one's output.
  await cache?.save().catch(() => undefined);
  await results?.save().catch(() => undefined);
  return summary.errors > 0 ? 1 : 0;
}
