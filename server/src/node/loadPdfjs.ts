/**
 * Loads pdf.js (`pdfjs-dist`, legacy build for Node). It is an ES module with its worker in a
 * file beside it, so it is not bundled: the extension's package carries both files beside the
 * bundle (`dist/pdfjs/pdf.mjs`, `dist/pdfjs/pdf.worker.mjs`, copied by esbuild.mjs), and a
 * checkout or an npm install has them in node_modules, which is tried first.
 *
 * pdf.js reads two kinds of data files besides: the CMaps of the standard CJK encodings
 * (`cmaps/`, e.g. `UniGB-UCS2-H.bcmap` for a Chinese PDF in the non-embedded font STSong-Light)
 * and the standard fonts it substitutes for fonts a PDF does not embed (`standard_fonts/`).
 * `pdfjsData` finds them where pdf.js was found.
 *
 * The copy in the package is loaded without pdf.js's optional native canvas module, which is
 * what would give it `DOMMatrix`: only text is read, nothing is drawn, so an identity-matrix
 * stand-in is enough to load it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfJs = typeof PdfJsModule;

/** The copy beside the bundle, when there is one (`dist/pdfjs/pdf.mjs`). */
function besideBundle(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const path = join(__dirname, 'pdfjs', 'pdf.mjs');
  return existsSync(path) ? path : undefined;
}

export async function loadPdfjs(): Promise<PdfJs> {
  let missing: Error;
  try {
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } catch (e) {
    missing = e as Error;
  }
  const beside = besideBundle();
  try {
    if (!beside) throw missing;
    const g = globalThis as { DOMMatrix?: unknown };
    g.DOMMatrix ??= class DOMMatrix {
      a = 1;
      b = 0;
      c = 0;
      d = 1;
      e = 0;
      f = 0;
    };
    // Its warnings about the canvas it does not need (printed on console.warn) are not the
    // writer's concern: those two are left out of the log, everything else is kept.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!/^Warning: Cannot (?:load "@napi-rs\/canvas"|polyfill)/.test(String(args[0]))) warn(...args);
    };
    return (await import(pathToFileURL(beside).href)) as PdfJs;
  } catch (e) {
    throw new Error(
      `PDF import needs pdf.js (pdfjs-dist), which could not be loaded (${(e as Error).message.split('\n')[0]}); import the PDF with the command line (source-anchors import) from a checkout with its node_modules`,
      { cause: e },
    );
  }
}

/** Where pdf.js's data files are, as the directory paths (ending in `/`) its options take. */
export interface PdfJsData {
  /** pdf.js's `cMapUrl`, with `cMapPacked: true` (the files are `*.bcmap`). */
  cMapUrl: string;
  standardFontDataUrl: string;
}

/**
 * pdf.js's data files: node_modules' `pdfjs-dist/cmaps/` and `standard_fonts/`, else the copies
 * beside the bundle (`dist/pdfjs/cmaps/`, `dist/pdfjs/standard_fonts/`), else undefined. In Node,
 * pdf.js reads these "URLs" with `fs.readFile`, so they are file paths, not `file:` URLs, and
 * must end in `/` (on Windows too, where `C:\ext\dist\pdfjs\cmaps/` reads fine).
 */
export function pdfjsData(): PdfJsData | undefined {
  let root: string | undefined;
  try {
    root = dirname(createRequire(__filename).resolve('pdfjs-dist/package.json'));
  } catch {
    const beside = besideBundle();
    root = beside ? dirname(beside) : undefined;
  }
  if (!root || !existsSync(join(root, 'cmaps'))) return undefined;
  return {
    cMapUrl: `${join(root, 'cmaps')}/`,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  };
}
