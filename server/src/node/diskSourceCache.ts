/**
 * The persistent index on disk: the parsed sources of one corpus, so that the next run (the CLI
 * again, or the server's next start) takes each unchanged source from it instead of reading and
 * parsing it.
 *
 * Two files per corpus, written together (a temporary file each, then renamed):
 * - `index-<key>.bin`, small and read whole at start: {@link MAGIC}, the SHA-1 of the rest, then
 *   `v8.serialize` of the format, the parser's version, the corpus, the id of the texts file, and
 *   for each source its path, size, mtime (ns), inode, content hash and parse without blocks
 *   (`sourceCodec.ts`);
 * - `index-<key>.texts`: {@link TEXTS_MAGIC}, the texts file's id, then each source's blocks as
 *   JSON, one slice per source, hashed one by one; a slice is read (one `pread`) only when the
 *   document's `blocks` are first asked for — `check` asks for the few its drafts quote.
 *
 * Whether a source is unchanged is decided as git decides for its index ("racy git"): an entry
 * whose size, mtime and inode are those on disk is trusted without reading the file, but only when
 * its mtime is older than the file-system clock at the start of the run that last read it (so a
 * write in the same clock tick as that read cannot hide); otherwise the file is read and its
 * content hash decides. A stale, truncated, damaged or foreign index is ignored (and replaced on
 * save), never trusted; a damaged or missing texts slice makes that document parsed again.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { filePath } from './nodeWorkspace.js';
import type { SourceDoc } from '../engine/corpus/sourceDoc.js';
import { sourceFromBytes, type ContentHash, type SourceCache } from '../engine/index/loadSources.js';
import { unreadableSource } from '../engine/corpus/parseSource.js';
import {
  blocksPending,
  decodeSource,
  encodeSource,
  type BlockLoader,
  type EncodedSource,
} from '../engine/index/sourceCodec.js';

const FORMAT = 'source-anchors-index/2';
/** How long a save writes before it lets the event loop run (ms). */
const SAVE_SLICE_MS = 8;
const MAGIC = Buffer.from('SAINDEX2');
const TEXTS_MAGIC = Buffer.from('SATEXTS2');
/** The texts file's id: 16 random bytes after its magic. */
const TEXTS_HEADER = TEXTS_MAGIC.length + 16;

/** Where a source's blocks are in the texts file: offset, length, SHA-1 of the slice. */
type Slice = [offset: number, length: number, hash: string];

interface Entry {
  uri: string;
  size: number;
  mtimeNs: bigint;
  ino: bigint;
  /** SHA-1 of the file's bytes. */
  hash: string;
  /** The mtime was older than the file-system clock when the file was last read or hashed. */
  settled: boolean;
  doc: EncodedSource;
  texts: Slice;
}

interface IndexFile {
  format: string;
  version: string;
  corpus: string;
  /** Hex id of the texts file written with this index. */
  textsId: string;
  entries: Entry[];
}

/** An entry for the next save: kept from the old index, or a fresh parse whose blocks are to write. */
interface Next {
  entry: Omit<Entry, 'texts' | 'doc'>;
  doc: SourceDoc;
  /** The old index's encoding and slice, still good. */
  old?: { doc: EncodedSource; texts: Slice };
  /** The blocks' slice, already encoded (by the parse worker), while the document has not read it. */
  encoded?: HeldTexts;
}

/** A source's blocks as its texts-file slice: JSON in UTF-8, and its SHA-1. */
export interface EncodedTexts {
  bytes: Uint8Array;
  hash: string;
}

/** The texts-file slice of `doc`'s blocks (what a parse worker sends along, to spare the main thread). */
export function encodeTexts(doc: SourceDoc): EncodedTexts {
  const bytes = new TextEncoder().encode(JSON.stringify(doc.blocks));
  return { bytes, hash: sha1(bytes) };
}

/**
 * A parse as the parse worker sends it: the parse without blocks (`sourceCodec.ts`), from which the
 * main thread takes the document in (`decodeSource`), and the blocks' texts-file slice.
 */
export interface ParseEncoding {
  texts: EncodedTexts;
  source: EncodedSource;
}

/**
 * The worker's slice of a document's blocks, for the save to write as it is. `texts` goes once the
 * document has read its blocks from it (a UTF-8 copy of the source's text is not worth keeping
 * where every block is read, as in the language server); the save then encodes the blocks again.
 */
export interface HeldTexts {
  texts?: EncodedTexts;
}

