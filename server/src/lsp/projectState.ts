/**
 * The server's view of the workspace: its folders and their configuration, which files are
 * sources and drafts, and keeping the engine's indexes fresh as files are edited, saved,
 * created, renamed and deleted. Knows the disk and the open documents; speaks no LSP itself.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readFile, stat } from 'node:fs/promises';
import { URI } from 'vscode-uri';
import {
  CONFIG_FILE,
  confineToRoot,
  mergeConfig,
  parseConfigFile,
  PathClassifier,
  validateConfig,
  type Config,
} from '../engine/config.js';
import { fingerprint, parseSource } from '../engine/corpus/parseSource.js';
import { discoverFiles } from '../engine/discover.js';
import { parseDraft, type DraftParse } from '../engine/drafts/parseDraft.js';
import { reparseDraft } from '../engine/drafts/reparseDraft.js';
import type { Steps } from '../engine/steps.js';
import { loadSources, readSource, readText, type LoadProgress } from '../engine/index/loadSources.js';
import type { SourceAnchorsService } from '../engine/service.js';
import { canonicalUri, joinUri, relativePath } from '../engine/uris.js';
import { cacheKey, defaultCacheDir, DiskSourceCache } from '../node/diskSourceCache.js';
import { NodeWorkspace } from '../node/nodeWorkspace.js';
import { IndexingSignal } from './whileIndexing.js';
import { PendingSave } from './pendingSave.js';

export type FileRole = 'source' | 'draft' | 'config' | 'other';

/** A file an event touched, and what it is. */
export interface Touched {
  uri: string;
  role: FileRole;
}

/** Reading drafts gives the event loop a turn at least this often, in ms. */
const SLICE_MS = 10;

/** How long after indexing, the passage-search build and the writer's last request the persistent index is written. */
const SAVE_DELAY_MS = 2000;
/** …but not later than this after the build, however busy the writer. */
const SAVE_MAX_WAIT_MS = 30_000;

/** How long an open source's edits wait before it is parsed again. */
const SOURCE_DEBOUNCE_MS = 250;

interface Root {
  uri: string;
  config: Config;
  classifier: PathClassifier;
  errors: string[];
}

export interface Totals {
  sources: number;
  anchors: number;
  drafts: number;
}

/** Settings read from the editor, per folder (the `sourceAnchors` section). */
export type SettingsReader = (rootUri: string) => Promise<unknown>;

export class ProjectState {
  readonly service: SourceAnchorsService;
  readonly #workspace = new NodeWorkspace([]);
  #roots: Root[] = [];
  #rootUris: string[] = [];
  readonly #readSettings: SettingsReader;
  /** Open documents, by canonical URI. */
  readonly #open = new Map<string, TextDocument>();
  /** Parses of open Markdown files that are not drafts (completion and hover still work there). */
  readonly #looseDrafts = new Map<string, { version: number; draft: DraftParse }>();
  #generation = 0;
  readonly #sourceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #openedVersion = new Map<string, number>();
  /** Where the persistent index lives: the folder the editor gave, else the CLI's cache folder. */
  #cacheDir: string | undefined;
  #indexing = false;
  /** The persistent index waiting to be written, or being written. */
  readonly #save = new PendingSave(SAVE_DELAY_MS, SAVE_MAX_WAIT_MS);
  #trusted = true;
  /** The latest read of each file from disk (see #refreshFromDisk). */
  readonly #reads = new Map<string, number>();
  /** Fires as sources are read and when indexing ends: requests waiting for a document ask again. */
  readonly progress = new IndexingSignal();

  constructor(service: SourceAnchorsService, readSettings: SettingsReader) {
    this.service = service;
    this.#readSettings = readSettings;
  }

  setRoots(rootUris: readonly string[]): void {
    this.#rootUris = rootUris.map(canonicalUri);
    this.#confine();
  }

  /**
   * An untrusted workspace (the client says so in its initialization options) reads no source
   * outside its folders: corpus entries that leave a folder are refused (and reported), and a
   * file whose real path leads outside (a symbolic link) is not read.
   */
  setTrusted(trusted: boolean): void {
    this.#trusted = trusted;
    this.#confine();
  }

