/**
 * Runs an engine generator (e.g. `checkDraftSteps`) in slices of a few milliseconds, giving the
 * event loop a turn (a timer's) between slices so that requests are answered while it runs, and stopping as
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
    // A timer, not setImmediate: the LSP library takes a few turns of the event loop to read,
    // handle and answer a request, and an immediate would run a slice at each of them (a request
    // waited about four slices; bench/RESULTS.md, "Search build and memory").
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (cancelled()) {
      steps.return(undefined as T);
      return undefined;
    }
    sliceStart = performance.now();
  }
}
