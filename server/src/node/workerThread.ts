/**
 * Starting a worker thread the way the parse and style threads use one: unreferenced while it has
 * nothing to do (the process never waits for an idle worker), referenced by the caller while it
 * has work, and one callback when it stops or fails, after which its caller does the work itself.
 *
 * Example: `startWorker(join(__dirname, 'styleWorker.js'), { message, idle: () => !pending.size,
 * stopped })` returns the worker, or undefined when it could not start.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerHandlers<M> {
  /** A message from the worker. */
  message(m: M): void;
  /** True when nothing is waiting for the worker: it is unreferenced again. */
  idle(): boolean;
  /** The worker failed or exited: called for either (possibly both). */
  stopped(): void;
}

export function startWorker<M>(script: string, handlers: WorkerHandlers<M>): Worker | undefined {
  try {
    const worker = new Worker(script);
    worker.unref();
    worker.on('message', (m: M) => {
      handlers.message(m);
      if (handlers.idle()) worker.unref();
    });
    worker.on('error', () => handlers.stopped());
    worker.on('exit', () => handlers.stopped());
    return worker;
  } catch {
    return undefined;
  }
}
