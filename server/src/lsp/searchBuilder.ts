/**
 * Keeps the passage search index built: after indexing, and when enough sources changed since,
 * a new segment is built from a snapshot and installed. The build runs in this thread in slices
 * of a few milliseconds, each started from the event loop after pending I/O, so requests are
 * answered between slices; until the first segment is installed, passage search answers
 * nothing. (A worker thread used to build it: its own V8 heap and a copy of every text cost
 * more memory than the segment itself — bench/RESULTS.md.)
 */
import type { PassageSearch } from '../engine/search/passageSearch.js';
import { buildSegmentSteps } from '../engine/search/segment.js';
import { leanHeap, type LeanHeap } from './leanHeap.js';

/** Rebuild when this many sources changed since the last build. */
const DELTA_LIMIT = 100;
/** The longest a build keeps the thread before requests get their turn, in ms. */
const SLICE_MS = 8;

export class SearchBuilder {
  readonly #search: PassageSearch;
  readonly #onBuilt: (ms: number) => void;
  #running = false;
  #again = false;
  #disposed = false;
  /** Waiting for no build to run (see {@link idle}). */
  #idle: (() => void)[] = [];
  readonly #lean: LeanHeap;
  /** Ends the lean heap held while builds run. */
  #release: (() => void) | undefined;

  constructor(search: PassageSearch, onBuilt: (ms: number) => void, lean: LeanHeap = leanHeap) {
    this.#search = search;
    this.#onBuilt = onBuilt;
    this.#lean = lean;
  }

  /** Builds a segment of the corpus as it is now (coalescing calls made during a build). */
  rebuild(): void {
    if (this.#disposed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#release ??= this.#lean.hold();
    const { inputs, mark } = this.#search.snapshot();
    const steps = buildSegmentSteps(inputs);
    let busyMs = 0;
    const slice = () => {
      if (this.#disposed) return;
      const start = Date.now();
      let step = steps.next();
      for (let n = 1; !step.done; n++) {
        if (n % 16 === 0 && Date.now() - start >= SLICE_MS) break;
        step = steps.next();
      }
      busyMs += Date.now() - start;
      if (!step.done) {
        setImmediate(slice);
        return;
      }
      this.#running = false;
      this.#search.install(step.value, mark);
      this.#onBuilt(busyMs);
      if (this.#again) {
        this.#again = false;
        this.rebuild();
      } else this.#wake();
    };
    setImmediate(slice);
  }

  /** Called after sources changed: rebuilds once the in-memory delta is large. */
  changed(): void {
    if (this.#search.deltaSize >= DELTA_LIMIT) this.rebuild();
  }

  /** Resolves when no build runs or waits to run (at once if none does). */
  idle(): Promise<void> {
    if (!this.#running || this.#disposed) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Stops a build in progress; nothing is built after. */
  dispose(): void {
    this.#disposed = true;
    this.#wake();
  }

  #wake(): void {
    this.#release?.();
    this.#release = undefined;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }
}
