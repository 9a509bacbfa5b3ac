/**
 * Imports one original by its file type. Conversions live in `engine/import/`; this is where a
 * library that needs Node (or is asynchronous) would be called.
 */
import { importBytes } from '../engine/import/importSource.js';
import type { ImportOutcome } from '../engine/import/importedDoc.js';

export async function importFile(fileName: string, bytes: Uint8Array): Promise<ImportOutcome> {
  return importBytes(fileName, bytes);
}
