/**
 * Reads citation styles and locales from disk for the engine: the built-in ones shipped in
 * `dist/csl/` (beside the bundle), or a `.csl` file the writer names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { builtinStyle, DEFAULT_STYLE } from '../engine/biblio/styles.js';
import { patchStyle } from '../engine/biblio/stylePatches.js';
import type { LoadedStyle } from '../engine/export/paper.js';

/** `dist/csl/`: the bundles live in `dist/`, so it is beside them. */
export function cslDir(): string {
  return join(__dirname, 'csl');
}

export type StyleLoad = { ok: true; style: LoadedStyle; name: string } | { ok: false; message: string };

/**
 * The style `name` (a built-in id or alias, or a path to a .csl file relative to `root`) in
 * `locale`. Never throws: a missing or unreadable style is a message saying what to do.
 */
export function loadStyle(name: string | undefined, locale: string, root: string): StyleLoad {
  const wanted = name?.trim() || DEFAULT_STYLE;
  const builtin = builtinStyle(wanted);
  let xml: string;
  if (builtin) {
    const file = join(cslDir(), builtin.file);
    if (!existsSync(file)) {
      return {
        ok: false,
        message: `The built-in style '${builtin.alias}' is not installed (${file} is missing). Rebuild with Debian's citation-style-language-styles available (npm run build does this on Debian), or name a .csl file: --style path/to/style.csl.`,
      };
    }
    xml = builtinXml(builtin.id, file);
  } else {
    const path = isAbsolute(wanted) ? wanted : resolve(root, wanted);
    if (!existsSync(path)) {
      return {
        ok: false,
        message: `No citation style '${wanted}': it is neither a built-in style (gb-note, gb-author-date, chicago, apa) nor a file (${path}).`,
      };
    }
    try {
      xml = readFileSync(path, 'utf8');
    } catch (e) {
      return { ok: false, message: `Cannot read the citation style ${path}: ${(e as Error).message}` };
    }
  }
  return { ok: true, name: builtin?.id ?? wanted, style: { xml, locale, retrieveLocale: readLocale } };
}

const builtins = new Map<string, string>();

/** A built-in style's XML, patched, read once: the files in dist/csl/ do not change while we run. */
function builtinXml(id: string, file: string): string {
  let xml = builtins.get(id);
  if (xml === undefined) {
    xml = patchStyle(id, readFileSync(file, 'utf8'));
    builtins.set(id, xml);
  }
  return xml;
}

const locales = new Map<string, string | undefined>();

/** `locales-zh-CN.xml` from `dist/csl/`, or undefined (citeproc then falls back to en-US). */
function readLocale(lang: string): string | undefined {
  if (!locales.has(lang)) {
    const file = join(cslDir(), `locales-${lang}.xml`);
    locales.set(
      lang,
      /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{2,4})?$/.test(lang) && existsSync(file)
        ? readFileSync(file, 'utf8')
        : undefined,
    );
  }
  return locales.get(lang);
}
