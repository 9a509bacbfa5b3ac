/**
 * The server's memory peak comes after indexing: the passage-search build's buffers, the
 * keystrokes' garbage and the index cache's save on top of the parsed corpus. Once the sources
 * are read (and during every build and save), V8 is told to grow its heap by 30 % over what its
 * last collection kept, instead of by its own factor (up to 4× when collections are quick), so
 * garbage is collected sooner. At L (5,000 sources) this took the peak from about 310–335 MB to
 * 268–278 MB (bench/RESULTS.md). It is not set while the sources are read: there it made reaching
 * "ready" twice as slow. Holds nest: the heap is lean while any is held.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's `--heap-growing-percent`: 0 lets V8 choose its growing factor (the default). */
export const LEAN_PERCENT = 30;

export interface LeanHeap {
  /** Makes the heap lean until the returned function is called (once; more calls do nothing). */
  hold(): () => void;
}

export function createLeanHeap(setGrowingPercent: (percent: number) => void): LeanHeap {
  let holders = 0;
  return {
    hold() {
      if (holders++ === 0) setGrowingPercent(LEAN_PERCENT);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holders === 0) setGrowingPercent(0);
      };
    },
  };
}

export const leanHeap = createLeanHeap((percent) => setFlagsFromString(`--heap-growing-percent=${percent}`));

/** V8's own heap growth while sources are read (it is faster there), lean the rest of the time. */
export class HeapPolicy {
  readonly #lean: LeanHeap;
  #release: (() => void) | undefined;

  constructor(lean: LeanHeap = leanHeap) {
    this.#lean = lean;
  }

  /** Sources are about to be read. */
  indexing(): void {
    this.#release?.();
    this.#release = undefined;
  }

  /** Sources are read: the heap stays lean until the next {@link indexing}. */
  indexed(): void {
    this.#release ??= this.#lean.hold();
  }
}
