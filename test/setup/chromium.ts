/**
 * Vitest global setup: the PDF import tests print their PDFs with Debian's Chromium (as the
 * real-editor tests do). Installed when missing (as root; `debianTool.ts`).
 */
import { ensureDebianTool } from './debianTool.js';

export const CHROMIUM = '/usr/lib/chromium/chromium';

export default function setup(): void {
  ensureDebianTool(
    CHROMIUM,
    ['chromium', 'fonts-wqy-microhei'],
    'The PDF import tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium fonts-wqy-microhei).',
  );
}
