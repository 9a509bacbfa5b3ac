/**
 * Runs the bundled CLI (`dist/cli.js`) as a user would, capturing its output and exit code. The
 * index cache is written by `check` itself (`SOURCE_ANCHORS_CACHE_WRITE=inline`) unless `env` says
 * otherwise: a detached writer (cacheWriter.ts) would outlive the test's workspace.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export function runCli(
  args: string[],
  cwd = REPO,
  env: NodeJS.ProcessEnv = process.env,
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { SOURCE_ANCHORS_CACHE_WRITE: 'inline', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
