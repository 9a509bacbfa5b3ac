/**
 * Vitest global setup: the export tests check what we write with Debian's `pandoc`, as the
 * real-editor tests use Debian's Chromium. Installed when missing (as root; `debianTool.ts`).
 */
import { ensureDebianTool } from './debianTool.js';

export default function setup(): void {
  ensureDebianTool(
    'pandoc',
    ['pandoc'],
    'The export tests need pandoc: install it (Debian/Ubuntu: apt-get install pandoc; macOS: brew install pandoc).',
  );
}
