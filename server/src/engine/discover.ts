/**
 * Finds a workspace folder's sources and drafts by the configuration's globs.
 */
import { corpusFolder, PathClassifier, type Config } from './config.js';
import { compareIds } from './index/corpusIndex.js';
import { joinUri, relativeTo } from './uris.js';
import type { ICorpusWorkspace } from './workspace.js';

export interface Discovered {
  sources: string[];
  drafts: string[];
  /** Corpus folders that could not be listed (missing or unreadable), relative to the root. */
  missingFolders: string[];
}

export async function discoverFiles(
  workspace: ICorpusWorkspace,
  rootUri: string,
  config: Config,
): Promise<Discovered> {
  const classifier = new PathClassifier(config);
  const seen = new Set<string>();
  const sources: string[] = [];
  const drafts: string[] = [];
  const missingFolders: string[] = [];
  const relative = relativeTo(rootUri);
  const consider = (uri: string) => {
    if (seen.has(uri)) return;
    seen.add(uri);
    const rel = relative(uri);
    if (classifier.isSource(rel)) sources.push(uri);
    else if (!rel.startsWith('../') && classifier.isDraft(rel)) drafts.push(uri);
  };
  // Corpus folders first: they may lie outside the root (`../shared/seeds`), and a missing one is worth saying.
  for (const entry of config.corpus) {
    const folder = corpusFolder(entry);
    try {
      for (const uri of await workspace.listFiles(joinUri(rootUri, folder))) consider(uri);
    } catch {
      missingFolders.push(folder);
    }
  }
  try {
    for (const uri of await workspace.listFiles(rootUri)) consider(uri);
  } catch {
    // An unreadable root has no drafts; sources were looked for above.
  }
  const byName = (a: string, b: string) => compareIds(a, b);
  return { sources: sources.sort(byName), drafts: drafts.sort(byName), missingFolders };
}
