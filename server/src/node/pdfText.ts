/**
 * The text layer of a PDF, by Mozilla's pdf.js (`pdfjs-dist`, legacy build for Node): each page's
 * text as lines (`pageLines`: the items with their positions, page by page, each page's resources
 * released once read), and the document's title and author. Nothing is rendered and
 * nothing is fetched over the network (the worker runs in this process); pdf.js reads the CMaps
 * of the standard CJK encodings and its standard fonts from disk (`loadPdfjs.ts`'s `pdfjsData`),
 * without which a PDF in a non-embedded CID font (STSong-Light, `UniGB-UCS2-H`) reads as empty.
 * pdf.js is loaded on first use by `loadPdfjs.ts` (beside the bundle in the extension's package,
 * else from node_modules).
 */
import { pageLines, type PdfInfo, type PdfItem } from '../engine/import/pdf.js';
import { loadPdfjs, pdfjsData, type PdfJs, type PdfJsData } from './loadPdfjs.js';

let pdfjs: Promise<PdfJs> | undefined;
let assets: PdfJsData | null | undefined;

export type PdfTextResult =
  { ok: true; info: PdfInfo } | { ok: false; reason: 'encrypted' | 'unreadable'; detail: string };

export async function pdfText(bytes: Uint8Array): Promise<PdfTextResult> {
  pdfjs ??= loadPdfjs();
  const lib = await pdfjs;
  assets ??= pdfjsData() ?? null;
  let task;
  try {
    task = lib.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      // The CJK CMaps and the standard fonts, read from disk (pdf.js's Node factories use fs).
      ...(assets
        ? { cMapUrl: assets.cMapUrl, cMapPacked: true, standardFontDataUrl: assets.standardFontDataUrl }
        : {}),
    });
    const pdf = await task.promise;
    const meta = (await pdf.getMetadata().catch(() => undefined))?.info as
      { Title?: string; Author?: string } | undefined;
    const info: PdfInfo = { pages: [] };
    if (typeof meta?.Title === 'string' && meta.Title.trim()) info.title = meta.Title.trim();
    if (typeof meta?.Author === 'string' && meta.Author.trim()) info.author = meta.Author.trim();
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        const [a, b, , , x, y] = item.transform as number[];
        items.push({
          text: item.str,
          x: x!,
          y: y!,
          width: item.width,
          size: Math.hypot(a!, b!) || item.height,
        });
      }
      // Lines now, so that the items (thousands a page) do not outlive the page.
      info.pages.push(pageLines(items));
      page.cleanup();
    }
    await pdf.destroy();
    return { ok: true, info };
  } catch (e) {
    await task?.destroy().catch(() => undefined);
    const err = e as Error;
    if (err.name === 'PasswordException') return { ok: false, reason: 'encrypted', detail: err.message };
    return { ok: false, reason: 'unreadable', detail: err.message };
  }
}
