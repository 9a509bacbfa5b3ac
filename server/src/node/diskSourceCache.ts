/**
 * The persistent index on disk: the parsed sources of one corpus in one file, so that the next run
 * (the CLI again, or the server's next start) takes each unchanged source from it instead of
 * reading and parsing it.
 *
 * An entry is keyed by the file's path, size and mtime; when only the mtime moved (a checkout, a
 * copy), the content hash decides. The file is `JSON\n<sha1 of JSON>\n` and names its format, the
 * parser's version and the corpus it belongs to: a stale, truncated, damaged or foreign file is
 * ignored (and replaced on save), never trusted. Saving writes a temporary file and renames it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { SourceDoc } from '../engine/corpus/sourceDoc.js';
import type { SourceCache } from '../engine/index/loadSources.js';
import { decodeSource, encodeSource, type EncodedSource } from '../engine/index/sourceCodec.js';

const FORMAT = 'source-anchors-index/1';

interface Entry {
  uri: string;
  size: number;
  mtimeMs: number;
  hash: string;
  doc: EncodedSource;
}

interface CacheFile {
  format: string;
  version: string;
  corpus: string;
  entries: Entry[];
}

export class DiskSourceCache implements SourceCache {
  readonly #file: string;
  readonly #version: string;
  readonly #corpus: string;
  readonly #old: Map<string, Entry>;
  readonly #next = new Map<string, Entry>();
  readonly #stats = new Map<string, { size: number; mtimeMs: number }>();
  #changed: boolean;

  private constructor(file: string, version: string, corpus: string, old: Map<string, Entry>) {
    this.#file = file;
    this.#version = version;
    this.#corpus = corpus;
    this.#old = old;
    this.#changed = false;
  }

  /**
   * Opens the cache of the corpus named `corpus` (e.g. the workspace folder and its corpus
   * globs) in folder `dir`. Whatever is wrong with the file, the cache opens, empty.
   */
  static async open(dir: string, corpus: string, version = parserVersion()): Promise<DiskSourceCache> {
    const file = join(dir, `index-${sha1(corpus).slice(0, 16)}.json`);
    return new DiskSourceCache(file, version, corpus, await readEntries(file, version, corpus));
  }

  /** Where the file is. */
  get file(): string {
    return this.#file;
  }

  async lookup(uri: string): Promise<SourceDoc | undefined> {
    try {
      const path = URI.parse(uri).fsPath;
      const { size, mtimeMs } = statSync(path);
      this.#stats.set(uri, { size, mtimeMs });
      const entry = this.#old.get(uri);
      if (!entry || entry.size !== size) return undefined;
      if (entry.mtimeMs !== mtimeMs) {
        if (sha1(readFileSync(path)) !== entry.hash) return undefined;
        this.#changed = true;
      }
      const doc = decodeSource(entry.doc);
      if (doc) this.#next.set(uri, { ...entry, mtimeMs });
      return doc;
    } catch {
      return undefined;
    }
  }

  store(uri: string, bytes: Uint8Array, doc: SourceDoc): void {
    // The stat taken before reading: if the file changes after, its mtime will differ next time.
    const seen = this.#stats.get(uri);
    if (!seen || seen.size !== bytes.length) return;
    this.#next.set(uri, { uri, ...seen, hash: sha1(bytes), doc: encodeSource(doc) });
    this.#changed = true;
  }

  /** Writes the entries looked up or stored since opening, when they differ from the file's. */
  async save(): Promise<void> {
    if (!this.#changed && this.#next.size === this.#old.size) return;
    const data: CacheFile = {
      format: FORMAT,
      version: this.#version,
      corpus: this.#corpus,
      entries: [...this.#next.values()],
    };
    const json = JSON.stringify(data);
    const dir = join(this.#file, '..');
    await mkdir(dir, { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temp, `${json}\n${sha1(json)}\n`);
    await rename(temp, this.#file);
  }
}

async function readEntries(file: string, version: string, corpus: string): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  try {
    // Read at once and hashed as bytes: at 50 MB, several times faster than fs/promises with 'utf8'.
    const bytes = readFileSync(file);
    const cut = bytes.lastIndexOf(10, bytes.length - 2);
    if (cut < 0 || bytes[bytes.length - 1] !== 10) return out;
    const json = bytes.subarray(0, cut);
    if (sha1(json) !== bytes.subarray(cut + 1, -1).toString('latin1')) return out;
    const data = JSON.parse(json.toString('utf8')) as CacheFile;
    if (data.format !== FORMAT || data.version !== version || data.corpus !== corpus) return out;
    for (const e of data.entries) out.set(e.uri, e);
  } catch {
    // No file, or not ours: start empty.
  }
  return out;
}

function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

declare const SOURCE_ANCHORS_ENGINE_HASH: string | undefined;

/**
 * The parser's version: a hash of the engine's sources and the lock file, computed by the build
 * (esbuild.mjs), so the CLI and the server share one cache and any change to the parser makes it
 * stale. Unbundled (tests), 'dev'.
 */
export function parserVersion(): string {
  return typeof SOURCE_ANCHORS_ENGINE_HASH === 'string' ? SOURCE_ANCHORS_ENGINE_HASH : 'dev';
}

/** What names a corpus: its workspace folder and where its sources are configured to be. */
export function cacheKey(
  rootUri: string,
  config: { corpus: readonly string[]; exclude: readonly string[] },
): string {
  return JSON.stringify([rootUri, config.corpus, config.exclude]);
}

/**
 * The CLI's cache folder, and the server's when the editor gives none: `$XDG_CACHE_HOME/source-anchors`,
 * else `node_modules/.cache/source-anchors` under `root` when it has a `node_modules`, else
 * `~/.cache/source-anchors`.
 */
export async function defaultCacheDir(root: string): Promise<string> {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return join(xdg, 'source-anchors');
  try {
    if ((await stat(join(root, 'node_modules'))).isDirectory())
      return join(root, 'node_modules', '.cache', 'source-anchors');
  } catch {
    // No node_modules here.
  }
  return join(homedir(), '.cache', 'source-anchors');
}
