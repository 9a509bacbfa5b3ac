/**
 * Vitest global setup: the PDF import tests print their PDFs with a second producer beside
 * Chromium, LibreOffice Writer (Debian's `libreoffice-writer-nogui`: 50 packages, 86 MB to
 * download, 263 MB installed, about a minute). Installed when missing (as root; `debianTool.ts`).
 */
import { ensureDebianTool } from './debianTool.js';

export const SOFFICE = '/usr/bin/soffice';

export default function setup(): void {
  ensureDebianTool(
    SOFFICE,
    ['libreoffice-writer-nogui', 'fonts-wqy-microhei'],
    'The PDF import tests need LibreOffice: install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-wqy-microhei).',
  );
}
