/**
 * Reads source files into the index, yielding between files so a server keeps answering while
 * thousands of sources load. Reads run ahead of parsing ({@link READ_AHEAD} files in flight), so
 * the disk and the parser work at once; files are indexed in the order given. A file that cannot
 * be read or decoded becomes an `unreadable-source` entry and the rest go on. Given a
 * {@link SourceCache}, a file unchanged since an earlier run is taken from it, unread and unparsed.
 */
import { decodeBytes, type Decoded, type InvalidBytes } from '../corpus/decode.js';
import { idFromFileName, parseSource, sourceIdOf, unreadableSource } from '../corpus/parseSource.js';
import type { SourceDoc, SourceProblem } from '../corpus/sourceDoc.js';
import { range } from '../text/positions.js';
import type { CancellationToken, ICorpusWorkspace } from '../workspace.js';
import { NEVER_CANCELLED } from '../workspace.js';
import { fileName } from '../uris.js';
import type { CorpusIndex } from './corpusIndex.js';
import { deferredSource, markIdOnly } from './deferredSource.js';

export interface LoadProgress {
  done: number;
  total: number;
}

/**
 * Parses kept from an earlier run (the persistent index). The front end backs it with a file;
 * the engine only asks and tells.
 */
export interface SourceCache {
  /** The stored parse of `uri`, if the file is unchanged since it was stored. Never rejects. */
  lookup(uri: string): Promise<SourceDoc | undefined>;
  /** Keeps the parse of `content` (the bytes, or their size and hash), just read from `uri`. */
  store(uri: string, content: Uint8Array | ContentHash, doc: SourceDoc): void;
}

/** What a parser elsewhere tells of the bytes it read: their length and content hash. */
export interface ContentHash {
  size: number;
  hash: string;
  /** What the cache would otherwise compute from the parse to store it, computed there too. */
  encoded?: unknown;
}

/**
 * Reads and parses sources on another thread, so that two cores parse a cold corpus. `parse`
 * rejects when it cannot; the file is then read and parsed here.
 */
export interface SourceParser {
  parse(uri: string): Promise<{ doc: SourceDoc; content: ContentHash }>;
  /** How many files it has been given and not yet answered. */
  readonly backlog: number;
}

/** A file read for the index: its parse (from the cache, or from a parser with its content hash), or its bytes to parse. */
type Loaded = { doc: SourceDoc; content?: ContentHash } | { decoded: Decoded; bytes?: Uint8Array };

async function load(workspace: ICorpusWorkspace, uri: string, cache?: SourceCache): Promise<Loaded> {
  const doc = await cache?.lookup(uri);
  return doc ? { doc } : readHere(workspace, uri);
}

/** Reads and decodes a file here (not parsed yet), with its bytes when it could be read. */
async function readHere(
  workspace: ICorpusWorkspace,
  uri: string,
): Promise<{ decoded: Decoded; bytes?: Uint8Array }> {
  try {
    const bytes = await workspace.readFile(uri);
    return { bytes, decoded: decodeBytes(bytes) };
  } catch (e) {
    return { decoded: { ok: false, reason: (e as Error).message || String(e) } };
  }
}

/** Reads and decodes one file (a source or a draft). Never throws: a failure is a reason. */
export async function readText(workspace: ICorpusWorkspace, uri: string): Promise<Decoded> {
  return (await readHere(workspace, uri)).decoded;
}

/** Reads, decodes and parses one source. Never throws. */
export async function readSource(workspace: ICorpusWorkspace, uri: string): Promise<SourceDoc> {
  return sourceFromDecoded(uri, await readText(workspace, uri));
}

export function sourceFromBytes(uri: string, bytes: Uint8Array): SourceDoc {
  return sourceFromDecoded(uri, decodeBytes(bytes));
}

function sourceFromDecoded(uri: string, decoded: Decoded): SourceDoc {
  if (!decoded.ok) return unreadableSource(uri, decoded.reason);
  let doc: SourceDoc;
  try {
    doc = parseSource(uri, decoded.text, decoded.encoding);
  } catch (e) {
    return unreadableSource(uri, `the parser failed (${(e as Error).message})`);
  }
  const bad = decoded.invalidBytes;
  if (bad) doc.problems.unshift(invalidBytesProblem(bad));
  return doc;
}

/** One report for all the bad bytes of a mostly-UTF-8 file, at the first of them. */
function invalidBytesProblem({ count, line, character }: InvalidBytes): SourceProblem {
  const what = count === 1 ? 'a byte sequence that is' : `${count} byte sequences that are`;
  return {
    code: 'invalid-bytes',
    range: range(line, character, line, character + 1),
    message: `This UTF-8 file has ${what} not UTF-8 (the first on line ${line + 1}); each is shown as \uFFFD. Save the file as UTF-8 to fix it.`,
  };
}

/** How many files are being read while the parser works on an earlier one. */
const READ_AHEAD = 32;
/**
 * With a {@link SourceParser}, a file goes to it while it has fewer than this many waiting (enough
 * for a {@link SLICE_MS} slice here, while its replies wait), else this thread parses it: each goes
 * as fast as it can. Deciding when a file was read ahead, 200 files before its turn, left this
 * thread idle: at 5,000 sources it waited on the parser for two thirds of the load (bench/RESULTS.md).
 */
