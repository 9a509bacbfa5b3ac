/**
 * Keeps the passage search index built: after indexing, and when enough sources changed since,
 * a new segment is built from a snapshot and installed. The build runs in this thread in slices
 * of a few milliseconds, so requests are answered between slices; until the first segment is
 * installed, passage search answers nothing. (A worker thread used to build it: its own V8 heap
 * and a copy of every text cost more memory than the segment itself — bench/RESULTS.md.)
 *
 * A slice is followed by a timer, not `setImmediate`: answering a request takes the LSP library
 * several turns of the event loop (the message is queued with `setImmediate`, the reply waits for
 * a write lock released with `setImmediate`, then for the write's callback), and a slice started
 * by `setImmediate` ran at every one of those turns. With 8 ms slices, a request waited about four
 * slices (completion p50 40 ms at 5,000 sources); the timer's millisecond lets the turns run
 * one after another between two slices (bench/RESULTS.md, "Search build and memory at 5,000
 * documents").
 */
import type { PassageSearch } from '../engine/search/passageSearch.js';
import { buildSegmentSteps } from '../engine/search/segment.js';
import { leanHeap, type LeanHeap } from './leanHeap.js';

/** Rebuild when this many sources changed since the last build. */
const DELTA_LIMIT = 100;
/**
 * The longest a build keeps the thread before requests get their turn, in ms: a request that
 * arrives during a slice waits for the rest of it.
 */
const SLICE_MS = 4;
/**
 * After a request or an edit, how long the build waits before its next slice, in ms: an editor's
 * messages come in bursts (an edit, then a completion; the reply's own turns of the event loop),
 * and a slice between them would make each wait for it.
 */
const QUIET_MS = 5;

export class SearchBuilder {
  readonly #search: PassageSearch;
  readonly #onBuilt: (ms: number) => void;
  #running = false;
  /** No slice starts before this time (performance.now(), ms): see {@link active}. */
  #quietUntil = 0;
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
      const wait = this.#quietUntil - performance.now();
      if (wait > 0) {
        setTimeout(slice, wait);
        return;
      }
      // The clock is read after every step: a step does at most segment.ts's STEP_WORK units.
      const start = performance.now();
      let step = steps.next();
      let now = performance.now();
      while (!step.done && now - start < SLICE_MS) {
        step = steps.next();
        now = performance.now();
      }
      busyMs += now - start;
      if (!step.done) {
        setTimeout(slice, 0);
        return;
      }
      this.#running = false;
      this.#search.install(step.value, mark);
      this.#onBuilt(Math.round(busyMs));
      if (this.#again) {
        this.#again = false;
        this.rebuild();
      } else this.#wake();
    };
    setTimeout(slice, 0);
  }

  /** A request or an edit came: the next slice waits {@link QUIET_MS} (see there). */
  active(): void {
    this.#quietUntil = performance.now() + QUIET_MS;
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
