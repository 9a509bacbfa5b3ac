/**
 * Starts a bundle with V8's code cache, so that a second start of the server does not parse and
 * compile its megabyte of JavaScript again (Node 20 has no `module.enableCompileCache`). At M the
 * server's start before any source is read was about a third compiling; bench/RESULTS.md.
 *
 * The cache is one file: `SACC1\n`, then 20 bytes of SHA-1 over Node's version, the architecture
 * and the bundle's source, then V8's cached data. A file for another bundle or Node is ignored, and
 * V8 checks its own data (a damaged one is rejected and the bundle compiled as usual); the file is
 * written again, atomically, once the server has done its first work ({@link saveCodeCache}: the
 * functions compiled by then are in it). Never a reason not to start.
 *
 * Example: runWithCodeCache('/ext/dist/serverMain.js', '~/.cache/source-anchors/server.v8cache', require)
 * → 'accepted' on the second start.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const MAGIC = Buffer.from('SACC1\n');
const HEADER = MAGIC.length + 20;
/** Where the bundle that started finds the function that saves its cache. */
const SAVE = Symbol.for('source-anchors.saveCodeCache');

/** What became of the cache at start: none found (or not for this bundle), used, or refused by V8. */
export type CodeCacheUse = 'none' | 'accepted' | 'rejected';

/** The code cache's file: `$XDG_CACHE_HOME/source-anchors/<name>.v8cache`, else under `~/.cache`. */
export function codeCacheFile(name: string): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'source-anchors', `${name}.v8cache`);
}

/**
 * Runs the CommonJS bundle `file` (with `require` for its requires) compiled with the cache in
 * `cacheFile` when it is this bundle's; until {@link saveCodeCache} is called, nothing is written.
 */
export function runWithCodeCache(file: string, cacheFile: string, require: NodeJS.Require): CodeCacheUse {
  return loadWithCodeCache(file, cacheFile, require).use;
}

/** {@link runWithCodeCache}, with what the bundle exports (a command's bundle, loaded by the CLI). */
export function loadWithCodeCache(
  file: string,
  cacheFile: string,
  require: NodeJS.Require,
): { use: CodeCacheUse; exports: unknown } {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha1').update(`${process.version} ${process.arch}\n`).update(source).digest();
  const cached = readCache(cacheFile, key);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const use: CodeCacheUse = !cached ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  let saved = use === 'accepted';
  (globalThis as Record<symbol, unknown>)[SAVE] = () => {
    if (saved) return;
    saved = true;
    writeCache(cacheFile, key, script.createCachedData());
  };
  const module = { exports: {} };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run(module.exports, require, module, file, dirname(file));
  return { use, exports: module.exports };
}

/** Writes the cache of the bundle started by {@link runWithCodeCache}, once; nothing if none was. */
export function saveCodeCache(): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[SAVE]?.();
}

function readCache(file: string, key: Buffer): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.length <= HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    return bytes.subarray(MAGIC.length, HEADER).equals(key) ? bytes.subarray(HEADER) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, key: Buffer, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, Buffer.concat([MAGIC, key, data]));
    renameSync(temp, file);
  } catch {
    // A read-only or full disk: the next start compiles as this one did.
  }
}