const PARSER_QUEUE = 160;
/** Loading gives the event loop a turn (requests, progress) at least this often, in ms. */
const SLICE_MS = 10;

/** Waits for the next turn of the event loop, after pending I/O (not just after promise jobs). */
const nextTurn = () =>
  new Promise<void>((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

/**
 * Loads `uris` into `index`. With `parseOnly`, a source whose id it refuses (and that the cache
 * does not have) is read, decoded and kept unparsed (`deferredSource.ts`), and every source it
 * refuses is marked id-only: `check` parses just the sources its drafts cite.
 */
export async function loadSources(
  workspace: ICorpusWorkspace,
  uris: readonly string[],
  index: CorpusIndex,
  onProgress: (p: LoadProgress) => void = () => {},
  token: CancellationToken = NEVER_CANCELLED,
  cache?: SourceCache,
  parser?: SourceParser,
  parseOnly?: (id: string) => boolean,
): Promise<void> {
  if (parser) return loadShared(workspace, uris, index, onProgress, token, cache, parser, parseOnly);
  const total = uris.length;
  onProgress({ done: 0, total });
  const reads: Promise<Loaded>[] = [];
  const readAt = (i: number) => {
    if (i < total) reads[i] = load(workspace, uris[i]!, cache);
  };
  for (let i = 0; i < READ_AHEAD; i++) readAt(i);
  let sliceStart = Date.now();
  for (let i = 0; i < total; i++) {
    if (Date.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = Date.now();
    }
    const loaded = await reads[i]!;
    delete reads[i];
    if (token.isCancellationRequested) return;
    readAt(i + READ_AHEAD);
    take(uris[i]!, loaded, index, cache, parseOnly);
    onProgress({ done: i + 1, total });
  }
}

/** Puts a loaded file into the index (and the cache): parsed, taken as it came, or kept unparsed. */
function take(
  uri: string,
  loaded: Loaded,
  index: CorpusIndex,
  cache: SourceCache | undefined,
  parseOnly: ((id: string) => boolean) | undefined,
): void {
  if ('doc' in loaded) {
    if (loaded.content) cache?.store(uri, loaded.content, loaded.doc);
    if (parseOnly && !loaded.doc.unreadable && !parseOnly(loaded.doc.id)) markIdOnly(loaded.doc);
    index.set(loaded.doc);
    return;
  }
  const { decoded } = loaded;
  if (parseOnly && decoded.ok) {
    const id = sourceIdOf(uri, decoded.text);
    // Not asked for: parsed only if something reads more than its id (not kept in the cache).
    if (!parseOnly(id)) {
      index.set(markIdOnly(deferredSource(uri, decoded, sourceFromDecoded, id)));
      return;
    }
  }
  const doc = sourceFromDecoded(uri, decoded);
  if (loaded.bytes) cache?.store(uri, loaded.bytes, doc);
  index.set(doc);
}

/**
 * {@link loadSources} with a parser: a file the cache does not have goes to the parser while it has
 * fewer than {@link PARSER_QUEUE} waiting, else this thread reads and parses it; each enters the
 * index when its parse is ready (so not quite in the order given: the index does not depend on it).
 */
async function loadShared(
  workspace: ICorpusWorkspace,
  uris: readonly string[],
  index: CorpusIndex,
  onProgress: (p: LoadProgress) => void,
  token: CancellationToken,
  cache: SourceCache | undefined,
  parser: SourceParser,
  parseOnly: ((id: string) => boolean) | undefined,
): Promise<void> {
  const total = uris.length;
  onProgress({ done: 0, total });
  let done = 0;
  const stopped = () => token.isCancellationRequested;
  const finish = (uri: string, loaded: Loaded) => {
    if (stopped()) return;
    take(uri, loaded, index, cache, parseOnly);
    onProgress({ done: ++done, total });
  };
  const away = new Set<Promise<void>>();
  let sliceStart = Date.now();
  for (const [i, uri] of uris.entries()) {
    if (Date.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = Date.now();
    }
    if (stopped()) return;
    const cached = await cache?.lookup(uri);
    if (cached) {
      finish(uri, { doc: cached });
      continue;
    }
    // Near the end the parser gets no more than this thread has left, so neither waits long for
    // the other. A file whose name gives an id not asked for is read here: its front matter may
    // give another.
    const room = Math.min(PARSER_QUEUE, (total - i) / 2);
    if (parser.backlog < room && (!parseOnly || parseOnly(idFromFileName(fileName(uri))))) {
      const sent: Promise<void> = parser
        .parse(uri)
        .then(
          (parsed) => finish(uri, parsed),
          // The parser could not: read and parse it here (unless loading stopped, and closed it).
          async () => {
            if (!stopped()) finish(uri, await readHere(workspace, uri));
          },
        )
        .finally(() => away.delete(sent));
      away.add(sent);
      continue;
    }
    finish(uri, await readHere(workspace, uri));
  }
  while (away.size && !stopped()) await Promise.race(away);
}
