/**
 * Where the real-editor suites find the repository, the tools `setup.sh` installed, and where
 * they write screenshots and logs. A missing setup fails loudly with what to run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file whose package.json is ours. */
export const REPO = findRepo(dirname(fileURLToPath(import.meta.url)));

/** The cache folder of `setup.sh` (gitignored). */
export const CACHE = process.env.SOURCE_ANCHORS_E2E_CACHE ?? join(REPO, '.cache', 'e2e');

/** Screenshots and logs of the suites (gitignored). */
export const OUTPUT = join(REPO, 'test-output', 'e2e');

/** The packaged extension that `npm run package` writes. */
export const VSIX = join(REPO, 'source-anchors.vsix');

/** The bundled language server that `npm run build` (or `npm run package`) writes. */
export const SERVER = join(REPO, 'dist', 'server.js');

/** What `setup.sh` installed, as it wrote it to `setup.json`. */
export interface Setup {
  node24: string;
  codeServer: string;
  codeServerVersion: string;
  chromium: string;
  nvim: string;
  nvimVersion: string;
}

type Tool = 'node24' | 'codeServer' | 'chromium' | 'nvim';

/** Reads `setup.json`, checking that each tool the caller needs is still there. */
export function readSetup(needs: Tool[] = ['node24', 'codeServer', 'chromium', 'nvim']): Setup {
  const file = join(CACHE, 'setup.json');
  const rerun = 'Run `bash test/e2e/setup.sh` (npm run e2e:setup) first.';
  if (!existsSync(file)) throw new Error(`The real-editor setup is missing: no ${file}. ${rerun}`);
  const setup = JSON.parse(readFileSync(file, 'utf8')) as Setup;
  for (const key of needs) {
    if (!existsSync(setup[key])) throw new Error(`${key} is missing at ${setup[key]}. ${rerun}`);
  }
  return setup;
}

function findRepo(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'source-anchors'
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`No source-anchors package.json above ${start}.`);
  }
}
