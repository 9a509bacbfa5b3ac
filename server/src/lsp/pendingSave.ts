/**
 * When the persistent index is written: once the work it would compete with is over (indexing,
 * then the passage-search build, whose buffers make the server's memory peak: a save during the
 * build added its own on top — bench/RESULTS.md) and the writer has left the editor alone for
 * `delayMs` (every request or edit pushes it back, up to `maxWaitMs`: the save's slices and
 * garbage slowed the keystrokes they met); at once when asked (on shutdown). One save at a time;
 * a newer one replaces one still waiting.
 */
import { leanHeap, type LeanHeap } from './leanHeap.js';

interface Pending {
  save: () => Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  /** When the wait for quiet began (ms), once it has. */
  since?: number;
}

export class PendingSave {
  readonly #delayMs: number;
  readonly #maxWaitMs: number;
  readonly #lean: LeanHeap;
  #pending: Pending | undefined;
  #saving: Promise<void> = Promise.resolve();

  constructor(delayMs: number, maxWaitMs: number, lean: LeanHeap = leanHeap) {
    this.#delayMs = delayMs;
    this.#maxWaitMs = maxWaitMs;
    this.#lean = lean;
  }

  /** Saves with `save` once `quiet` has resolved and nothing was {@link active} for `delayMs`. */
  schedule(save: () => Promise<void>, quiet: Promise<void>): void {
    if (this.#pending) clearTimeout(this.#pending.timer);
    const pending: Pending = { save };
    this.#pending = pending;
    void quiet
      .catch(() => undefined)
      .then(() => {
        if (this.#pending !== pending) return;
        pending.since = Date.now();
        this.#arm(pending, this.#delayMs);
      });
  }

  /** The writer did something (a request, an edit): a waiting save waits `delayMs` more. */
  active(): void {
    const pending = this.#pending;
    if (pending?.since === undefined) return;
    const left = pending.since + this.#maxWaitMs - Date.now();
    this.#arm(pending, Math.max(0, Math.min(this.#delayMs, left)));
  }

  #arm(pending: Pending, ms: number): void {
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => void this.flush(), ms);
    pending.timer.unref?.();
  }

  /** Saves now what waits, if anything; resolves when every save so far has ended. Never rejects. */
  flush(): Promise<void> {
    const pending = this.#pending;
    if (pending) {
      clearTimeout(pending.timer);
      this.#pending = undefined;
      this.#saving = this.#saving
        .then(async () => {
          const release = this.#lean.hold();
          try {
            await pending.save();
          } finally {
            release();
          }
        })
        .catch(() => undefined);
    }
    return this.#saving;
  }
}
