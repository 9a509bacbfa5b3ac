// Bundles the extension client, the language server and the CLI into dist/.
// Type-checking is `npm run typecheck` (tsc --noEmit); esbuild only strips types.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cslNotice, ensureCslAssets } from './scripts/csl-assets.mjs';
import { bundledPackages, renderNotices } from './scripts/third-party-notices.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** A hash of the engine's sources and the lock file: the parser's version for the index cache. */
function engineHash() {
  const hash = createHash('sha1');
  const files = readdirSync('server/src/engine', { recursive: true }).map(String).sort();
  for (const f of files.filter((f) => f.endsWith('.ts')))
    hash.update(f).update(readFileSync(join('server/src/engine', f)));
  return hash.update(readFileSync('package-lock.json')).digest('hex');
}
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
  define: {
    SOURCE_ANCHORS_VERSION: JSON.stringify(pkg.version),
    SOURCE_ANCHORS_ENGINE_HASH: JSON.stringify(engineHash()),
  },
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
    ];

const started = Date.now();
if (watch) {
  const { context } = await import('esbuild');
  for (const e of entries) await (await context({ ...common, ...e })).watch();
  console.log('esbuild: watching…');
} else {
  const results = await Promise.all(entries.map((e) => build({ ...common, metafile: !bench, ...e })));
  if (!bench) {
    // dist/ThirdPartyNotices.txt: every bundled package, its version and license; the build
    // fails on a license that does not allow redistribution.
    const root = new URL('.', import.meta.url).pathname;
    const inputs = results.flatMap((r) => Object.keys(r.metafile?.inputs ?? {}));
    const notices = renderNotices(bundledPackages(inputs, root));
    if (notices.problems.length) {
      console.error(
        `esbuild: licenses that forbid shipping these packages:\n  ${notices.problems.join('\n  ')}`,
      );
      process.exit(1);
    }
    const from = ensureCslAssets(new URL('.', import.meta.url).pathname, 'dist');
    if (!from)
      console.warn(
        'esbuild: the built-in citation styles were not found (Debian package citation-style-language-styles, or SOURCE_ANCHORS_CSL_DIR); export works only with a .csl file you name.',
      );
    const rule = '='.repeat(78);
    const csl = from ? `\n${rule}\n${cslNotice('dist', from)}\n` : '';
    writeFileSync(new URL('./dist/ThirdPartyNotices.txt', import.meta.url), notices.text + csl);
  }
  console.log(`esbuild: built ${entries.map((e) => e.outfile).join(', ')} in ${Date.now() - started} ms`);
}
