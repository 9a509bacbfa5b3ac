/**
 * The workspace an MCP server serves: its configuration (`source-anchors.json`), its corpus read
 * through the persistent index as `check` reads it, and one engine service over it. Sources
 * changed on disk are read again before the next call: the corpus folders are watched, and a
 * call looks at the disk only after they changed (where they cannot be watched, at most once a
 * second). Drafts are read when a call names one, and only when they lie inside the workspace
 * and are drafts by the configuration.
 */
import { watch, type FSWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { cacheLocation, displayPath, findCorpus, loadCorpus } from '../cli/corpus.js';
import { corpusFolder, PathClassifier, type Config } from '../engine/config.js';
import { discoverFiles } from '../engine/discover.js';
import { readSource, readText } from '../engine/index/loadSources.js';
import { createService, type SourceAnchorsService } from '../engine/service.js';
import { fileUri, NodeWorkspace } from '../node/nodeWorkspace.js';

export interface WorkspaceCorpusOptions {
  /** The workspace folder: where `source-anchors.json` is, and what drafts may be read from. */
  root: string;
  /** Read unchanged sources from the persistent index, and save it (default: yes). */
  cache?: boolean;
  /** Corpus folders or globs over the configuration's (`--corpus`), relative to the root. */
  corpus?: string[] | undefined;
  /** Settings over `source-anchors.json`, as the editor's `sourceAnchors.*` settings are. */
  settings?: Partial<Config>;
  /** Where to say what happens (never standard output: it carries the protocol). */
  log?: (line: string) => void;
}

/** Where the corpus folders cannot be watched: how long a look at the disk holds. */
const FRESH_MS = 1000;
/** Documents changed since passage search was built, past which it is built again. */
const MAX_DELTA = 64;

/** A draft to read: its URI and the path shown for it, or why it is refused. */
export type DraftPick = { ok: true; uri: string; path: string } | { ok: false; message: string };

export class WorkspaceCorpus {
  readonly root: string;
  readonly rootUri: string;
  readonly config: Config;
  readonly service: SourceAnchorsService;
  readonly #workspace: NodeWorkspace;
  /** Reads drafts: refuses any file whose real path leaves the root (a symbolic link out). */
  readonly #drafts: NodeWorkspace;
  readonly #classifier: PathClassifier;
  /** Size and modification time of every source read, by URI. */
  #stamps = new Map<string, string>();
  #lookedAt = 0;
  #looking: Promise<void> | undefined;
  /** Watchers of the corpus folders; none when one could not be set (then the disk is polled). */
  #watchers: FSWatcher[] = [];
  /** Something changed in a watched folder since the last look. */
  #changed = false;
  readonly #log: (line: string) => void;

  private constructor(root: string, config: Config, workspace: NodeWorkspace, log: (line: string) => void) {
    this.root = root;
    this.rootUri = fileUri(root);
    this.config = config;
    this.#workspace = workspace;
    this.#drafts = new NodeWorkspace([this.rootUri]);
    this.#drafts.confine([root]);
    this.#classifier = new PathClassifier(config);
    // Passage search is built once the corpus is read (buildSearch), or by the first call that needs it.
    this.service = createService(undefined, undefined, { searchOnDemand: true });
    this.#log = log;
  }

  /** Reads the workspace's configuration and corpus; a string says why it cannot. */
  static async open(options: WorkspaceCorpusOptions): Promise<WorkspaceCorpus | string> {
    const root = resolve(options.root);
    const found = await findCorpus({ cwd: root, corpus: options.corpus, settings: options.settings ?? {} });
    if (typeof found === 'string') return found;
    const log = options.log ?? (() => {});
    const corpus = new WorkspaceCorpus(root, found.config, found.workspace, log);
    const where = options.cache === false ? undefined : await cacheLocation(found, root);
    const { cache } = await loadCorpus(found, where, corpus.service.index);
    corpus.#watch();
    corpus.#stamps = await stampsOf(found.sources);
    corpus.#lookedAt = Date.now();
    // After the corpus is served: a cache that cannot be written costs the next start time only.
    cache?.save().catch((e: unknown) => log(`cannot save the index cache: ${(e as Error).message}`));
    return corpus;
  }

  /** Builds passage search now (the first search would otherwise). */
  buildSearch(): void {
    if (!this.service.search.ready) this.service.search.rebuildNow();
  }

  /** Passage search as writers see it, built if it is not, or rebuilt once many documents changed since. */
  get passages(): SourceAnchorsService['passages'] {
    const search = this.service.search;
    if (!search.ready || search.deltaSize > MAX_DELTA) search.rebuildNow();
    return this.service.passages;
  }

  /**
   * Reads again the sources changed on disk since they were read, adds new ones, drops deleted
   * ones. With the corpus watched, it looks only after a change; else no more than once a
   * {@link FRESH_MS}. Calls meanwhile share one look.
   */
  async refresh(): Promise<void> {
    if (this.#watchers.length ? !this.#changed : Date.now() - this.#lookedAt < FRESH_MS) return;
    this.#changed = false;
    this.#looking ??= this.#lookAgain().finally(() => {
      this.#lookedAt = Date.now();
      this.#looking = undefined;
    });
    return this.#looking;
  }

  /** Stops watching the corpus. */
  close(): void {
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
  }

  /** Watches each corpus folder (recursively); if one cannot be watched, none is, and the disk is polled. */
  #watch(): void {
    const changed = () => void (this.#changed = true);
    try {
      for (const entry of this.config.corpus) {
        const w = watch(resolve(this.root, corpusFolder(entry)), { recursive: true }, changed);
        // A watcher that fails later (its folder removed): poll from then on.
        w.on('error', () => this.close());
        w.unref();
        this.#watchers.push(w);
      }
    } catch (e) {
      this.close();
      this.#log(`cannot watch the corpus (${(e as Error).message}): it is looked at once a second at most`);
    }
  }

  async #lookAgain(): Promise<void> {
    const found = await discoverFiles(this.#workspace, this.rootUri, this.config);
    const index = this.service.index;
    const now = new Set(found.sources);
    for (const uri of [...this.#stamps.keys()]) {
      if (now.has(uri)) continue;
      index.delete(uri);
      this.#stamps.delete(uri);
      this.#log(`gone: ${this.show(uri)}`);
    }
    const stamps = await stampsOf(found.sources);
    for (const [uri, stamp] of stamps) {
      if (stamp === this.#stamps.get(uri)) continue;
      index.set(await readSource(this.#workspace, uri));
      this.#stamps.set(uri, stamp);
      this.#log(`read again: ${this.show(uri)}`);
    }
  }

  /** A URI as a path relative to the workspace (`corpus/002-x.md`). */
  show(uri: string): string {
    return displayPath(uri, this.root);
  }

  /**
   * The draft at `path` (relative to the workspace), if reading it is allowed: inside the
   * workspace, also once symbolic links are followed, and a draft by the configuration.
   */
  async pickDraft(path: string): Promise<DraftPick> {
    const abs = resolve(this.root, path);
    const rel = relative(this.root, abs);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      return { ok: false, message: `Refused: ${path} leaves the workspace (${this.root}).` };
    const shown = rel.split(sep).join('/');
    if (this.#classifier.isSource(shown))
      return {
        ok: false,
        message: `Refused: ${shown} is a source of the corpus, not a draft: read it with get_passage.`,
      };
    if (!this.#classifier.isDraft(shown))
      return {
        ok: false,
        message: `Refused: ${shown} is not a draft of this workspace (drafts: ${this.config.drafts.join(', ')}).`,
      };
    try {
      const [real, realRoot] = await Promise.all([realpath(abs), realpath(this.root)]);
      const inside = relative(realRoot, real);
      if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
        return { ok: false, message: `Refused: ${shown} links to a file outside the workspace.` };
      if (!(await stat(real)).isFile()) return { ok: false, message: `Not a file: ${shown}.` };
    } catch {
      return { ok: false, message: `No such draft: ${shown}.` };
    }
    return { ok: true, uri: fileUri(abs), path: shown };
  }

  /** Reads a draft {@link pickDraft} allowed. */
  async readDraft(uri: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
    const decoded = await readText(this.#drafts, uri);
    return decoded.ok
      ? { ok: true, text: decoded.text }
      : { ok: false, message: `Cannot read ${this.show(uri)}: ${decoded.reason}` };
  }
}

/** Size and modification time of each file ('' when it cannot be stat'd), by URI. */
async function stampsOf(uris: readonly string[]): Promise<Map<string, string>> {
  const stamps = await Promise.all(
    uris.map(async (uri) => {
      try {
        const s = await stat(URI.parse(uri).fsPath);
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return '';
      }
    }),
  );
  return new Map(uris.map((uri, i) => [uri, stamps[i]!]));
}
