/**
 * A {@link SourceParser} backed by one worker thread (`dist/parseWorker.js`), started on the first
 * file and ended by `close()`: the CLI's main thread and the worker parse a cold corpus side by side
 * (the language server does not use it: bench/RESULTS.md, issue 9). A worker that fails rejects
 * what it was given; the caller then parses those files itself.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './workerThread.js';
import { URI } from 'vscode-uri';
import { unreadableSource } from '../engine/corpus/parseSource.js';
import type { Block, SourceDoc } from '../engine/corpus/sourceDoc.js';
import { sourceFromBytes, type ContentHash, type SourceParser } from '../engine/index/loadSources.js';
import { decodeSource, type EncodedSource } from '../engine/index/sourceCodec.js';
import type { HeldTexts, ParseEncoding } from './diskSourceCache.js';

/**
 * Below this many sources the worker costs more than it saves: its start, and a cold JIT of its own
 * for its whole share. On a quiet 2-core machine, `check` cold took 0.73 s with it and 0.68 s
 * without at 1,000 sources, 1.48 s and 1.56 s at 5,000 (bench/RESULTS.md, issue 9).
 */
export const PARSE_THREAD_MIN_SOURCES = 2000;

/**
 * Whether `sources` files are worth a parse thread: enough of them, and a second core not already
 * taken (a load average below the core count): where every core is busy, a second thread only adds
 * its start (bench/RESULTS.md, issue 9).
 */
export function worthAParseThread(sources: number): boolean {
  const cores = availableParallelism();
  return sources >= PARSE_THREAD_MIN_SOURCES && cores >= 2 && loadavg()[0]! < cores;
}

/** Files per message to the worker; fewer go at the end of the event loop's turn. */
const BATCH = 8;

type Reply =
  { id: number; content: ContentHash & { encoded: ParseEncoding } } | { id: number; error: string };

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
    this.#worker = startWorker<Reply[]>(this.#script, {
      message: (replies) => {
        for (const reply of replies) this.#settle(reply);
      },
      idle: () => !this.#pending.size,
      stopped: () => {
        this.#failed = true;
        this.#worker = undefined;
        this.#failAll(new Error('the parse worker stopped'));
      },
    });
    this.#failed = !this.#worker;
    return this.#worker;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (!pending) return;
    if ('error' in reply) return pending.reject(new Error(reply.error));
    const held: HeldTexts = { texts: reply.content.encoded.texts };
    const doc = takeIn(reply.content.encoded.source, held);
    if (doc)
      pending.resolve({
        doc,
        content: { size: reply.content.size, hash: reply.content.hash, encoded: held },
      });
    else pending.reject(new Error('the parse worker sent a parse this thread cannot read'));
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}

/**
 * The worker's parse as a document: its anchors decoded now, its blocks from their JSON in `held`
 * when first read (a passage search or a quote), which then lets it go; should that JSON not hold
 * them, the file is parsed again.
 */
function takeIn(source: EncodedSource, held: HeldTexts): SourceDoc | undefined {
  return decodeSource(source, () => {
    try {
      const blocks: unknown = held.texts && JSON.parse(new TextDecoder().decode(held.texts.bytes));
      if (Array.isArray(blocks) && blocks.length === source.blockCount) {
        delete held.texts;
        return { blocks: blocks as Block[] };
      }
    } catch {
      // Parse the file again, below.
    }
    try {
      return { fresh: sourceFromBytes(source.uri, readFileSync(URI.parse(source.uri).fsPath)) };
    } catch (e) {
      return { fresh: unreadableSource(source.uri, (e as Error).message || String(e)) };
    }
  });
}
