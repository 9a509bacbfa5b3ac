/**
 * The CSL processor in a worker thread (`dist/styleWorker.js`), started on the first paper: the
 * language server's views of a paper (inlay hints, the hover's printed line, the preview's table)
 * are formatted there, so building a style engine never holds a request. One paper at a time per
 * message; a worker that fails rejects what it was given, and is not started again: the caller
 * then formats in slices on its own thread.
 */
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './workerThread.js';
import type { FormattedPaper } from '../engine/biblio/formatter.js';
import type { StyleJob } from '../styleWorker.js';

type Reply = { id: number; paper: FormattedPaper } | { id: number; error: string };

export class StyleThread {
  readonly #script: string;
  #worker: Worker | undefined;
  #failed = false;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve(p: FormattedPaper): void; reject(e: Error): void }>();

  constructor(script = join(__dirname, 'styleWorker.js')) {
    this.#script = script;
  }

  /** True once the worker could not start or stopped: format on the calling thread instead. */
  get failed(): boolean {
    return this.#failed;
  }

  format(job: Omit<StyleJob, 'id'>): Promise<FormattedPaper> {
    const worker = this.#ensureWorker();
    if (!worker) return Promise.reject(new Error('no style worker'));
    const id = this.#nextId++;
    if (!this.#pending.size) worker.ref();
    const paper = new Promise<FormattedPaper>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject }),
    );
    worker.postMessage({ ...job, id } satisfies StyleJob);
    return paper;
  }

  close(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new Error('closed'));
    void worker?.terminate();
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker || this.#failed) return this.#worker;
    this.#worker = startWorker<Reply>(this.#script, {
      message: (reply) => {
        const p = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if ('paper' in reply) p?.resolve(reply.paper);
        else p?.reject(new Error(reply.error));
      },
      idle: () => !this.#pending.size,
      stopped: () => {
        this.#failed = true;
        this.#worker = undefined;
        this.#failAll(new Error('the style worker stopped'));
      },
    });
    this.#failed = !this.#worker;
    return this.#worker;
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}