function isHeldTexts(x: unknown): x is HeldTexts {
  const e = x as HeldTexts | undefined;
  if (!e || typeof e !== 'object') return false;
  return e.texts === undefined || (e.texts.bytes instanceof Uint8Array && typeof e.texts.hash === 'string');
}

export interface FileStat {
  size: number;
  mtimeNs: bigint;
  ino: bigint;
}

export class DiskSourceCache implements SourceCache {
  readonly #file: string;
  readonly #version: string;
  readonly #corpus: string;
  #old: Map<string, Entry>;
  #textsId: string;
  #texts: TextsReader;
  readonly #next = new Map<string, Next>();
  readonly #stats = new Map<string, FileStat>();
  /** The file-system clock at open: a file with an older mtime cannot change unseen after. */
  readonly #clockNs: bigint;
  #changed = false;
  /** Set by {@link dropStores}: stores are counted, not kept, and this cache is never saved. */
  #storesDropped = false;

  private constructor(
    file: string,
    version: string,
    corpus: string,
    read: IndexFile | undefined,
    clockNs: bigint,
  ) {
    this.#file = file;
    this.#version = version;
    this.#corpus = corpus;
    this.#old = new Map((read?.entries ?? []).map((e) => [e.uri, e]));
    this.#textsId = read?.textsId ?? '';
    this.#texts = new TextsReader(this.textsFile, this.#textsId);
    this.#clockNs = clockNs;
  }

  /** Whether a save would write anything (a source was stored or dropped since the last). */
  get needsSave(): boolean {
    return this.#changed || this.#next.size !== this.#old.size;
  }

  /** The file a detached writer of this cache names itself in (cacheWriter.ts). */
  get writerFile(): string {
    return `${this.#file}.writer`;
  }

  /**
   * Opens the cache of the corpus named `corpus` (e.g. the workspace folder and its corpus
   * globs) in folder `dir`. Whatever is wrong with the files, the cache opens, empty.
   */
  static async open(dir: string, corpus: string, version = parserVersion()): Promise<DiskSourceCache> {
    const file = join(dir, `index-${sha1(corpus).slice(0, 16)}.bin`);
    const clockNs = fileSystemClock(dir);
    return new DiskSourceCache(file, version, corpus, readIndex(file, version, corpus), clockNs);
  }

  /** The file-system clock when the cache was opened (0 when unknown). */
  get clockNs(): bigint {
    return this.#clockNs;
  }

  /** Size, mtime (ns) and inode of source `uri` as this run saw it before reading it. */
  statOf(uri: string): Readonly<FileStat> | undefined {
    return this.#stats.get(uri);
  }

  /** Where the index file is (the texts file is beside it, `.texts` for `.bin`). */
  get file(): string {
    return this.#file;
  }

  get textsFile(): string {
    return this.#file.replace(/\.bin$/, '.texts');
  }

