/**
 * `check`'s own results, kept beside the index cache (`checks-<key>.bin`), as ESLint's `--cache`
 * keeps lint results: a draft whose text, corpus and configuration are what they were at the last
 * run gets that run's report without being parsed or checked again.
 *
 * A result is reused only under the same **state**: a hash of the parser's version, the
 * configuration, every source's path and fingerprint (the length and hash of its text) and the ids
 * the run's drafts cite (a report's suggestions look among those sources). Any source that changes,
 * appears or goes changes the state, and every draft is checked again; a corpus with an unreadable
 * source has no state, and nothing is kept. Each draft's entry holds the SHA-1 of its text. The
 * file is `SACHECK2`, the SHA-1 of the rest, then `v8.serialize` of `{ state, entries, corpus }`: a
 * damaged, truncated or foreign file is ignored and replaced, never trusted.
 *
 * Example: `check drafts` twice over an unchanged corpus — the second run reads each draft, hashes
 * it, finds the entry and prints the stored report; after `corpus/002.md` is edited, the state
 * differs and all drafts are checked again (and stored under the new state).
 *
 * **Without reading the corpus.** The file also records the corpus the state was computed from:
 * every source's size, mtime (ns) and inode, when each mtime was older than the file-system clock
 * of that run (git's racy rule, as the index cache applies it), with the drafts checked, the
 * sources' own reports and the summary's counts. {@link CheckResultCache.unchanged} `stat`s the
 * sources found now: the same set with the same stats, under the same parser, configuration and
 * corpus name, is the same corpus, and when the same drafts are checked and every one has its
 * report, `check` answers without opening the index at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { CorpusCounts, FileReport } from '../engine/checkFiles.js';
import type { Config } from '../engine/config.js';
import type { CorpusIndex } from '../engine/index/corpusIndex.js';
import { filePath } from './nodeWorkspace.js';
import { parserVersion, type DiskSourceCache } from './diskSourceCache.js';

const MAGIC = Buffer.from('SACHECK2');

interface ResultsFile {
  state: string;
  entries: Map<string, { hash: string; report: FileReport }>;
  corpus?: CorpusRecord;
}

/** The corpus `state` was computed from, to know it unchanged from its files' stats alone. */
export interface CorpusRecord {
  /** The parser's version, the configuration and the corpus's name. */
  key: string;
  /** Every source: size, mtime (ns), inode — each older than the clock of the run that read it. */
  stats: Map<string, [size: number, mtimeNs: bigint, ino: bigint]>;
  /** The drafts checked, the sources' own reports for them (`checkSources`) and the counts. */
  run: CheckedRun;
}

/** What a whole `check` run found beside the drafts' reports; it depends on which drafts were checked. */
export interface CheckedRun {
  drafts: readonly string[];
  sources: FileReport[];
  counts: CorpusCounts;
}

export class CheckResultCache {
  readonly #file: string;
  readonly #state: string | undefined;
  readonly #old: ResultsFile['entries'];
  readonly #next: ResultsFile['entries'] = new Map();
  #corpus: CorpusRecord | undefined;
  #changed = false;

  private constructor(
    file: string,
    state: string | undefined,
    old: ResultsFile['entries'],
    corpus?: CorpusRecord,
  ) {
    this.#file = file;
    this.#state = state;
    this.#old = old;
    this.#corpus = corpus;
  }

  /**
   * The results of the corpus named `corpus`, when its sources (`sources`, as found now) are, by
   * their stats, those the stored results were computed from, and the same `drafts` were checked;
   * else undefined (load the index).
   */
  static unchanged(
    dir: string,
    corpus: string,
    config: Config,
    sources: readonly string[],
    drafts: readonly string[],
  ): CheckResultCache | undefined {
    const file = resultsFile(dir, corpus);
    const read = readResults(file);
    const record = read?.corpus;
    if (!read || !record || record.key !== recordKey(corpus, config) || record.stats.size !== sources.length)
      return undefined;
    if (record.run.drafts.length !== drafts.length || record.run.drafts.some((d, i) => d !== drafts[i]))
      return undefined;
    try {
      for (const uri of sources) {
        const was = record.stats.get(uri);
        if (!was) return undefined;
        const now = statSync(filePath(uri), { bigint: true });
        if (Number(now.size) !== was[0] || now.mtimeNs !== was[1] || now.ino !== was[2]) return undefined;
      }
    } catch {
      return undefined;
    }
    return new CheckResultCache(file, read.state, read.entries, record);
  }

