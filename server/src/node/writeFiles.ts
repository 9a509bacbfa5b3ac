/**
 * Writes a set of files so that none is ever half-written: each goes to a temporary name beside
 * its target, and only when all are complete are they renamed over their targets. On failure the
 * temporary files are removed and the targets are as they were.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExportResult } from '../engine/export/exportPaper.js';

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

/**
 * Writes an export to `output`, with the Pandoc export's CSL-JSON references beside it, all or
 * nothing. Returns the paths written: `paper.pandoc.md` → [`…/paper.pandoc.md`,
 * `…/paper.pandoc.references.json`].
 */
export async function writeExport(output: string, result: ExportResult): Promise<string[]> {
  const files: [string, string | Uint8Array][] = [[output, result.content]];
  if (result.references) files.push([join(dirname(output), result.references.name), result.references.text]);
  await writeAllAtomically(files);
  return files.map(([path]) => path);
}
