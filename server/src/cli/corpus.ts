/**
 * What every CLI command that reads the corpus does first: the configuration (source-anchors.json
 * and `--corpus`), the sources found and read into the index, the drafts asked for. Problems come
 * back as one sentence for `source-anchors: …` and exit code 2.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE, mergeConfig, parseConfigFile, PathClassifier, type Config } from '../engine/config.js';
import { discoverFiles } from '../engine/discover.js';
import type { CorpusIndex } from '../engine/index/corpusIndex.js';
import { loadSources } from '../engine/index/loadSources.js';
import { cacheKey, defaultCacheDir, DiskSourceCache } from '../node/diskSourceCache.js';
import { fileUri, NodeWorkspace } from '../node/nodeWorkspace.js';
import { ParseThread, worthAParseThread } from '../node/parseThread.js';

export interface CorpusOptions {
  cwd: string;
  corpus: string[] | undefined;
  /** Drafts (files or folders) named on the command line; none: the configured drafts. */
  paths?: string[];
  /** Read unchanged sources from the persistent index (and let the caller save it). */
  cache?: boolean;
  /** Settings over `source-anchors.json` (the editor's, for the MCP server it starts). */
  settings?: Partial<Config>;
}

export interface OpenedCorpus {
  config: Config;
  workspace: NodeWorkspace;
  /** The drafts to work on, as URIs. */
  drafts: string[];
  /** The persistent index the sources came through, to save once the command's output is out. */
  cache?: DiskSourceCache;
}

/** The configuration, the sources and drafts found, before any source is read. */
export interface FoundCorpus {
  config: Config;
  workspace: NodeWorkspace;
  rootUri: string;
  sources: string[];
  drafts: string[];
}

/** Reads the configuration and the corpus into `index`, and finds the drafts. */
export async function openCorpus(options: CorpusOptions, index: CorpusIndex): Promise<OpenedCorpus | string> {
  const found = await findCorpus(options);
  if (typeof found === 'string') return found;
  return loadCorpus(found, options.cache ? await cacheLocation(found, options.cwd) : undefined, index);
}

/** The configuration, the sources (not read yet) and the drafts asked for. */
export async function findCorpus(options: CorpusOptions): Promise<FoundCorpus | string> {
  const config = await loadConfig(options);
  if (typeof config === 'string') return config;
  const rootUri = fileUri(options.cwd);
  const workspace = new NodeWorkspace([rootUri]);
  const found = await discoverFiles(workspace, rootUri, config);
  if (found.missingFolders.length) {
    return (
      `cannot read the corpus folder ${found.missingFolders.map((f) => `'${f}'`).join(', ')}. ` +
      `Pass --corpus PATH or set "corpus" in ${CONFIG_FILE}.`
    );
  }
  if (found.sources.length === 0) {
    return `no sources (.md, .markdown, .txt) found in ${config.corpus.map((c) => `'${c}'`).join(', ')}.`;
  }
  let drafts = found.drafts;
  if (options.paths?.length) {
    const picked = await pickDrafts(options.paths, options.cwd, workspace, config);
    if (typeof picked === 'string') return picked;
    drafts = picked;
  }
  return { config, workspace, rootUri, sources: found.sources, drafts };
}

/** Where the persistent index of a corpus is kept, and the name it is kept under. */
export interface CacheLocation {
  dir: string;
  corpus: string;
}

export async function cacheLocation(found: FoundCorpus, cwd: string): Promise<CacheLocation> {
  return { dir: await defaultCacheDir(cwd), corpus: cacheKey(found.rootUri, found.config) };
}

/**
 * Reads the sources found into `index`, through the persistent index kept `where` (none: no cache).
 * With `parseOnly`, the sources whose ids it refuses are kept unparsed until used (loadSources).
 * With `dropStores`, the cache only looks up: the caller leaves its save to another process
 * (DiskSourceCache.dropStores).
 */
export async function loadCorpus(
  found: FoundCorpus,
  where: CacheLocation | undefined,
  index: CorpusIndex,
  parseOnly?: (id: string) => boolean,
  dropStores = false,
): Promise<OpenedCorpus> {
  const { config, workspace, drafts } = found;
  const cache = where ? await DiskSourceCache.open(where.dir, where.corpus) : undefined;
  if (dropStores) cache?.dropStores();
  // A second core parses, beside this one, sources the cache does not have (the worker starts on the first).
  const parser = worthAParseThread(found.sources.length) ? new ParseThread() : undefined;
  try {
    await loadSources(workspace, found.sources, index, undefined, undefined, cache, parser, parseOnly);
  } finally {
    parser?.close();
  }
  return { config, workspace, drafts, ...(cache ? { cache } : {}) };
}

export async function loadConfig(
  options: Pick<CorpusOptions, 'cwd' | 'corpus' | 'settings'>,
): Promise<Config | string> {
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
  return mergeConfig(fromFile, options.settings ?? {}, corpus ? { corpus } : {});
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
