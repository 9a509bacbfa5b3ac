/**
 * Shared helpers of the search-engine benchmark: finding the measured packages, reading the corpus into
 * blocks, percentiles and memory snapshots.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.dirname(benchDir);

/**
 * Folders of node_modules to take the measured packages from, in order: `BENCH_DEPS` (one folder, or
 * several joined with the path delimiter), else the repository's node_modules, then /tmp/benchdeps.
 * @returns {string[]}
 */
export function depDirs() {
  const env = process.env.BENCH_DEPS;
  if (env) return env.split(path.delimiter).filter(Boolean);
  return [path.join(repoDir, 'node_modules'), '/tmp/benchdeps/node_modules'];
}

/**
 * Resolves a package specifier from the first dependency folder that has the package.
 * @param {string} spec e.g. 'minisearch' or 'opencc-js/dict/TSCharacters'
 * @returns {{ file: string, dir: string, version: string }}
 */
export function resolveDep(spec) {
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  for (const dir of depDirs()) {
    const pkg = path.join(dir, name, 'package.json');
    if (!existsSync(pkg)) continue;
    const require = createRequire(path.join(dir, '__bench__.cjs'));
    const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
    return { file: require.resolve(spec), dir, version };
  }
  throw new Error(
    `Cannot find ${name} in ${depDirs().join(', ')}. Install it (e.g. npm install --prefix /tmp/benchdeps ${name}) or set BENCH_DEPS.`,
  );
}

/**
 * Imports a package (CommonJS or ES module) from the dependency folders.
 * @param {string} spec
 * @returns {Promise<{ module: any, version: string, dir: string }>}
 */
export async function importDep(spec) {
  const { file, dir, version } = resolveDep(spec);
  const module = await import(pathToFileURL(file).href);
  return { module: module.default ?? module, version, dir };
}

/** The opencc-js dictionaries the fold table is made of (fold.mjs). */
export async function loadFoldDicts() {
  const names = ['TSCharacters', 'TWVariantsRev', 'HKVariantsRev', 'CJK_Compatibility_Ideographs'];
  /** @type {Record<string, string>} */
  const dicts = {};
  for (const name of names) dicts[name] = (await importDep(`opencc-js/dict/${name}`)).module;
  return /** @type {import('./fold.mjs').FoldDicts} */ (dicts);
}

/**
 * Splits a Markdown source into its paragraphs: front matter, headings, fences and blank lines are not
 * paragraphs; a trailing block anchor (` ^name`) is dropped.
 * @param {string} markdown
 * @returns {string[]}
 */
export function splitBlocks(markdown) {
  let text = markdown.replace(/\r\n?/g, '\n');
  if (text.startsWith('---\n')) {
    const end = text.indexOf('\n---\n', 4);
    if (end >= 0) text = text.slice(end + 5);
  }
  /** @type {string[]} */
  const blocks = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const para = chunk.trim();
    if (para === '' || /^#{1,6}\s/.test(para) || para.startsWith('```')) continue;
    blocks.push(para.replace(/\s+\^[A-Za-z0-9][\w-]*$/, ''));
  }
  return blocks;
}

/**
 * Reads every .md file of a folder (sorted by name) into blocks.
 * @param {string} dir
 * @returns {{ blocks: string[], blockDoc: Uint32Array, docs: Array<{ name: string, lang: string }>, bytes: number, chars: number }}
 */
export function loadCorpus(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  /** @type {string[]} */
  const blocks = [];
  /** @type {number[]} */
  const blockDoc = [];
  /** @type {Array<{ name: string, lang: string }>} */
  const docs = [];
  let bytes = 0;
  let chars = 0;
  for (const name of files) {
    const buf = readFileSync(path.join(dir, name));
    bytes += buf.length;
    const text = buf.toString('utf8');
    chars += text.length;
    const lang = /^language:\s*"?([\w-]+)/m.exec(text)?.[1] ?? 'zh-Hans';
    for (const block of splitBlocks(text)) {
      blocks.push(block);
      blockDoc.push(docs.length);
    }
    docs.push({ name, lang });
  }
  return { blocks, blockDoc: Uint32Array.from(blockDoc), docs, bytes, chars };
}

/**
 * @param {number[]} sorted ascending
 * @param {number} q 0…1
 */
export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Collects garbage thoroughly (needs node --expose-gc). */
export function fullGc() {
  const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) gc();
}

/** Heap used plus ArrayBuffer memory (typed arrays live outside the JS heap), after a full GC. */
export function memorySnapshot() {
  fullGc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external, rss: m.rss };
}

/** A small seeded PRNG (mulberry32): same seed, same sequence. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `--name value` and `--name=value` flags as an object.
 * @param {string[]} argv
 */
export function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (m) args[m[1]] = m[2] ?? argv[++i];
  }
  return args;
}
