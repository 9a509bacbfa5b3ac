#!/usr/bin/env node
/**
 * The built-in citation styles and their locales, taken from Debian's packages of the official
 * CSL repositories (`citation-style-language-styles`, `citation-style-language-locales`; CC BY-SA
 * 3.0) — never copied into this repository. `npm run build` calls `ensureCslAssets()`, which puts
 * the six files we ship into `dist/csl/`:
 *
 *   1. `.cache/csl/` when an earlier build extracted them there;
 *   2. else `apt-get download` + `dpkg-deb -x` into `.cache/csl/` (no root needed; on a machine
 *      whose package lists are empty, root runs `apt-get update` first);
 *   3. else `$SOURCE_ANCHORS_CSL_DIR` or `/usr/share/citation-style-language` (a folder holding
 *      `styles/` and `locales/`, e.g. a checkout of the CSL repositories on macOS).
 *
 * Without any of them the build still succeeds: export then works only with a style file the
 * writer names, and says so.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const STYLE_FILES = [
  'china-national-standard-gb-t-7714-2015-note.csl',
  'china-national-standard-gb-t-7714-2015-author-date.csl',
  'chicago-note-bibliography.csl',
  'apa.csl',
];
export const LOCALE_FILES = ['locales-zh-CN.xml', 'locales-en-US.xml', 'locales-zh-TW.xml'];
const PACKAGES = ['citation-style-language-styles', 'citation-style-language-locales'];

const hasAll = (dir) =>
  STYLE_FILES.every((f) => existsSync(join(dir, 'styles', f))) &&
  LOCALE_FILES.every((f) => existsSync(join(dir, 'locales', f)));

function fromDebian(cacheDir) {
  const share = join(cacheDir, 'root', 'usr', 'share', 'citation-style-language');
  if (hasAll(share)) return share;
  const debs = join(cacheDir, 'debs');
  rmSync(debs, { recursive: true, force: true });
  mkdirSync(debs, { recursive: true });
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: debs, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    try {
      run('apt-get', ['download', ...PACKAGES]);
    } catch (e) {
      if (process.getuid?.() !== 0) throw e;
      run('apt-get', ['update']);
      run('apt-get', ['download', ...PACKAGES]);
    }
    for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
      run('dpkg-deb', ['-x', join(debs, deb), join(cacheDir, 'root')]);
    }
  } catch {
    return undefined;
  }
  return hasAll(share) ? share : undefined;
}

/**
 * The notice for the shipped styles and locales (CC BY-SA 3.0 asks for attribution): each file with
 * its title and authors as the file states them, and where it came from.
 */
export function cslNotice(outDir, from) {
  const out = join(outDir, 'csl');
  const lines = [
    'Citation Style Language (CSL) styles and locales — CC BY-SA 3.0 (styles), CC BY-SA 3.0 (locales)',
    'From the CSL project (https://citationstyles.org/, https://github.com/citation-style-language/styles',
    `and /locales), ${from.includes(join('.cache', 'csl')) ? 'from the Debian packages citation-style-language-styles and citation-style-language-locales' : 'from a local copy of the CSL repositories'}.`,
    'Shipped unmodified in dist/csl/; one slip of the GB/T 7714 note style is corrected in memory as it is',
    'loaded (server/src/engine/biblio/stylePatches.ts).',
    '',
  ];
  for (const f of STYLE_FILES) {
    const xml = readFileSync(join(out, f), 'utf8');
    const title = /<title>([^<]*)<\/title>/.exec(xml)?.[1] ?? f;
    const names = [...xml.matchAll(/<(?:author|contributor)>\s*<name>([^<]*)<\/name>/g)].map((m) => m[1]);
    const rights = /<rights[^>]*>([^<]*)<\/rights>/.exec(xml)?.[1] ?? '';
    lines.push(`- ${f}: ${title}${names.length ? `, by ${names.join(', ')}` : ''}. ${rights}`.trim());
  }
  for (const f of LOCALE_FILES) {
    const xml = readFileSync(join(out, f), 'utf8');
    const rights = /<rights[^>]*>([^<]*)<\/rights>/.exec(xml)?.[1] ?? '';
    lines.push(`- ${f}. ${rights}`.trim());
  }
  return lines.join('\n');
}

/** Copies the styles and locales into `outDir/csl/`; returns where they came from, or undefined. */
export function ensureCslAssets(repoRoot, outDir) {
  const candidates = [
    () => fromDebian(join(repoRoot, '.cache', 'csl')),
    () => process.env.SOURCE_ANCHORS_CSL_DIR,
    () => '/usr/share/citation-style-language',
  ];
  for (const candidate of candidates) {
    const dir = candidate();
    if (!dir || !hasAll(dir)) continue;
    const out = join(outDir, 'csl');
    mkdirSync(out, { recursive: true });
    for (const f of STYLE_FILES) copyFileSync(join(dir, 'styles', f), join(out, f));
    for (const f of LOCALE_FILES) copyFileSync(join(dir, 'locales', f), join(out, f));
    return dir;
  }
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url).pathname;
  const from = ensureCslAssets(root, join(root, 'dist'));
  console.log(from ? `csl: styles and locales from ${from}` : 'csl: no styles found');
  process.exit(from ? 0 : 1);
}
