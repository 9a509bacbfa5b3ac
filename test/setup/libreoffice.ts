/**
 * Vitest global setup: the PDF import tests print their PDFs with a second producer beside
 * Chromium, LibreOffice Writer (Debian's `libreoffice-writer-nogui`: 50 packages, 86 MB to
 * download, 263 MB installed, about a minute). When it is missing and we are root, it is installed
 * here (apt-get); otherwise the run stops with what to do.
 */
import { spawnSync } from 'node:child_process';

export const SOFFICE = '/usr/bin/soffice';

export default function setup(): void {
  if (spawnSync(SOFFICE, ['--version']).status === 0) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      spawnSync(
        'apt-get',
        ['install', '-y', '--no-install-recommends', 'libreoffice-writer-nogui', 'fonts-wqy-microhei'],
        { env, stdio: 'ignore' },
      );
    if (install().status !== 0) {
      spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
      install();
    }
    if (spawnSync(SOFFICE, ['--version']).status === 0) return;
  }
  throw new Error(
    'The PDF import tests need LibreOffice: install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-wqy-microhei).',
  );
}
