/**
 * `source-anchors check`: loads the corpus, checks drafts, prints a report (text, JSON, GitHub, SARIF).
 * Only the sources the drafts cite are parsed (and checked for their own problems); every source
 * is read for its id, so an unknown or duplicate id is still found (issue 9).
 */
import {
  checkDraftText,
  checkSources,
  citedIds,
  corpusCounts,
  summarize,
  type CheckSummary,
  type FileReport,
} from '../engine/checkFiles.js';
import type { Decoded } from '../engine/corpus/decode.js';
import { parseDraft } from '../engine/drafts/parseDraft.js';
import { readText } from '../engine/index/loadSources.js';
import { createService } from '../engine/service.js';
import {
  detachWriter,
  lowerPriority,
  mayDetachWriter,
  releaseWriterLock,
  WRITER_ENV,
} from '../node/cacheWriter.js';
import { CheckResultCache } from '../node/checkResultCache.js';
import type { NodeWorkspace } from '../node/nodeWorkspace.js';
import {
  cacheLocation,
  displayPath,
  findCorpus,
  loadCorpus,
  type CacheLocation,
  type FoundCorpus,
} from './corpus.js';
import { formatJson, formatText } from './format.js';
import { formatGithub } from './githubFormat.js';
import { formatSarif } from './sarifFormat.js';
import { VERSION } from './version.js';
import type { CliIo } from './run.js';

/** How the report is printed: compiler-style text, JSON, GitHub workflow commands or SARIF 2.1.0. */
export type CheckFormat = 'text' | 'json' | 'github' | 'sarif';

const FORMATS: Record<
  CheckFormat,
  (reports: FileReport[], summary: CheckSummary, show: (uri: string) => string) => string
> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  sarif: (reports, _summary, show) => formatSarif(reports, show, VERSION),
};

export interface CheckOptions {
  cwd: string;
  corpus: string[] | undefined;
  format: CheckFormat;
  paths: string[];
  /** Use the persistent index (default: yes). */
  cache?: boolean;
}

export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`source-anchors: ${message}\n`);
    return 2;
  };
  const show = (uri: string) => displayPath(uri, options.cwd);
  const print = (reports: FileReport[], summary: ReturnType<typeof summarize>) => {
    io.stdout.write(FORMATS[options.format](reports, summary, show));
    return summary.errors > 0 ? 1 : 0;
  };
  const useCache = options.cache !== false;
  const found = await findCorpus(options);
  if (typeof found === 'string') return fail(found);
  const texts = await readDrafts(found.workspace, found.drafts);
  const unreadable = found.drafts.findIndex((_, i) => !texts[i]!.ok);
  if (unreadable >= 0) {
    const decoded = texts[unreadable] as Extract<Decoded, { ok: false }>;
    return fail(`cannot read draft ${show(found.drafts[unreadable]!)}: ${decoded.reason}`);
  }
  const text = (i: number) => (texts[i] as Extract<Decoded, { ok: true }>).text;
  const where = useCache ? await cacheLocation(found, options.cwd) : undefined;
  // The detached writer of the index cache (cacheWriter.ts): the same command, run again to save it.
  const writerLock = process.env[WRITER_ENV];
  if (writerLock) return writeIndexCache(found, where, texts, writerLock);

  // An unchanged corpus (by its files' stats) and unchanged drafts: the stored reports, no index.
  const stored =
    where && CheckResultCache.unchanged(where.dir, where.corpus, found.config, found.sources, found.drafts);
  if (stored?.corpus) {
    const reports = found.drafts.map((uri, i) => stored.get(uri, text(i)));
    if (reports.every((r) => r !== undefined)) {
      const all = [...(reports as FileReport[]), ...stored.corpus.run.sources];
      return print(all, summarize(all, stored.corpus.run.counts));
    }
  }

  // Passage search is built only if a quote is not found in its cited passage.
  const service = createService(undefined, undefined, { searchOnDemand: true });
  const index = service.index;
  const drafts = found.drafts.map((_, i) => parseDraft(text(i)));
  const cited = citedIds(drafts);
  // A detached writer saves the index cache by parsing the sources again: nothing is kept for it here.
  const leaveToWriter = mayDetachWriter(process.env);
  const { config, cache } = await loadCorpus(found, where, index, (id) => cited.has(id), leaveToWriter);
  // A draft unchanged over an unchanged corpus gets its last report (checkResultCache.ts).
  const results = cache && where && CheckResultCache.open(where.dir, where.corpus, index, config, cited);

  const reports: FileReport[] = [];
  for (const [i, uri] of found.drafts.entries()) {
    let report = results?.get(uri, text(i));
    if (!report) {
      report = checkDraftText(uri, drafts[i]!, index, config, service.quotes);
      results?.set(uri, text(i), report);
    }
    reports.push(report);
  }
  const sources = checkSources(index, config, cited);
  const counts = corpusCounts(index, cited);
  const code = print([...reports, ...sources], summarize([...reports, ...sources], counts));
  if (cache && where)
    results?.recordCorpus(
      where.corpus,
      config,
      cache,
      { sources, counts, drafts: found.drafts },
      found.sources,
    );
  // After the report: a cache that cannot be written costs the next run time, not this one's output.
  await results?.save().catch(() => undefined);
  // The index cache: by a detached writer where one can outlive this process, so that no one waits.
  if (cache?.needsSave) {
    const detached = leaveToWriter && detachWriter(cache.writerFile, options.cwd);
    // No writer after all: this cache kept nothing (leaveToWriter), so the sources are loaded again.
    if (!detached)
      await (leaveToWriter ? saveIndexCache(found, where, texts) : cache.save().catch(() => undefined));
  }
  return code;
}

/** The detached writer's run: {@link saveIndexCache} at the lowest priority, then its lock released. */
async function writeIndexCache(
  found: FoundCorpus,
  where: CacheLocation | undefined,
  texts: Decoded[],
  lock: string,
): Promise<number> {
  lowerPriority();
  try {
    await saveIndexCache(found, where, texts);
    return 0;
  } finally {
    releaseWriterLock(lock);
  }
}

/** Loads the sources the drafts cite, as the check did, and saves them in the index cache. */
async function saveIndexCache(
  found: FoundCorpus,
  where: CacheLocation | undefined,
  texts: Decoded[],
): Promise<void> {
  if (!where) return;
  const drafts = texts.map((t) => parseDraft((t as Extract<Decoded, { ok: true }>).text));
  const cited = citedIds(drafts);
  const service = createService(undefined, undefined, { searchOnDemand: true });
  const { cache } = await loadCorpus(found, where, service.index, (id) => cited.has(id));
  await cache?.save().catch(() => undefined);
}

function readDrafts(workspace: NodeWorkspace, drafts: readonly string[]): Promise<Decoded[]> {
  return Promise.all(drafts.map((uri) => readText(workspace, uri)));
}
