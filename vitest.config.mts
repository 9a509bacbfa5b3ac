import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // The CLI and the server keep their index cache here, not in the user's cache folder.
    env: { XDG_CACHE_HOME: join(tmpdir(), `sa-test-cache-${process.pid}`) },
    // fast-check's seed: random locally, fixed under CI (see the file).
    setupFiles: ['test/setup/propertySeed.ts'],
    globalSetup: [
      'test/setup/pandoc.ts',
      'test/setup/chromium.ts',
      'test/setup/libreoffice.ts',
      'test/setup/pdfFonts.ts',
      'test/setup/texlive.ts',
    ],
  },
});
