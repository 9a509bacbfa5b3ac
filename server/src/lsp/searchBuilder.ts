/**
 * Keeps the passage search index built: after indexing, and when enough sources changed since,
 * a worker thread builds a new segment from a snapshot and the main thread installs it. Requests
 * are never blocked by a build; until the first segment arrives, passage search answers nothing.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PassageSearch } from '../engine/search/passageSearch.js';
import type { Segment } from '../engine/search/segment.js';

/** Rebuild when this many sources changed since the last build. */
const DELTA_LIMIT = 100;

export class SearchBuilder {
  readonly #search: PassageSearch;
  readonly #onBuilt: (ms: number) => void;
  #worker: Worker | undefined;
  #running = false;
  #again = false;
  #nextId = 0;

  constructor(search: PassageSearch, onBuilt: (ms: number) => void) {
    this.#search = search;
    this.#onBuilt = onBuilt;
  }

  /** Builds a segment of the corpus as it is now (coalescing calls made during a build). */
  rebuild(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    const { inputs, mark } = this.#search.snapshot();
    const id = ++this.#nextId;
    const worker = this.#ensureWorker();
    const done = (segment: Segment | undefined, ms: number) => {
      this.#running = false;
      if (segment) {
        this.#search.install(segment, mark);
        this.#onBuilt(ms);
      }
      if (this.#again) {
        this.#again = false;
        this.rebuild();
      }
    };
    const onMessage = (m: { id: number; segment: Segment; ms: number }) => {
      if (m.id !== id) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      done(m.segment, m.ms);
    };
    const onError = () => {
      worker.off('message', onMessage);
      this.#worker = undefined;
      done(undefined, 0);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ id, inputs });
  }

  /** Called after sources changed: rebuilds once the in-memory delta is large. */
  changed(): void {
    if (this.#search.deltaSize >= DELTA_LIMIT) this.rebuild();
  }

  dispose(): void {
    void this.#worker?.terminate();
    this.#worker = undefined;
  }

  #ensureWorker(): Worker {
    if (!this.#worker) {
      this.#worker = new Worker(join(__dirname, 'searchWorker.js'));
      this.#worker.unref();
    }
    return this.#worker;
  }
}
