/**
 * Writes a set of files so that none is ever half-written: each goes to a temporary name beside
 * its target, and only when all are complete are they renamed over their targets. On failure the
 * temporary files are removed and the targets are as they were.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';

export async function writeAllAtomically(
  files: readonly (readonly [string, string | Uint8Array])[],
): Promise<void> {
  const temps: [string, string][] = [];
  try {
    for (const [path, content] of files) {
      const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, content);
      temps.push([temp, path]);
    }
    for (const [temp, path] of temps) await rename(temp, path);
  } catch (e) {
    await Promise.all(temps.map(([temp]) => unlink(temp).catch(() => undefined)));
    throw e;
  }
}
