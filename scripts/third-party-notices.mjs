/**
 * Third-party notices for what the bundles ship: every npm package esbuild put into dist/*.js,
 * with its version, its license and its license text, written to dist/ThirdPartyNotices.txt
 * (which the .vsix carries, as Microsoft's extensions carry theirs). A package whose license
 * does not allow redistribution — or says nothing we know — fails the build.
 *
 * Licenses are SPDX expressions (`MIT`, `CPAL-1.0 OR AGPL-1.0`, `MIT AND Apache-2.0`): an OR
 * needs one allowed alternative, an AND needs all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Licenses that allow us to redistribute the code in a bundle (with the notice this file writes). */
export const ALLOWED_LICENSES = new Set([
  '0BSD',
  'AGPL-1.0',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'CC-BY-4.0',
  'CPAL-1.0',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'ISC',
  'MIT',
  'MPL-2.0',
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

/** The license of a package.json, as written (`license`, or the old `licenses` list). */
export function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return undefined;
}

/**
 * Why `expression` does not allow redistribution, or undefined when it does. Parentheses group;
 * `WITH` exceptions only widen a license and are read as the license itself.
 */
export function licenseProblem(expression) {
  if (!expression) return 'no license stated';
  if (/^(?:UNLICENSED|SEE LICEN[CS]E IN\b)/i.test(expression.trim()))
    return `"${expression}" is not an open license`;
  const tokens = expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let at = 0;
  const bad = [];
  // or := and ('OR' and)* ; and := atom ('AND' atom)* ; atom := id ['WITH' id] | '(' or ')'
  const or = () => {
    let ok = and();
    while (tokens[at] === 'OR') {
      at++;
      ok = and() || ok;
    }
    return ok;
  };
  const and = () => {
    let ok = atom();
    while (tokens[at] === 'AND') {
      at++;
      ok = atom() && ok;
    }
    return ok;
  };
  const atom = () => {
    if (tokens[at] === '(') {
      at++;
      const ok = or();
      at++;
      return ok;
    }
    const id = (tokens[at++] ?? '').replace(/\+$/, '');
    if (tokens[at] === 'WITH') at += 2;
    if (!ALLOWED_LICENSES.has(id)) bad.push(id);
    return ALLOWED_LICENSES.has(id);
  };
  return or()
    ? undefined
    : `${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not known to allow redistribution`;
}

/** The package folders (`node_modules/x`, `node_modules/@s/x`) that the bundles' inputs come from. */
export function bundledPackages(inputs, repoRoot) {
  const dirs = new Set();
  for (const input of inputs) {
    const parts = relative(repoRoot, join(repoRoot, input)).split(sep);
    const last = parts.lastIndexOf('node_modules');
    if (last === -1) continue;
    const take = parts[last + 1]?.startsWith('@') ? 3 : 2;
    dirs.add(join(repoRoot, ...parts.slice(0, last + take)));
  }
  return [...dirs].sort();
}

const LICENSE_FILE = /^(?:licen[cs]e|copying|notice)(?:[.-].*)?$/i;

/**
 * The notices text for the package folders, and the problems (packages whose license forbids
 * redistribution). Packages appear once per name and version, sorted by name.
 */
export function renderNotices(packageDirs) {
  const seen = new Map();
  const problems = [];
  for (const dir of packageDirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) continue;
    const license = licenseOf(pkg);
    const problem = licenseProblem(license);
    if (problem) problems.push(`${key} (${license ?? 'no license'}): ${problem}`);
    const files = readdirSync(dir)
      .filter((f) => LICENSE_FILE.test(f))
      .sort();
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
    seen.set(key, { name: pkg.name, version: pkg.version, license, texts });
  }
  const entries = [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rule = '='.repeat(78);
  const text = [
    'Source Anchors includes the following third-party software, bundled into dist/*.js.',
    'Each is listed with its version and license, followed by its license text as it ships.',
    '',
    ...entries.map((e) => `- ${e.name} ${e.version} (${e.license})`),
    '',
    ...entries.flatMap((e) => [
      rule,
      `${e.name} ${e.version} — ${e.license}`,
      rule,
      e.texts.length
        ? e.texts.join('\n\n')
        : `(No license file ships with the package; its license is ${e.license}.)`,
      '',
    ]),
  ].join('\n');
  return { text, problems, packages: entries.map((e) => `${e.name} ${e.version} (${e.license})`) };
}

/** True when `dir` looks like a package folder. */
export const isPackageDir = (dir) => existsSync(join(dir, 'package.json'));
