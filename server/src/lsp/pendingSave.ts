/**
 * When the persistent index is written: once the work it would compete with is over (indexing,
 * then the passage-search build, whose buffers make the server's memory peak: a save during the
 * build added its own on top — bench/RESULTS.md) and the server has stayed quiet a moment; at once
 * when asked (on shutdown). One save at a time; a newer one replaces one still waiting.
 */
import { leanHeap, type LeanHeap } from './leanHeap.js';

export class PendingSave {
  readonly #delayMs: number;
  readonly #lean: LeanHeap;
  #pending: { save: () => Promise<void>; timer?: ReturnType<typeof setTimeout> } | undefined;
  #saving: Promise<void> = Promise.resolve();

  constructor(delayMs: number, lean: LeanHeap = leanHeap) {
    this.#delayMs = delayMs;
    this.#lean = lean;
  }

  /** Saves with `save` when `quiet` has resolved and `delayMs` more have passed. */
  schedule(save: () => Promise<void>, quiet: Promise<void>): void {
    if (this.#pending) clearTimeout(this.#pending.timer);
    const pending: { save: () => Promise<void>; timer?: ReturnType<typeof setTimeout> } = { save };
    this.#pending = pending;
    void quiet
      .catch(() => undefined)
      .then(() => {
        if (this.#pending !== pending) return;
        pending.timer = setTimeout(() => void this.flush(), this.#delayMs);
        pending.timer.unref?.();
      });
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
