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
import { contentHash, encodeTexts } from './node/diskSourceCache.js';

parentPort?.on('message', (batch: { id: number; uri: string }[]) => {
  const replies = batch.map(({ id, uri }) => {
    try {
      const bytes = readFileSync(URI.parse(uri).fsPath);
      const doc = sourceFromBytes(uri, bytes);
      // The cache's encoding of the blocks too: the main thread then only writes it.
      const encoded = encodeTexts(doc);
      return { id, doc, content: { size: bytes.length, hash: contentHash(bytes), encoded } };
    } catch (e) {
      return { id, error: (e as Error).message || String(e) };
    }
  });
  const buffers = replies.flatMap((r) => (r.content ? [r.content.encoded.bytes.buffer as ArrayBuffer] : []));
  parentPort!.postMessage(replies, buffers);
});
