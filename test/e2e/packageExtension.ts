/**
 * Builds `dist/` and `source-anchors.vsix` with the repository's own `npm run package`, so the
 * real editors get exactly what a user installs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { REPO, VSIX } from './paths';

export function packageExtension(): void {
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(VSIX)) throw new Error(`npm run package did not write ${VSIX}.`);
}
