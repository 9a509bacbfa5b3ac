/**
 * Worker thread entry (`dist/parseWorker.js`): reads, decodes and parses sources off the main
 * thread (a cold corpus is parsed on two cores), and says what it read: the byte count and content
 * hash the persistent index keys the parse by. Files come and go in batches: one message each way
 * per batch.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { sourceFromBytes } from './engine/index/loadSources.js';
import { contentHash } from './node/diskSourceCache.js';

parentPort?.on('message', (batch: { id: number; uri: string }[]) => {
  const replies = batch.map(({ id, uri }) => {
    try {
      const bytes = readFileSync(URI.parse(uri).fsPath);
      const doc = sourceFromBytes(uri, bytes);
      return { id, doc, content: { size: bytes.length, hash: contentHash(bytes) } };
    } catch (e) {
      return { id, error: (e as Error).message || String(e) };
    }
  });
  parentPort!.postMessage(replies);
});
