/**
 * Runs an engine generator (e.g. `checkDraftSteps`) in slices of a few milliseconds, giving the
 * event loop a turn between slices so that requests are answered while it runs, and stopping as
 * soon as its result is no longer wanted (the draft changed since).
 */

/** A slice lasts about this long, in ms. */
export const SLICE_MS = 8;

/** The generator's value, or undefined when `cancelled()` said so between two slices. */
export async function runInSlices<T>(
  steps: Generator<void, T>,
  cancelled: () => boolean,
  sliceMs = SLICE_MS,
): Promise<T | undefined> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (cancelled()) {
      steps.return(undefined as T);
      return undefined;
    }
    sliceStart = performance.now();
  }
}
