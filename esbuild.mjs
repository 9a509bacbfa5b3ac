// Bundles the extension client, the language server and the CLI into dist/.
// Type-checking is `npm run typecheck` (tsc --noEmit); esbuild only strips types.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { ensureCslAssets } from './scripts/csl-assets.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { SOURCE_ANCHORS_VERSION: JSON.stringify(pkg.version) },
  // pdf.js (PDF import) is an ES module with its worker in a file beside it: loaded from node_modules.
  external: ['pdfjs-dist'],
  // github-slugger and other ESM-only packages are bundled; `import.meta.url` is not used by them.
};

const bench = process.argv.includes('--bench');

const entries = bench
  ? [
      {
        entryPoints: ['bench/engine.bench.ts'],
        outfile: 'dist/bench.mjs',
        format: 'esm',
        // The synthetic corpus generator is an ES module that finds the repository by import.meta.url.
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
      },
    ]
  : [
      {
        entryPoints: ['client/src/extension.ts'],
        outfile: 'dist/extension.js',
        external: ['vscode', 'pdfjs-dist'],
      },
      { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
      { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
      { entryPoints: ['server/src/searchWorker.ts'], outfile: 'dist/searchWorker.js' },
    ];

const started = Date.now();
if (watch) {
  const { context } = await import('esbuild');
  for (const e of entries) await (await context({ ...common, ...e })).watch();
  console.log('esbuild: watching…');
} else {
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
  if (!bench) {
    const from = ensureCslAssets(new URL('.', import.meta.url).pathname, 'dist');
    if (!from)
      console.warn(
        'esbuild: the built-in citation styles were not found (Debian package citation-style-language-styles, or SOURCE_ANCHORS_CSL_DIR); export works only with a .csl file you name.',
      );
  }
  console.log(`esbuild: built ${entries.map((e) => e.outfile).join(', ')} in ${Date.now() - started} ms`);
}
