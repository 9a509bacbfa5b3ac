/**
 * `source-anchors report`: which sources and anchors the drafts cite, how often and where.
 * Loads the corpus and the drafts as `check` does, then prints the engine's SourcesReport.
 */
import { discoverFiles } from '../engine/discover.js';
import type { DraftEntry } from '../engine/features/sourcesReport.js';
import { sourcesReport } from '../engine/features/sourcesReport.js';
import { CONFIG_FILE } from '../engine/config.js';
import { parseDraft } from '../engine/drafts/parseDraft.js';
import { CorpusIndex } from '../engine/index/corpusIndex.js';
import { loadSources, readText } from '../engine/index/loadSources.js';
import { fileUri, NodeWorkspace } from '../node/nodeWorkspace.js';
import { displayPath, loadConfig, pickDrafts } from './check.js';
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
  const config = await loadConfig(options);
  if (typeof config === 'string') return fail(config);
  const rootUri = fileUri(options.cwd);
  const workspace = new NodeWorkspace([rootUri]);
  const found = await discoverFiles(workspace, rootUri, config);
  if (found.missingFolders.length) {
    return fail(
      `cannot read the corpus folder ${found.missingFolders.map((f) => `'${f}'`).join(', ')}. ` +
        `Pass --corpus PATH or set "corpus" in ${CONFIG_FILE}.`,
    );
  }
  if (found.sources.length === 0)
    return fail(
      `no sources (.md, .markdown, .txt) found in ${config.corpus.map((c) => `'${c}'`).join(', ')}.`,
    );
  const index = new CorpusIndex();
  await loadSources(workspace, found.sources, index);

  let uris = found.drafts;
  if (options.paths.length) {
    const picked = await pickDrafts(options.paths, options.cwd, workspace, config);
    if (typeof picked === 'string') return fail(picked);
    uris = picked;
  }
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
  return 0;
}