  /** The sources' reports and the counts stored with the results (from {@link unchanged}). */
  get corpus(): CorpusRecord | undefined {
    return this.#corpus;
  }

  /**
   * Records the corpus as `cache` saw it in this run, when every source's stat is known and older
   * than the run's clock (else nothing is recorded, and the next run loads the index).
   */
  recordCorpus(
    corpus: string,
    config: Config,
    cache: Pick<DiskSourceCache, 'clockNs' | 'statOf'>,
    run: CheckedRun,
    uris: readonly string[],
  ): void {
    if (this.#state === undefined) return;
    const stats: CorpusRecord['stats'] = new Map();
    for (const uri of uris) {
      const s = cache.statOf(uri);
      if (!s || s.mtimeNs >= cache.clockNs) {
        if (this.#corpus) this.#changed = true;
        this.#corpus = undefined;
        return;
      }
      stats.set(uri, [s.size, s.mtimeNs, s.ino]);
    }
    this.#corpus = { key: recordKey(corpus, config), stats, run };
    this.#changed = true;
  }

  /**
   * The results of the corpus named `corpus` in folder `dir`, valid for `index` and `config` as
   * loaded, and for the sources the drafts of this run cite (`cited`): a report's suggestions look
   * among them, so another set of drafts is another state.
   */
  static open(
    dir: string,
    corpus: string,
    index: CorpusIndex,
    config: Config,
    cited: ReadonlySet<string>,
  ): CheckResultCache {
    const file = resultsFile(dir, corpus);
    const state = corpusState(index, config, cited);
    const read = state === undefined ? undefined : readResults(file);
    return new CheckResultCache(file, state, read && read.state === state ? read.entries : new Map());
  }

  /** The stored report of draft `uri` whose text is `text`, if it was checked under this state. */
  get(uri: string, text: string): FileReport | undefined {
    if (this.#state === undefined) return undefined;
    const hash = sha1(text);
    const entry = this.#old.get(uri);
    if (!entry || entry.hash !== hash) return undefined;
    return entry.report;
  }

  set(uri: string, text: string, report: FileReport): void {
    if (this.#state === undefined) return;
    this.#next.set(uri, { hash: sha1(text), report });
    this.#changed = true;
  }

  /** Writes the drafts checked in this run, when anything differs from the file (atomically). */
  async save(): Promise<void> {
    if (this.#state === undefined) return;
    if (!this.#changed) return;
    // Entries of drafts not checked in this run stay: they were stored under the same state.
    const data: ResultsFile = { state: this.#state, entries: new Map([...this.#old, ...this.#next]) };
    if (this.#corpus) data.corpus = this.#corpus;
    const payload = serialize(data);
    await mkdir(join(this.#file, '..'), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temp, [MAGIC, createHash('sha1').update(payload).digest(), payload]);
    await rename(temp, this.#file);
  }
}

/** The state results are valid for; undefined when a source is unreadable (its text is unknown). */
export function corpusState(
  index: CorpusIndex,
  config: Config,
  cited: ReadonlySet<string>,
): string | undefined {
  const hash = createHash('sha1').update(parserVersion()).update('\0').update(JSON.stringify(config));
  hash.update('\0').update(JSON.stringify([...cited].sort()));
  const docs = [...index.docs()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const doc of docs) {
    if (doc.unreadable || !doc.fingerprint) return undefined;
    hash.update('\0').update(doc.uri).update('\0').update(doc.fingerprint);
  }
  return hash.digest('hex');
}

function resultsFile(dir: string, corpus: string): string {
  return join(dir, `checks-${sha1(corpus).slice(0, 16)}.bin`);
}

function recordKey(corpus: string, config: Config): string {
  return JSON.stringify([parserVersion(), corpus, config]);
}

function readResults(file: string): ResultsFile | undefined {
  try {
    const bytes = readFileSync(file);
    const start = MAGIC.length + 20;
    if (bytes.length < start || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const payload = bytes.subarray(start);
    if (!createHash('sha1').update(payload).digest().equals(bytes.subarray(MAGIC.length, start)))
      return undefined;
    const data = deserialize(payload) as ResultsFile;
    if (typeof data?.state !== 'string' || !(data.entries instanceof Map)) return undefined;
    if (
      data.corpus !== undefined &&
      !(data.corpus.stats instanceof Map && Array.isArray(data.corpus.run?.drafts))
    )
      return undefined;
    return data;
  } catch {
    return undefined;
  }
}

function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}
