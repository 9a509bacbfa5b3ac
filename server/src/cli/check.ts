/**
 * `source-anchors check`: loads the corpus, checks drafts, prints a compiler-style or JSON report.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { checkDraftText, checkSources, summarize, type FileReport } from '../engine/checkFiles.js';
import { CONFIG_FILE, mergeConfig, parseConfigFile, PathClassifier, type Config } from '../engine/config.js';
import { discoverFiles } from '../engine/discover.js';
import { loadSources, readText } from '../engine/index/loadSources.js';
import { createService } from '../engine/service.js';
import { cacheKey, defaultCacheDir, DiskSourceCache } from '../node/diskSourceCache.js';
import { fileUri, NodeWorkspace } from '../node/nodeWorkspace.js';
import { URI } from 'vscode-uri';
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
  if (found.sources.length === 0) {
    return fail(
      `no sources (.md, .markdown, .txt) found in ${config.corpus.map((c) => `'${c}'`).join(', ')}.`,
    );
  }
  // Passage search is built only if a quote is not found in its cited passage.
  const service = createService(undefined, undefined, { searchOnDemand: true });
  const index = service.index;
  const cache =
    options.cache === false
      ? undefined
      : await DiskSourceCache.open(await defaultCacheDir(options.cwd), cacheKey(rootUri, config));
  await loadSources(workspace, found.sources, index, undefined, undefined, cache);

  let drafts = found.drafts;
  if (options.paths.length) {
    const picked = await pickDrafts(options.paths, options.cwd, workspace, config);
    if (typeof picked === 'string') return fail(picked);
    drafts = picked;
  }

  const reports: FileReport[] = [];
  const texts = await Promise.all(drafts.map((uri) => readText(workspace, uri)));
  for (const [i, uri] of drafts.entries()) {
    const decoded = texts[i]!;
    if (!decoded.ok) return fail(`cannot read draft ${displayPath(uri, options.cwd)}: ${decoded.reason}`);
    reports.push(checkDraftText(uri, decoded.text, index, config, service.quotes));
  }
  reports.push(...checkSources(index, config));
  const summary = summarize(reports, index);
  const show = (uri: string) => displayPath(uri, options.cwd);
  io.stdout.write(
    options.format === 'json' ? formatJson(reports, summary, show) : formatText(reports, summary, show),
  );
  // After the report: a cache that cannot be written costs the next run time, not this one's output.
  await cache?.save().catch(() => undefined);
  return summary.errors > 0 ? 1 : 0;
}

export async function loadConfig(options: Pick<CheckOptions, 'cwd' | 'corpus'>): Promise<Config | string> {
  let fromFile: Partial<Config> = {};
  try {
    const text = await readFile(resolve(options.cwd, CONFIG_FILE), 'utf8');
    const parsed = parseConfigFile(text);
    if (parsed.errors.length) return parsed.errors.join('\n');
    fromFile = parsed.config;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      return `cannot read ${CONFIG_FILE}: ${(e as Error).message}`;
  }
  const corpus = options.corpus?.map((c) => toRelative(c, options.cwd));
  return mergeConfig(fromFile, corpus ? { corpus } : {});
}

/** Files given on the command line, and the drafts inside folders given. */
export async function pickDrafts(
  paths: string[],
  cwd: string,
  workspace: NodeWorkspace,
  config: Config,
): Promise<string[] | string> {
  const out: string[] = [];
  const classifier = new PathClassifier({ ...config, drafts: ['**/*.md', '**/*.markdown'] });
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      return `no such file or folder: ${p}`;
    }
    if (info.isDirectory()) {
      for (const uri of await workspace.listFiles(fileUri(abs))) {
        if (classifier.isDraft(toRelative(URI.parse(uri).fsPath, cwd))) out.push(uri);
      }
    } else out.push(fileUri(abs));
  }
  return [...new Set(out)].sort();
}

function toRelative(path: string, cwd: string): string {
  return relative(cwd, resolve(cwd, path)).split(sep).join('/') + (path.endsWith('/') ? '/' : '');
}

export function displayPath(uri: string, cwd: string): string {
  return relative(cwd, URI.parse(uri).fsPath).split(sep).join('/');
}
