/**
 * Waits for the detached writers of the index cache (server/src/node/cacheWriter.ts) under an
 * `XDG_CACHE_HOME`: a cold `check` returns before its cache is written, and the next measure must
 * neither compete with the writer for the processor nor find its cache half-way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @param {string} cacheHome @returns {Promise<number>} ms waited */
export async function waitForCacheWriters(cacheHome, timeoutMs = 120_000) {
  const dir = path.join(cacheHome, 'source-anchors');
  const t = Date.now();
  while (running(dir) && Date.now() - t < timeoutMs) await new Promise((r) => setTimeout(r, 20));
  return Date.now() - t;
}

function running(dir) {
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.writer'));
  } catch {
    return false;
  }
  return names.some((n) => {
    try {
      process.kill(Number(readFileSync(path.join(dir, n), 'utf8')), 0);
      return true;
    } catch {
      return false;
    }
  });
}
