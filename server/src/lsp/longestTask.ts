/**
 * The longest piece of work that held the event loop since the last call, in ms: what a request
 * arriving at the worst moment waited for. Measured by Node's `monitorEventLoopDelay` (a 1 ms
 * timer's lateness), started by the first call (which answers 0), for the benchmarks.
 *
 * Example: a 300 ms synchronous parse between two calls makes the second answer about 300.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

let histogram: IntervalHistogram | undefined;

export function longestTask(): number {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    return 0;
  }
  const ms = histogram.max / 1e6;
  histogram.reset();
  return Math.round(ms * 10) / 10;
}
