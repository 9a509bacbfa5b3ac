/**
 * A docx's text as HTML, by `mammoth` (Word styles → headings, lists, footnotes). Images are not
 * converted (their `src` is empty, and the importer drops them); nothing outside the file is read.
 */
import mammoth from 'mammoth';

export async function docxHtml(
  bytes: Uint8Array,
): Promise<{ ok: true; html: string } | { ok: false; reason: string }> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
      },
    );
    return { ok: true, html: result.value };
  } catch (e) {
    return { ok: false, reason: (e as Error).message.split('\n')[0]! };
  }
}
