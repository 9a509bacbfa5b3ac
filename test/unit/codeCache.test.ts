/**
 * The server starts through V8's code cache (node/codeCache.ts): nothing cached at first, the
 * cache written when asked, used on the next start; a cache of another bundle, a damaged one or
 * an unwritable folder never stop the bundle from running. Each start is a process of its own,
 * as a server's is (V8 keeps what it compiled for the life of a process).
 */
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheFile } from '../../server/src/node/codeCache.js';

const SOURCE = fileURLToPath(new URL('../../server/src/node/codeCache.ts', import.meta.url));
let dir: string;
let starter: string;
let bundle: string;
let cache: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-codecache-'));
  starter = join(dir, 'start.js');
  // Starts main.js through the cache, prints what became of the cache and what the bundle saw,
  // and saves the cache when asked to (`save`).
  writeFileSync(
    join(dir, 'start.ts'),
    `import { runWithCodeCache, saveCodeCache } from ${JSON.stringify(SOURCE)};
const use = runWithCodeCache(process.argv[2], process.argv[3], require);
if (process.argv[4] === 'save') saveCodeCache();
console.log(JSON.stringify({ use, ran: (globalThis as any).__ran }));\n`,
  );
  buildSync({
    entryPoints: [join(dir, 'start.ts')],
    outfile: starter,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  bundle = join(dir, 'main.js');
  cache = join(dir, `cache-${Math.random().toString(36).slice(2)}`, 'main.v8cache');
  writeBundle(2);
});

/** A small CommonJS bundle that uses what a bundle gets: require, __filename, __dirname, module. */
function writeBundle(factor: number): void {
  writeFileSync(
    bundle,
    `const path = require('node:path');
module.exports = 1;
globalThis.__ran = {
  name: path.basename(__filename),
  inDir: __dirname === ${JSON.stringify(dir)},
  sum: [1, 2, 3].map((x) => x * ${factor}).reduce((a, b) => a + b),
};\n`,
  );
}

function start(save: boolean): { use: string; ran: unknown } {
  const r = spawnSync(process.execPath, [starter, bundle, cache, save ? 'save' : ''], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { use: string; ran: unknown };
}

const ran = { name: 'main.js', inDir: true, sum: 12 };

describe('starting a bundle with the code cache', () => {
  it('runs without a cache, writes it only when asked, and uses it on the next start', () => {
    expect(start(false)).toEqual({ use: 'none', ran });
    expect(existsSync(cache)).toBe(false);
    expect(start(true)).toEqual({ use: 'none', ran });
    expect(readFileSync(cache).subarray(0, 6).toString()).toBe('SACC1\n');
    expect(readFileSync(cache).length).toBeGreaterThan(26);
    // A cache that was used is not written again.
    const old = new Date('2020-01-01');
    utimesSync(cache, old, old);
    expect(start(true)).toEqual({ use: 'accepted', ran });
    expect(statSync(cache).mtime).toEqual(old);
  });

  it('ignores the cache of another bundle, and replaces it when asked', () => {
    start(true);
    writeBundle(3);
    expect(start(true)).toEqual({ use: 'none', ran: { ...ran, sum: 18 } });
    expect(start(false)).toEqual({ use: 'accepted', ran: { ...ran, sum: 18 } });
  });

  it('runs the bundle when V8 refuses a damaged cache, and writes a good one', () => {
    start(true);
    const bytes = readFileSync(cache);
    // The header stays (this bundle's), V8's data is garbage.
    writeFileSync(cache, Buffer.concat([bytes.subarray(0, 26), Buffer.alloc(bytes.length - 26, 0x5a)]));
    expect(start(true)).toEqual({ use: 'rejected', ran });
    expect(start(false)).toEqual({ use: 'accepted', ran });
    // Cut to its header: no cache.
    writeFileSync(cache, bytes.subarray(0, 26));
    expect(start(false)).toEqual({ use: 'none', ran });
  });

  it('starts, and saves nothing, where the cache folder cannot be made', () => {
    writeFileSync(join(cache, '..'), 'a file where the folder should be');
    expect(start(true)).toEqual({ use: 'none', ran });
    expect(existsSync(cache)).toBe(false);
  });

  it('keeps the cache under $XDG_CACHE_HOME/source-anchors', () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/x/cache';
    try {
      expect(codeCacheFile('server')).toBe('/x/cache/source-anchors/server.v8cache');
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
