#!/usr/bin/env node
/**
 * The floor: the least any tool must do to know a corpus's anchors — list the folder, read every
 * file (64 at a time), decode it as UTF-8 and run one regex over it. Prints `{ ms, files, matches }`;
 * `ms` is measured inside the process (Node's own start is not counted).
 *
 *   node bench/scale/floor.mjs CORPUS_DIR
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDecoder } from 'node:util';

const dir = process.argv[2];
const t0 = performance.now();
const names = (await readdir(dir)).filter((f) => /\.(md|markdown|txt)$/.test(f));
const decoder = new TextDecoder('utf-8');
let matches = 0;
// 64 reads in flight (20,000 at once would run out of file handles).
let next = 0;
async function reader() {
  while (next < names.length) {
    const text = decoder.decode(await readFile(path.join(dir, names[next++])));
    for (const _ of text.matchAll(/^#{1,6} .*$|\^[\w-]+$/gm)) matches++;
  }
}
await Promise.all(Array.from({ length: 64 }, reader));
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, files: names.length, matches }));
