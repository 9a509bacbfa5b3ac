/**
 * Answers asked while the corpus is first read. A completion that finds nothing may be about a
 * document not read yet: it asks again each time more sources have been read, until it finds
 * something or indexing ends (at most {@link INDEXING_WAIT_MS} in all), and whatever it answers
 * before indexing ends is marked incomplete, so the editor asks again as the writer types.
 */
import type { CompletionList } from 'vscode-languageserver';

/** How long a completion that found nothing waits for the sources it may be about. */
export const INDEXING_WAIT_MS = 500;

/**
 * @param progressed resolves when more sources have been read, or indexing has ended
 *   (see {@link IndexingSignal})
 */
export async function completeWhileIndexing(
  isIndexing: () => boolean,
  progressed: () => Promise<void>,
  answer: () => CompletionList | undefined,
): Promise<CompletionList | null> {
  let list = answer();
  if (!isIndexing()) return list ?? null;
  if (!list?.items.length) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const waited = new Promise<void>(
      (done) =>
        (timer = setTimeout(() => {
          timedOut = true;
          done();
        }, INDEXING_WAIT_MS)),
    );
    try {
      while (!timedOut) {
        await Promise.race([progressed(), waited]);
        list = answer();
        if (!isIndexing()) return list ?? null;
        if (list?.items.length) break;
      }
    } finally {
      clearTimeout(timer);
    }
  }
  return { isIncomplete: true, items: list?.items ?? [] };
}

/**
 * Tells waiting requests that indexing moved on: `next()` resolves at the next turn of the
 * event loop after `fire()`. Firing once per file read is cheap: many fires in one turn wake the
 * waiters once, between the loader's slices, not once per file.
 */
export class IndexingSignal {
  #waiters: (() => void)[] = [];
  #scheduled = false;

  next(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  fire(): void {
    if (this.#scheduled || !this.#waiters.length) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const resolve of waiters) resolve();
    });
  }
}
