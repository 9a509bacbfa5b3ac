/**
 * The .vsix holds only what the extension needs: the bundles and their third-party notices, pdf.js
 * for PDF import, the built-in citation styles, the grammar, the icon, README, LICENSE and the
 * manifest. Packages the already-built dist/ with vsce into a temporary folder. And the bundles
 * import a PDF with the pdf.js beside them where there is no node_modules, as when installed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from '../lsp/harness.js';

/** Names of the entries of a zip file, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.sort();
}

it('packages an installable .vsix with only the files it needs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-vsix-'));
  try {
    const out = join(dir, 'source-anchors.vsix');
    const vsce = join(REPO, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(zipEntries(readFileSync(out))).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/ThirdPartyNotices.txt',
      'extension/dist/csl/apa.csl',
      'extension/dist/csl/chicago-note-bibliography.csl',
      'extension/dist/csl/china-national-standard-gb-t-7714-2015-author-date.csl',
      'extension/dist/csl/china-national-standard-gb-t-7714-2015-note.csl',
      'extension/dist/csl/locales-en-US.xml',
      'extension/dist/csl/locales-zh-CN.xml',
      'extension/dist/csl/locales-zh-TW.xml',
      'extension/dist/extension.js',
      'extension/dist/importPlan.js',
      'extension/dist/lib/chardet.js',
      'extension/dist/lib/citeproc.js',
      'extension/dist/lib/iconv-lite.js',
      'extension/dist/lib/opencc-js.js',
      'extension/dist/lib/paperDocx.js',
      'extension/dist/lib/yaml.js',
      'extension/dist/libraryPlan.js',
      'extension/dist/pdfjs/LICENSE',
      'extension/dist/pdfjs/pdf.mjs',
      'extension/dist/pdfjs/pdf.worker.mjs',
      'extension/dist/server.js',
      'extension/dist/serverMain.js',
      'extension/images/icon.png',
      'extension/media/preview.css',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/citation.injection.tmLanguage.json',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('imports a PDF with the pdf.js beside the bundle when there is no node_modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-nomodules-'));
  try {
    // The bundles as built (the command's own and the lazily loaded ones), without source maps.
    cpSync(join(REPO, 'dist'), join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
    mkdirSync(join(dir, 'ws/corpus'), { recursive: true });
    copyFileSync(join(REPO, 'examples/quasi-alliances.pdf'), join(dir, 'ws/paper.pdf'));
    const r = spawnSync(process.execPath, [join(dir, 'dist/cli.js'), 'import', 'paper.pdf'], {
      cwd: join(dir, 'ws'),
      encoding: 'utf8',
    });
    expect([r.status, r.stderr, r.stdout.split('\n')[0]]).toEqual([
      0,
      '',
      'paper.pdf → corpus/001-quasi-alliances.md (001)',
    ]);
    expect(readdirSync(join(dir, 'ws/corpus'))).toEqual(['001-quasi-alliances.md']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
