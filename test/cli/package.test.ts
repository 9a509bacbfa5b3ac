/**
 * The .vsix holds only what the extension needs: the bundles and their third-party notices, the
 * built-in citation styles, the grammar, the icon, README, LICENSE and the manifest. Packages the
 * already-built dist/ with vsce into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
      'extension/dist/server.js',
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
