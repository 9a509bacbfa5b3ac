/**
 * The importers by file type: bytes of an original in, an `ImportedDoc` out, or a refusal that
 * says why. No file system: the CLI reads the bytes and writes the result.
 */
import { decodeBytes } from '../corpus/decode.js';
import type { ImportOutcome } from './importedDoc.js';
import { importHtml } from './html.js';
import { importPlainText } from './plainText.js';

export const IMPORT_FORMATS = ['.txt', '.html', '.htm'] as const;

export function importFormatOf(fileName: string): string | undefined {
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  return ext && (IMPORT_FORMATS as readonly string[]).includes(ext) ? ext : undefined;
}

export function importBytes(fileName: string, bytes: Uint8Array): ImportOutcome {
  const format = importFormatOf(fileName);
  if (!format)
    return { ok: false, message: `cannot import '${fileName}': not one of ${IMPORT_FORMATS.join(', ')}` };
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, message: `cannot read '${fileName}' as text: ${decoded.reason}` };
  if (format === '.html' || format === '.htm') return importHtml(decoded.text, fileName);
  const doc = importPlainText(decoded.text);
  if (!doc.blocks.length) return { ok: false, message: `'${fileName}' has no text to import` };
  return { ok: true, doc };
}
