/**
 * Vitest global setup: the export tests check what we write with Debian's `pandoc`, as the
 * real-editor tests use Debian's Chromium. When it is missing and we are root, it is installed
 * here (apt-get); otherwise the run stops with what to do.
 */
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  if (spawnSync('pandoc', ['--version']).status === 0) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'pandoc'], {
      env,
      stdio: 'ignore',
    });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
      r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'pandoc'], {
        env,
        stdio: 'ignore',
      });
    }
    if (r.status === 0 && spawnSync('pandoc', ['--version']).status === 0) return;
  }
  throw new Error(
    'The export tests need pandoc: install it (Debian/Ubuntu: apt-get install pandoc; macOS: brew install pandoc).',
  );
}
