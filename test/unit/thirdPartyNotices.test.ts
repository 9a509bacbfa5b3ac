/**
 * Third-party notices: which licenses may ship, and the notice the build writes for what the
 * bundles hold (dist/ThirdPartyNotices.txt, which the .vsix carries).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPackages, licenseOf, licenseProblem } from '../../scripts/third-party-notices.mjs';
import { REPO } from '../lsp/harness.js';

describe('licenseProblem', () => {
  it.each([
    'MIT',
    'CPAL-1.0 OR AGPL-1.0',
    'MIT AND Apache-2.0',
    '(MIT OR GPL-3.0-or-later)',
    'BlueOak-1.0.0',
    'Apache-2.0 WITH LLVM-exception',
  ])('%s may ship', (license) => {
    expect(licenseProblem(license)).toBeUndefined();
  });

  it.each([
    [undefined, 'no license stated'],
    ['UNLICENSED', '"UNLICENSED" is not an open license'],
    ['SEE LICENSE IN EULA.txt', '"SEE LICENSE IN EULA.txt" is not an open license'],
    ['MIT AND BUSL-1.1', 'BUSL-1.1 is not known to allow redistribution'],
    ['SSPL-1.0 OR Elastic-2.0', 'SSPL-1.0, Elastic-2.0 are not known to allow redistribution'],
    ['CC-BY-NC-4.0', 'CC-BY-NC-4.0 is not known to allow redistribution'],
  ])('%s may not ship: %s', (license, problem) => {
    expect(licenseProblem(license)).toBe(problem);
  });

  it('reads the license field in its old forms too', () => {
    expect(licenseOf({ license: { type: 'MIT' } })).toBe('MIT');
    expect(licenseOf({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('MIT OR Apache-2.0');
    expect(licenseOf({})).toBeUndefined();
  });

  it('finds package folders of bundled inputs, scoped and nested', () => {
    expect(
      bundledPackages(
        [
          'server/src/server.ts',
          'node_modules/yaml/dist/index.js',
          'node_modules/@vscode/x/lib/a.js',
          'node_modules/a/node_modules/b/index.js',
        ],
        '/r',
      ),
    ).toEqual(['/r/node_modules/@vscode/x', '/r/node_modules/a/node_modules/b', '/r/node_modules/yaml']);
  });
});

describe('dist/ThirdPartyNotices.txt (written by npm run build)', () => {
  const notices = readFileSync(join(REPO, 'dist/ThirdPartyNotices.txt'), 'utf8');

  it('lists the bundled packages with version and license, citeproc and docx included', () => {
    const version = (name: string) =>
      (
        JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    expect(notices).toContain(`- citeproc ${version('citeproc')} (CPAL-1.0 OR AGPL-1.0)\n`);
    expect(notices).toContain(`- docx ${version('docx')} (MIT)\n`);
    expect(notices).toContain(`- markdown-it ${version('markdown-it')} (MIT)\n`);
    expect(notices).toContain(`- opencc-js ${version('opencc-js')} (MIT AND Apache-2.0)\n`);
    // Only what is bundled: dev tools are not.
    expect(notices).not.toContain('- vitest ');
    expect(notices).not.toContain('- esbuild ');
  });

  it('carries each license text', () => {
    expect(notices).toContain(readFileSync(join(REPO, 'node_modules/markdown-it/LICENSE'), 'utf8').trim());
  });
});
