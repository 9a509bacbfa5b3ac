/**
 * Worker thread entry (`dist/searchWorker.js`): builds a search segment off the server's main
 * thread and hands its typed arrays back without copying.
 */
import { parentPort } from 'node:worker_threads';
import { buildSegment, transferables, type SegmentInput } from './engine/search/segment.js';

parentPort?.on('message', (message: { id: number; inputs: SegmentInput[] }) => {
  const started = Date.now();
  const segment = buildSegment(message.inputs);
  parentPort!.postMessage({ id: message.id, segment, ms: Date.now() - started }, transferables(segment));
});
