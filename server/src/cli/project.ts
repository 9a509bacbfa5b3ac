/**
 * What `check` and `report` start from: the configuration (source-anchors.json, --corpus), the
 * corpus read into a service, and the drafts to read (the configured ones, or those named).
 * A problem is a sentence for the user (the command exits 2), never an exception.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { CONFIG_FILE, mergeConfig, parseConfigFile, PathClassifier, type Config } from '../engine/config.js';
import { discoverFiles } from '../engine/discover.js';
import { loadSources, readText } from '../engine/index/loadSources.js';
import { createService, type SourceAnchorsService } from '../engine/service.js';
import { fileUri, NodeWorkspace } from '../node/nodeWorkspace.js';

export interface ProjectOptions {
  cwd: string;
  corpus: string[] | undefined;
  /** Drafts or folders named on the command line; none: the configured drafts. */
  paths: string[];
}

export interface CliProject {
  config: Config;
  workspace: NodeWorkspace;
  /** The corpus is loaded into `service.index`; the search index is not built. */
  service: SourceAnchorsService;
  /** The drafts to read, as URIs, sorted. */
  drafts: string[];
}

export async function loadProject(options: ProjectOptions): Promise<CliProject | string> {
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
  if (found.sources.length === 0)
    return `no sources (.md, .markdown, .txt) found in ${config.corpus.map((c) => `'${c}'`).join(', ')}.`;
  const service = createService();
  await loadSources(workspace, found.sources, service.index);
  let drafts = found.drafts;
  if (options.paths.length) {
    const picked = await pickDrafts(options.paths, options.cwd, workspace, config);
    if (typeof picked === 'string') return picked;
    drafts = picked;
  }
  return { config, workspace, service, drafts };
}

/** The text of each draft, in order, or the sentence saying which one cannot be read. */
export async function readDrafts(
  project: CliProject,
  cwd: string,
): Promise<{ uri: string; text: string }[] | string> {
  const out: { uri: string; text: string }[] = [];
  for (const uri of project.drafts) {
    const decoded = await readText(project.workspace, uri);
    if (!decoded.ok) return `cannot read draft ${displayPath(uri, cwd)}: ${decoded.reason}`;
    out.push({ uri, text: decoded.text });
  }
  return out;
}

export async function loadConfig(options: Pick<ProjectOptions, 'cwd' | 'corpus'>): Promise<Config | string> {
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
