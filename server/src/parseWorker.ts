/**
 * Worker thread entry (`dist/parseWorker.js`): reads, decodes and parses sources off the main
 * thread (a cold corpus is parsed on two cores), and says what it read: the byte count and content
 * hash the persistent index keys the parse by. Each parse goes back in the persistent index's
 * compact form (`sourceCodec.ts`: anchors as one flat array, the blocks as JSON bytes moved, not
 * copied), which the main thread takes in for a fraction of a parse's cost: a structured clone of
 * the parsed objects cost the main thread about what parsing them did (bench/RESULTS.md, issue 9).
 * Files come and go in batches: one message each way per batch.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { sourceFromBytes } from './engine/index/loadSources.js';
import { encodeSource } from './engine/index/sourceCodec.js';
import { contentHash, encodeTexts, type ParseEncoding } from './node/diskSourceCache.js';

parentPort?.on('message', (batch: { id: number; uri: string }[]) => {
  const replies = batch.map(({ id, uri }) => {
    try {
      const bytes = readFileSync(URI.parse(uri).fsPath);
      const doc = sourceFromBytes(uri, bytes);
      const encoded: ParseEncoding = { texts: encodeTexts(doc), source: encodeSource(doc) };
      return { id, content: { size: bytes.length, hash: contentHash(bytes), encoded } };
    } catch (e) {
      return { id, error: (e as Error).message || String(e) };
    }
  });
  const buffers = replies.flatMap((r) =>
    r.content ? [r.content.encoded.texts.bytes.buffer as ArrayBuffer] : [],
  );
  parentPort!.postMessage(replies, buffers);
});
