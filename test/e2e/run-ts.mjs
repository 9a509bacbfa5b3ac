// Runs a TypeScript entry point of test/e2e/ on the machine's Node (20, which cannot run
// TypeScript itself): esbuild bundles it, packages left external, into .cache/e2e/build/ inside
// the repository (so its node_modules resolve), then it is imported.
//   node test/e2e/run-ts.mjs test/e2e/demo.ts [args...]
import { build } from 'esbuild';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node test/e2e/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
const repo = fileURLToPath(new URL('../..', import.meta.url));
const outfile = join(repo, '.cache', 'e2e', 'build', basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.argv.splice(2, 1);
await import(pathToFileURL(outfile).href);
