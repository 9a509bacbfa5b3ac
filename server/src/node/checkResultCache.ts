/**
 * `check`'s own results, kept beside the index cache (`checks-<key>.bin`), as ESLint's `--cache`
 * keeps lint results: a draft whose text, corpus and configuration are what they were at the last
 * run gets that run's report without being parsed or checked again.
 *
 * A result is reused only under the same **state**: a hash of the parser's version, the
 * configuration and every source's path and fingerprint (the length and hash of its text). Any
 * source that changes, appears or goes changes the state, and every draft is checked again; a
 * corpus with an unreadable source has no state, and nothing is kept. Each draft's entry holds
 * the SHA-1 of its text. The file is `SACHECK1`, the SHA-1 of the rest, then `v8.serialize` of
 * `{ state, entries }`: a damaged, truncated or foreign file is ignored and replaced, never trusted.
 *
 * Example: `check drafts` twice over an unchanged corpus — the second run reads each draft, hashes
 * it, finds the entry and prints the stored report; after `corpus/002.md` is edited, the state
 * differs and all drafts are checked again (and stored under the new state).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileReport } from '../engine/checkFiles.js';
import type { Config } from '../engine/config.js';
import type { CorpusIndex } from '../engine/index/corpusIndex.js';
import { parserVersion } from './diskSourceCache.js';

const MAGIC = Buffer.from('SACHECK1');

interface ResultsFile {
  state: string;
  entries: Map<string, { hash: string; report: FileReport }>;
}

export class CheckResultCache {
  readonly #file: string;
  readonly #state: string | undefined;
  readonly #old: ResultsFile['entries'];
  readonly #next: ResultsFile['entries'] = new Map();
  #changed = false;

  private constructor(file: string, state: string | undefined, old: ResultsFile['entries']) {
    this.#file = file;
    this.#state = state;
    this.#old = old;
  }

  /** The results of the corpus named `corpus` in folder `dir`, valid for `index` and `config` as loaded. */
  static open(dir: string, corpus: string, index: CorpusIndex, config: Config): CheckResultCache {
    const file = join(dir, `checks-${sha1(corpus).slice(0, 16)}.bin`);
    const state = corpusState(index, config);
    const read = state === undefined ? undefined : readResults(file);
    return new CheckResultCache(file, state, read && read.state === state ? read.entries : new Map());
  }

  /** The stored report of draft `uri` whose text is `text`, if it was checked under this state. */
  get(uri: string, text: string): FileReport | undefined {
    if (this.#state === undefined) return undefined;
    const hash = sha1(text);
    const entry = this.#old.get(uri);
    if (!entry || entry.hash !== hash) return undefined;
    this.#next.set(uri, entry);
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
    if (!this.#changed && this.#next.size === this.#old.size) return;
    const payload = serialize({ state: this.#state, entries: this.#next } satisfies ResultsFile);
    await mkdir(join(this.#file, '..'), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temp, [MAGIC, createHash('sha1').update(payload).digest(), payload]);
    await rename(temp, this.#file);
  }
}

/** The state results are valid for; undefined when a source is unreadable (its text is unknown). */
export function corpusState(index: CorpusIndex, config: Config): string | undefined {
  const hash = createHash('sha1').update(parserVersion()).update('\0').update(JSON.stringify(config));
  const docs = [...index.docs()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const doc of docs) {
    if (doc.unreadable || !doc.fingerprint) return undefined;
    hash.update('\0').update(doc.uri).update('\0').update(doc.fingerprint);
  }
  return hash.digest('hex');
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
    return data;
  } catch {
    return undefined;
  }
}

function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}
