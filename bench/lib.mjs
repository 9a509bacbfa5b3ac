/**
 * Shared helpers of the benchmark: where the repository is, a seeded PRNG, flags, percentiles and
 * splitting a source into its paragraphs (the synthetic corpus is made of the real sources' paragraphs).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.dirname(benchDir);

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
 * @param {number[]} sorted ascending
 * @param {number} q 0…1
 */
export function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
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
