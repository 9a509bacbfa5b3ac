/**
 * What the test setups share: a tool the tests run (`pandoc`, Chromium, LibreOffice) is used when
 * it answers `--version` (or the `probe` arguments given: `['-c', 'import reportlab']` for a
 * Python module); when it is missing and we are root, its Debian packages are installed (apt-get,
 * with `apt-get update` and a second try when the first fails); otherwise the run stops with
 * `missing`, which says what to install.
 */
import { spawnSync } from 'node:child_process';

export function ensureDebianTool(
  command: string,
  packages: readonly string[],
  missing: string,
  probe: readonly string[] = ['--version'],
): void {
  const works = () => spawnSync(command, probe).status === 0;
  if (works()) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
        env,
        stdio: 'ignore',
      });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
      install();
    }
    if (works()) return;
  }
  throw new Error(missing);
}
