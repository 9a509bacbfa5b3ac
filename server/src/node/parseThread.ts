/**
 * A {@link SourceParser} backed by one worker thread (`dist/parseWorker.js`), started on the first
 * file and ended by `close()`. With two cores, the main thread parses half of a cold corpus and the
 * worker the other half (bench/RESULTS.md, issue 9). A worker that fails rejects what it was given;
 * the caller then parses those files itself.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceDoc } from '../engine/corpus/sourceDoc.js';
import type { ContentHash, SourceParser } from '../engine/index/loadSources.js';

/** Below this many sources, starting a worker (≈ 40 ms, and cloning every parse back) saves little. */
export const PARSE_THREAD_MIN_SOURCES = 2000;

/**
 * Whether `sources` files are worth a parse thread: enough of them, and a core to run it on. On a
 * machine whose cores are all busy already (load average ≥ cores − 1), a second thread only adds
 * its start and the cloning of its parses: measured slower there (bench/RESULTS.md, issue 9).
 */
export function worthAParseThread(sources: number): boolean {
  const cores = availableParallelism();
  return sources >= PARSE_THREAD_MIN_SOURCES && cores >= 2 && loadavg()[0]! < cores - 1;
}

/** Files per message to the worker; fewer go at the end of the event loop's turn. */
const BATCH = 8;

type Reply = { id: number; doc: SourceDoc; content: ContentHash } | { id: number; error: string };

interface Pending {
  resolve(result: { doc: SourceDoc; content: ContentHash }): void;
  reject(e: Error): void;
}

export class ParseThread implements SourceParser {
  readonly #script: string;
  #worker: Worker | undefined;
  #failed = false;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  /** Files asked for in this turn of the event loop, sent together at its end. */
  #batch: { id: number; uri: string }[] = [];
  #flushSoon: ReturnType<typeof setImmediate> | undefined;

  constructor(script = join(__dirname, 'parseWorker.js')) {
    this.#script = script;
  }

  get backlog(): number {
    return this.#pending.size;
  }

  parse(uri: string): Promise<{ doc: SourceDoc; content: ContentHash }> {
    const worker = this.#ensureWorker();
    if (!worker) return Promise.reject(new Error('no parse worker'));
    const id = this.#nextId++;
    // Referenced while it has work, so the process waits for it; not after.
    if (!this.#pending.size) worker.ref();
    const promise = new Promise<{ doc: SourceDoc; content: ContentHash }>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject }),
    );
    this.#batch.push({ id, uri });
    if (this.#batch.length >= BATCH) this.#flush();
    else this.#flushSoon ??= setImmediate(() => this.#flush());
    return promise;
  }

  #flush(): void {
    if (this.#flushSoon) clearImmediate(this.#flushSoon);
    this.#flushSoon = undefined;
    const batch = this.#batch;
    this.#batch = [];
    if (!batch.length) return;
    if (this.#worker) this.#worker.postMessage(batch);
    else for (const { id } of batch) this.#settle({ id, error: 'the parse worker stopped' });
  }

  /** Ends the worker; what it still had is rejected (and parsed by the caller). */
  close(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new Error('closed'));
    void worker?.terminate();
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker || this.#failed) return this.#worker;
    try {
      const worker = new Worker(this.#script);
      worker.unref();
      worker.on('message', (replies: Reply[]) => {
        for (const reply of replies) this.#settle(reply);
        if (!this.#pending.size) worker.unref();
      });
      const fail = () => {
        this.#failed = true;
        this.#worker = undefined;
        this.#failAll(new Error('the parse worker stopped'));
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.#worker = worker;
    } catch {
      this.#failed = true;
    }
    return this.#worker;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (!pending) return;
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve({ doc: reply.doc, content: reply.content });
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}
