/**
 * Imports one original by its file type. Conversions live in `engine/import/`; this is where a
 * library that needs Node (mammoth for Word files, pdf.js for PDFs) is called.
 */
import { docxCoreXml, importDocxHtml } from '../engine/import/docx.js';
import { importBytes } from '../engine/import/importSource.js';
import type { ImportOutcome } from '../engine/import/importedDoc.js';
import { importPdfPages } from '../engine/import/pdf.js';
import { docxHtml } from './docxHtml.js';
import { pdfText } from './pdfText.js';

export const IMPORT_EXTENSIONS = ['.txt', '.html', '.htm', '.docx', '.pdf'] as const;

export async function importFile(fileName: string, bytes: Uint8Array): Promise<ImportOutcome> {
  const ext = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  if (ext === '.docx') {
    const html = await docxHtml(bytes);
    if (!html.ok) return { ok: false, message: `cannot read '${fileName}' as a Word file: ${html.reason}` };
    return importDocxHtml(html.html, docxCoreXml(bytes), fileName);
  }
  if (ext === '.pdf') {
    const text = await pdfText(bytes);
    if (!text.ok)
      return {
        ok: false,
        message:
          text.reason === 'encrypted'
            ? `cannot import '${fileName}': the PDF is encrypted (password protected); save an unprotected copy first`
            : `cannot import '${fileName}': not a readable PDF (damaged or truncated?): ${text.detail}`,
      };
    return importPdfPages(text.info, fileName);
  }
  if (!ext || !(IMPORT_EXTENSIONS as readonly string[]).includes(ext))
    return { ok: false, message: `cannot import '${fileName}': not one of ${IMPORT_EXTENSIONS.join(', ')}` };
  return importBytes(fileName, bytes);
}
