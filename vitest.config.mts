import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    globalSetup: ['test/setup/pandoc.ts', 'test/setup/chromium.ts'],
  },
});