  get trusted(): boolean {
    return this.#trusted;
  }

  #confine(): void {
    this.#workspace.confine(this.#trusted ? undefined : this.#rootUris.map((u) => URI.parse(u).fsPath));
  }

  /** Keeps the persistent index in `dir` (the editor's storage folder for this workspace). */
  setCacheDir(dir: string | undefined): void {
    this.#cacheDir = dir;
  }

  /** Writes the persistent index now if it waits; resolves once it is written (before exiting). */
  flush(): Promise<void> {
    return this.#save.flush();
  }

  /** The writer made a request or an edit: the persistent index waits until they pause. */
  active(): void {
    this.#save.active();
  }

  /**
   * What the persistent index's save waits for after indexing: the owner's work that follows it
   * (the server: the rest of indexing, then the passage-search build). Asked when indexing ends.
   */
  afterIndexing: () => Promise<void> = () => Promise.resolve();

  /** True while the corpus is being read: a document missing from the index may only be unread yet. */
  get indexing(): boolean {
    return this.#indexing;
  }

  get roots(): readonly string[] {
    return this.#rootUris;
  }

  get configErrors(): string[] {
    return this.#roots.flatMap((r) => r.errors);
  }

  configFor(uri: string): Config {
    return this.#rootOf(uri)?.config ?? mergeConfig();
  }

  /** The workspace folder holding `uri` (or, for a corpus outside, the folder whose corpus it is). */
  rootOf(uri: string): string | undefined {
    return this.#rootOf(uri)?.uri;
  }

  /**
   * Forgets everything and reads every folder's configuration, sources and drafts again.
   * A newer call supersedes a running one.
   */
  async reindex(onProgress: (p: LoadProgress) => void): Promise<void> {
    const generation = ++this.#generation;
    this.#indexing = true;
    try {
      await this.#reindex(generation, (p) => {
        this.progress.fire();
        onProgress(p);
      });
    } finally {
      if (generation === this.#generation) this.#indexing = false;
      this.progress.fire();
    }
  }

  async #reindex(generation: number, onProgress: (p: LoadProgress) => void): Promise<void> {
    const isStale = () => generation !== this.#generation;
    const cancelled = {
      get isCancellationRequested() {
        return isStale();
      },
    };
    const roots: Root[] = [];
    for (const uri of this.#rootUris) roots.push(await this.#loadRoot(uri));
    if (cancelled.isCancellationRequested) return;
    this.#roots = roots;
    const sources: string[] = [];
    const drafts: string[] = [];
    for (const root of roots) {
      const found = await discoverFiles(this.#workspace, root.uri, root.config);
      for (const folder of found.missingFolders) {
        root.errors.push(
          `Corpus folder '${folder}' was not found in ${URI.parse(root.uri).fsPath}. Set "corpus" in ${CONFIG_FILE} or the sourceAnchors.corpus setting.`,
        );
      }
      sources.push(...found.sources);
      drafts.push(...found.drafts);
    }
    if (cancelled.isCancellationRequested) return;
    this.service.search.reset();
    this.service.index.clear();
    for (const uri of this.service.drafts.uris()) this.service.drafts.delete(uri);
    const cache = await this.#openCache(roots);
    // On this thread, without the CLI's parse thread: the worker's parses arrive as copies of the
    // corpus's text in buffers the process keeps after it has read them, and the server's peak
    // memory at 5,000 sources was 15–20 MB higher with it for 0.1–0.2 s less to ready (bench/RESULTS.md).
    await loadSources(this.#workspace, sources, this.service.index, onProgress, cancelled, cache);
    // Open sources: the editor's text wins over the disk.
    for (const doc of this.#open.values())
      if (this.roleOf(doc.uri) === 'source') this.#indexOpenSource(doc, false);
    // Files are read synchronously (NodeWorkspace): give requests a turn every SLICE_MS.
    let sliceStart = Date.now();
    for (const uri of drafts) {
      if (Date.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
      if (cancelled.isCancellationRequested) return;
      const open = this.#open.get(uri);
      const text = open ? open.getText() : await this.#readText(uri);
      if (text !== undefined) this.service.drafts.set(uri, text);
    }
    if (cache && !cancelled.isCancellationRequested)
      this.#save.schedule(() => cache.save(), this.afterIndexing());
  }

  /** The persistent index of these folders' corpora; none when there is no folder. */
  async #openCache(roots: readonly Root[]): Promise<DiskSourceCache | undefined> {
    if (!roots.length) return undefined;
    const dir = this.#cacheDir ?? (await defaultCacheDir(URI.parse(roots[0]!.uri).fsPath));
    return DiskSourceCache.open(dir, roots.map((r) => cacheKey(r.uri, r.config)).join('\n'));
  }

  /** What a file is to us, by its folder's configuration. */
  roleOf(uri: string): FileRole {
    const root = this.#rootOf(uri);
    if (!root) return 'other';
    const rel = relativePath(root.uri, uri);
    if (rel === CONFIG_FILE) return 'config';
    if (root.classifier.isSource(rel)) return 'source';
    if (root.classifier.isDraft(rel)) return 'draft';
    return 'other';
  }

  totals(): Totals {
    let anchors = 0;
    for (const d of this.service.index.docs()) anchors += d.anchorMap.size;
    return { sources: this.service.index.size, anchors, drafts: this.service.drafts.uris().length };
  }

  // ---- open documents ----

  opened(doc: TextDocument): FileRole {
    const uri = canonicalUri(doc.uri);
    this.#open.set(uri, doc);
    this.#openedVersion.set(uri, doc.version);
    const role = this.roleOf(uri);
    if (role === 'source') {
      if (this.#indexOpenSource(doc, false)) this.onSourceIndexed();
    } else if (role === 'draft') this.service.drafts.setText(uri, doc.getText());
    return role;
  }

  /**
   * An open document was edited: a draft's text is kept, to be parsed when something asks for
   * it (only its newest version is ever parsed); a source is parsed shortly after typing stops.
   */
  changed(doc: TextDocument): FileRole {
    const uri = canonicalUri(doc.uri);
    this.#open.set(uri, doc);
    const role = this.roleOf(uri);
    // The editor reports opening as a change too: only a newer version is an edit.
    if (role === 'source' && doc.version !== this.#openedVersion.get(uri)) {
      clearTimeout(this.#sourceTimers.get(uri));
      this.#sourceTimers.set(
        uri,
        setTimeout(() => {
          this.#sourceTimers.delete(uri);
          const latest = this.#open.get(uri);
          if (latest && this.#indexOpenSource(latest, true)) this.onSourceIndexed();
        }, SOURCE_DEBOUNCE_MS),
      );
    } else if (role === 'draft') this.service.drafts.setText(uri, doc.getText());
    return role;
  }

  /**
   * The version of the text the index holds for `uri`, for versioned edits: an open document's
   * editor version (its pending source edits indexed first, see {@link flushOpenSources}), or
   * null for a file read from disk. An editor applies an edit only to the version it names.
   */
  versionOf(uri: string): number | null {
    return this.#open.get(canonicalUri(uri))?.version ?? null;
  }

  /** Indexes now the open sources whose edits wait for typing to stop, so an edit sees them. */
  flushOpenSources(): void {
    let changed = false;
    for (const [uri, timer] of [...this.#sourceTimers]) {
      clearTimeout(timer);
      this.#sourceTimers.delete(uri);
      const latest = this.#open.get(uri);
      if (latest && this.#indexOpenSource(latest, true)) changed = true;
    }
    if (changed) this.onSourceIndexed();
  }

  /** Called after an open source's text was indexed anew (the owner re-checks drafts). */
  onSourceIndexed: () => void = () => {};

  /** A closed document goes back to its saved state on disk. */
  async closed(doc: TextDocument): Promise<FileRole> {
    const uri = canonicalUri(doc.uri);
    this.#open.delete(uri);
    this.#openedVersion.delete(uri);
    clearTimeout(this.#sourceTimers.get(uri));
    this.#looseDrafts.delete(uri);
    return this.#refreshFromDisk(uri);
  }

  /** The parse of an open Markdown document, draft or not: of its newest text, parsed now if it is not yet. */
  draftOf(doc: TextDocument): DraftParse {
    const uri = canonicalUri(doc.uri);
    if (this.roleOf(uri) === 'draft') return this.service.drafts.set(uri, doc.getText());
    const cached = this.#looseDrafts.get(uri);
    if (cached && cached.version === doc.version) return cached.draft;
    const draft = cached ? reparseDraft(cached.draft, doc.getText()) : parseDraft(doc.getText());
    this.#looseDrafts.set(uri, { version: doc.version, draft });
    return draft;
  }

  /** {@link draftOf} for a draft, a step at a time (see lsp/slices.ts). */
  *draftSteps(doc: TextDocument): Steps<DraftParse> {
    const uri = canonicalUri(doc.uri);
    if (this.roleOf(uri) !== 'draft') return this.draftOf(doc);
    return yield* this.service.drafts.setSteps(uri, doc.getText());
  }

  /** True when {@link draftOf} would answer without parsing. */
  isParsed(doc: TextDocument): boolean {
    const uri = canonicalUri(doc.uri);
    if (this.roleOf(uri) === 'draft')
      return this.service.drafts.isCurrent(uri) && this.service.drafts.get(uri)?.text === doc.getText();
    return this.#looseDrafts.get(uri)?.version === doc.version;
  }

  // ---- files on disk ----

  /**
   * A file (or folder) was created or changed on disk. Returns what it touched, with roles;
   * 'config' means everything must be reindexed. A folder moved in is read file by file.
   */
  async fileChanged(rawUri: string): Promise<Touched[]> {
    const uri = canonicalUri(rawUri);
    if (this.#open.has(uri)) return [{ uri, role: this.roleOf(uri) }];
    const role = await this.#refreshFromDisk(uri);
    if (role !== 'other') return [{ uri, role }];
    let inside: string[];
    try {
      inside = await this.#workspace.listFiles(uri);
    } catch {
      return [{ uri, role }];
    }
    const out: Touched[] = [];
    for (const file of inside) {
      const r = this.roleOf(file);
      if (r === 'other') continue;
      if (!this.#open.has(file)) await this.#refreshFromDisk(file);
      out.push({ uri: file, role: r });
    }
    return out;
  }

  /** A file or folder was deleted: it, and everything indexed under it, goes. */
  fileDeleted(rawUri: string): Touched[] {
    const uri = canonicalUri(rawUri);
    const prefix = `${uri}/`;
    const out: Touched[] = [];
    const known = [...this.service.index.docs().map((d) => d.uri), ...this.service.drafts.uris()];
    // Reads still running under the deleted path must not bring their files back.
    for (const u of this.#reads.keys()) if (u === uri || u.startsWith(prefix)) this.#nextRead(u);
    for (const u of new Set(known.filter((k) => k === uri || k.startsWith(prefix)))) {
      out.push({ uri: u, role: this.roleOf(u) });
      this.service.index.delete(u);
      this.service.drafts.delete(u);
    }
    if (!out.length) out.push({ uri, role: this.roleOf(uri) });
    return out;
  }

  // ---- internals ----

  /**
   * Indexes an open source's editor text; false when nothing changed. The text is skipped when it
   * equals what is indexed, and — until edited — when the file is in a legacy encoding that the
   * editor may have opened as UTF-8 (GBK, Big5): its bytes, decoded on disk, are the truth.
   */
  #indexOpenSource(doc: TextDocument, edited: boolean): boolean {
    const uri = canonicalUri(doc.uri);
    const existing = this.service.index.getByUri(uri);
    if (existing && !edited && !existing.encoding.startsWith('utf-8')) return false;
    const text = doc.getText();
    if (existing && existing.fingerprint === fingerprint(text)) return false;
    this.service.index.set(parseSource(uri, text, 'utf-8'));
    return true;
  }

  /**
   * Reads a file again into the index. Reads of one file may finish out of order, and a file may
   * be deleted while it is read (a branch switch): only the latest read of a file is kept (see
   * {@link #reads}), and a source that is gone when its read fails is removed, not kept as
   * unreadable.
   */
  async #refreshFromDisk(uri: string): Promise<FileRole> {
    const role = this.roleOf(uri);
    const ticket = this.#nextRead(uri);
    const stale = () => this.#reads.get(uri) !== ticket;
    if (role === 'source') {
      const doc = await readSource(this.#workspace, uri);
      if (stale()) return role;
      const gone = doc.unreadable && !(await exists(URI.parse(uri).fsPath));
      if (stale()) return role;
      if (gone) this.service.index.delete(uri);
      else this.service.index.set(doc);
    } else if (role === 'draft') {
      const text = await this.#readText(uri);
      if (stale()) return role;
      if (text === undefined) this.service.drafts.delete(uri);
      else this.service.drafts.set(uri, text);
    }
    return role;
  }

  /** Starts a new read of `uri` (or marks it deleted): reads started before are dropped when they end. */
  #nextRead(uri: string): number {
    const ticket = (this.#reads.get(uri) ?? 0) + 1;
    this.#reads.set(uri, ticket);
    return ticket;
  }

  async #readText(uri: string): Promise<string | undefined> {
    const decoded = await readText(this.#workspace, uri);
    return decoded.ok ? decoded.text : undefined;
  }

  async #loadRoot(uri: string): Promise<Root> {
    const errors: string[] = [];
    let fromFile: Partial<Config> = {};
    try {
      const text = await readFile(URI.parse(joinUri(uri, CONFIG_FILE)).fsPath, 'utf8');
      const parsed = parseConfigFile(text);
      errors.push(...parsed.errors);
      fromFile = parsed.config;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        errors.push(`Cannot read ${CONFIG_FILE}: ${(e as Error).message}`);
    }
    let fromSettings: Partial<Config> = {};
    try {
      const settings = await this.#readSettings(uri);
      const validated = validateConfig(dropUnset(settings), 'settings (sourceAnchors.*)');
      errors.push(...validated.errors);
      fromSettings = validated.config;
    } catch {
      // A client without workspace/configuration: the file and the defaults apply.
    }
    let config = mergeConfig(fromFile, fromSettings);
    if (!this.#trusted) {
      const confined = confineToRoot(config);
      config = confined.config;
      for (const entry of confined.refused)
        errors.push(
          `Untrusted workspace: the corpus '${entry}' lies outside ${URI.parse(uri).fsPath} and is not read. Trust this workspace to read it.`,
        );
    }
    return { uri, config, classifier: new PathClassifier(config), errors };
  }

  #rootOf(uri: string): Root | undefined {
    let best: Root | undefined;
    for (const r of this.#roots) {
      const rel = relativePath(r.uri, uri);
      if (rel.startsWith('../') || rel === '..') {
        // Outside this folder, unless it is one of its corpus folders outside (`../seeds`).
        if (!r.classifier.isSource(rel)) continue;
      }
      if (!best || r.uri.length > best.uri.length) best = r;
    }
    return best;
  }
}

/**
 * Editor settings arrive with every key present; `null` (the contributed default) and empty
 * objects mean "not set here", so `source-anchors.json` and the built-in defaults apply.
 */
function dropUnset(settings: unknown): unknown {
  if (!settings || typeof settings !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const key of ['corpus', 'drafts', 'exclude', 'severity', 'citationStyle', 'inlayHints', 'library']) {
    const value = (settings as Record<string, unknown>)[key];
    if (value === null || value === undefined) continue;
    if (key === 'severity' && typeof value === 'object' && Object.keys(value as object).length === 0)
      continue;
    out[key] = value;
  }
  return out;
}

/** True when something exists at `path` (a file, a folder, a broken link: not). */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