  async lookup(uri: string): Promise<SourceDoc | undefined> {
    try {
      const path = filePath(uri);
      const s = statSync(path, { bigint: true });
      const now: FileStat = { size: Number(s.size), mtimeNs: s.mtimeNs, ino: s.ino };
      this.#stats.set(uri, now);
      const entry = this.#old.get(uri);
      if (!entry || entry.size !== now.size) return undefined;
      const same = entry.settled && entry.mtimeNs === now.mtimeNs && entry.ino === now.ino;
      if (!same) {
        if (contentHash(readFileSync(path)) !== entry.hash) return undefined;
        // Written again only if that teaches the next run something: a new stat, or now settled
        // (a file dated in the future stays unsettled, and is hashed every run without a rewrite).
        const moved = entry.mtimeNs !== now.mtimeNs || entry.ino !== now.ino;
        if (moved || now.mtimeNs < this.#clockNs) this.#changed = true;
      }
      const { doc: encoded, texts } = entry;
      const doc = decodeSource(encoded, this.#blockLoader(uri, path, encoded));
      if (!doc) return undefined;
      this.#next.set(uri, {
        entry: { uri, hash: entry.hash, ...now, settled: now.mtimeNs < this.#clockNs },
        doc,
        old: { doc: encoded, texts },
      });
      return doc;
    } catch {
      return undefined;
    }
  }

  /**
   * From now on a parse stored is not kept, only noted ({@link needsSave} turns true), and
   * {@link save} writes nothing: for a `check` whose cache a detached writer saves (cacheWriter.ts),
   * which reads and parses the sources again, so that hashing and keeping each parse here (about
   * 3 % of a cold check at 1,000 sources) would be work thrown away. Lookups are as before.
   */
  dropStores(): void {
    this.#storesDropped = true;
  }

  store(uri: string, content: Uint8Array | ContentHash, doc: SourceDoc): void {
    // The stat taken before reading: if the file changes after, its mtime will differ next time.
    const seen = this.#stats.get(uri);
    const { size, hash } = content instanceof Uint8Array ? { size: content.length, hash: '' } : content;
    if (!seen || seen.size !== size) return;
    if (this.#storesDropped) {
      this.#changed = true;
      return;
    }
    this.#next.set(uri, {
      entry: {
        uri,
        ...seen,
        hash: content instanceof Uint8Array ? contentHash(content) : hash,
        settled: seen.mtimeNs < this.#clockNs,
      },
      doc,
      ...(!(content instanceof Uint8Array) && isHeldTexts(content.encoded)
        ? { encoded: content.encoded }
        : {}),
    });
    this.#changed = true;
  }

  /**
   * The blocks of a source taken from the cache: its slice of the texts file (the file current at
   * the time asked), else — a damaged or missing slice — the file parsed again; when the file no
   * longer is what was cached, that fresh parse replaces the document.
   */
  #blockLoader(uri: string, path: string, encoded: EncodedSource): BlockLoader {
    return () => {
      const slice = this.#next.get(uri)?.old?.texts ?? this.#old.get(uri)?.texts;
      const bytes = slice && this.#texts.read(slice);
      if (bytes) {
        try {
          const blocks: unknown = JSON.parse(bytes.toString('utf8'));
          if (Array.isArray(blocks) && blocks.length === encoded.blockCount) return { blocks };
        } catch {
          // A damaged slice: parse the file again.
        }
      }
      const next = this.#next.get(uri);
      if (next) delete next.old;
      this.#changed = true;
      let fresh: SourceDoc;
      try {
        fresh = sourceFromBytes(uri, readFileSync(path));
      } catch (e) {
        fresh = unreadableSource(uri, (e as Error).message || String(e));
      }
      if (fresh.fingerprint === encoded.fingerprint && fresh.blocks.length === encoded.blockCount)
        return { blocks: fresh.blocks };
      this.#next.delete(uri);
      return { fresh };
    };
  }

  /**
   * Writes the entries looked up or stored since opening, when they differ from the files'. The
   * texts file is written a slice at a time, yielding to the event loop every few milliseconds, so
   * the server keeps answering and no second copy of the corpus's text is held while saving.
   * Saves run one after another.
   */
  save(): Promise<void> {
    this.#saving = this.#saving.then(() => this.#save());
    return this.#saving;
  }

  #saving: Promise<void> = Promise.resolve();

  async #save(): Promise<void> {
    if (this.#storesDropped) return;
    if (!this.#changed && this.#next.size === this.#old.size) return;
    // Stores made while this save runs mark the cache changed again, for the next save.
    this.#changed = false;
    const textsId = randomBytes(16);
    let offset = TEXTS_HEADER;
    const saved: [Next, Entry][] = [];
    const nexts = [...this.#next.values()];
    // Kept slices are copied as they are (their hash goes with them): the old file is read once.
    const oldTexts = nexts.some((n) => n.old) ? readTexts(this.textsFile, this.#textsId) : undefined;
    await mkdir(join(this.#file, '..'), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    const textsTemp = `${this.textsFile}.${process.pid}.tmp`;
    const fd = openSync(textsTemp, 'w');
    try {
      writeSync(fd, TEXTS_MAGIC);
      writeSync(fd, textsId);
      let slice = performance.now();
      for (const next of nexts) {
        if (performance.now() - slice > SAVE_SLICE_MS) {
          await new Promise((done) => setImmediate(done));
          slice = performance.now();
        }
        if (this.#next.get(next.entry.uri) !== next) continue;
        let bytes: Buffer | undefined;
        let hash: string | undefined;
        let encoded = next.old?.doc;
        if (next.old && oldTexts) {
          const [at, length] = next.old.texts;
          if (at + length <= oldTexts.length) bytes = oldTexts.subarray(at, at + length);
          hash = next.old.texts[2];
        }
        const texts = next.encoded?.texts;
        if (!bytes && texts) {
          bytes = Buffer.from(texts.bytes.buffer, texts.bytes.byteOffset, texts.bytes.byteLength);
          hash = texts.hash;
        }
        if (!bytes) {
          // Reading `blocks` may parse the file again and find it changed: then it is not kept.
          const blocks = next.doc.blocks;
          if (this.#next.get(next.entry.uri) !== next) continue;
          bytes = Buffer.from(JSON.stringify(blocks));
          hash = sha1(bytes);
        }
        encoded ??= encodeSource(next.doc);
        writeSync(fd, bytes);
        saved.push([next, { ...next.entry, doc: encoded, texts: [offset, bytes.length, hash!] }]);
        offset += bytes.length;
      }
    } catch (e) {
      this.#changed = true;
      throw e;
    } finally {
      closeSync(fd);
    }
    const entries = saved.map(([, e]) => e);
    const data: IndexFile = {
      format: FORMAT,
      version: this.#version,
      corpus: this.#corpus,
      textsId: textsId.toString('hex'),
      entries,
    };
    const payload = serialize(data);
    await writeFile(temp, [MAGIC, createHash('sha1').update(payload).digest(), payload]);
    await rename(textsTemp, this.textsFile);
    await rename(temp, this.#file);
    // Documents not yet asked for their blocks now find them in the new texts file.
    this.#old = new Map(entries.map((e) => [e.uri, e]));
    this.#textsId = data.textsId;
    this.#texts.close();
    this.#texts = new TextsReader(this.textsFile, this.#textsId);
    for (const [next, e] of saved) {
      // A document stored again while saving is not the one written: it keeps no slice.
      if (this.#next.get(e.uri) !== next) continue;
      if (blocksPending(next.doc)) next.old = { doc: e.doc, texts: e.texts };
      else delete next.old;
      // Written: the worker's encoding (a copy of the blocks' text) is not held any longer.
      delete next.encoded;
    }
  }
}

/** The index file's contents when it is ours, whole, and for this parser and corpus. */
function readIndex(file: string, version: string, corpus: string): IndexFile | undefined {
  try {
    const bytes = readFileSync(file);
    const start = MAGIC.length + 20;
    if (bytes.length < start || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const payload = bytes.subarray(start);
    const digest = createHash('sha1').update(payload).digest();
    if (!digest.equals(bytes.subarray(MAGIC.length, start))) return undefined;
    const data = deserialize(payload) as IndexFile;
    if (data?.format !== FORMAT || data.version !== version || data.corpus !== corpus) return undefined;
    if (!Array.isArray(data.entries) || typeof data.textsId !== 'string') return undefined;
    return data;
  } catch {
    return undefined;
  }
}

/** The whole texts file whose id is `id`, if it is that one. */
function readTexts(file: string, id: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.length < TEXTS_HEADER || !bytes.subarray(0, TEXTS_MAGIC.length).equals(TEXTS_MAGIC))
      return undefined;
    return bytes.subarray(TEXTS_MAGIC.length, TEXTS_HEADER).toString('hex') === id ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads slices of one texts file (the one whose id is `id`) through one descriptor, opened on the
 * first read and closed after a second without reads (a server does not keep it open for long).
 */
class TextsReader {
  #fd: number | undefined;
  #closer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly file: string,
    readonly id: string,
  ) {}

  /** One slice, if the file is that one and the slice is whole. */
  read([offset, length, hash]: Slice): Buffer | undefined {
    try {
      const fd = this.#open();
      if (fd === undefined) return undefined;
      const bytes = Buffer.alloc(length);
      if (readSync(fd, bytes, 0, length, offset) !== length) return undefined;
      return sha1(bytes) === hash ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  close(): void {
    clearTimeout(this.#closer);
    this.#closer = undefined;
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #open(): number | undefined {
    clearTimeout(this.#closer);
    this.#closer = setTimeout(() => this.close(), 1000);
    this.#closer.unref?.();
    if (this.#fd !== undefined) return this.#fd;
    const fd = openSync(this.file, 'r');
    const header = Buffer.alloc(TEXTS_HEADER);
    const good =
      readSync(fd, header, 0, TEXTS_HEADER, 0) === TEXTS_HEADER &&
      header.subarray(0, TEXTS_MAGIC.length).equals(TEXTS_MAGIC) &&
      header.subarray(TEXTS_MAGIC.length).toString('hex') === this.id;
    if (!good) {
      closeSync(fd);
      return undefined;
    }
    return (this.#fd = fd);
  }
}

/**
 * The file-system clock now, as the mtime of a file just written in `dir` (the clock file mtimes
 * are compared with; it may differ from `Date.now()`). 0 when `dir` cannot be written: then no
 * entry is trusted on its mtime alone.
 */
function fileSystemClock(dir: string): bigint {
  const probe = join(dir, `.clock-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    const { mtimeNs } = statSync(probe, { bigint: true });
    unlinkSync(probe);
    return mtimeNs;
  } catch {
    return 0n;
  }
}

/** The hash an entry keeps of its file's bytes (SHA-1, hex). */
export function contentHash(bytes: Uint8Array): string {
  return sha1(bytes);
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
