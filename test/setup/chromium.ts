/**
 * Vitest global setup: the PDF import tests print their PDFs with Debian's Chromium (as the
 * real-editor tests do). When it is missing and we are root, it is installed here (apt-get);
 * otherwise the run stops with what to do.
 */
import { spawnSync } from 'node:child_process';

export const CHROMIUM = '/usr/lib/chromium/chromium';

export default function setup(): void {
  if (spawnSync(CHROMIUM, ['--version']).status === 0) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei'], {
        env,
        stdio: 'ignore',
      });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
      install();
    }
    if (spawnSync(CHROMIUM, ['--version']).status === 0) return;
  }
  throw new Error(
    'The PDF import tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium fonts-wqy-microhei).',
  );
}
