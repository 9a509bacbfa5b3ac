/**
 * Work done a step at a time: an engine generator yields between steps (a caller on a server
 * answers requests there, see lsp/slices.ts) and returns its result; `drain` runs one to its end
 * at once (the CLI, tests, requests that need the result now).
 */

/** A computation that yields between steps and returns a `T`. */
export type Steps<T> = Generator<void, T>;

/** Runs `steps` to its end and returns its value. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
