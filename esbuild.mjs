// Bundles the extension client, the language server and the CLI into dist/.
// Type-checking is `npm run typecheck` (tsc --noEmit); esbuild only strips types.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Code most runs never call, each in a bundle of its own (dist/lib/<name>.js) that the bundles
 * below load on first use: `check` and the server start without reading and compiling it
 * (opencc-js alone is 2.2 MB of dictionaries; bench/RESULTS.md, issue 9). Keys are package names,
 * or a source module (matched by the end of its import path) with its file. Each names what the
 * sources import: `named` functions (`import { f } from`), `default: true` for a default import
 * (`import x from`: any member of it, classes and constants too, is read from the loaded bundle
 * when used), and `out`, its file in dist/ when not lib/<name>.js.
 */
const LAZY = {
  'opencc-js': { named: ['Converter'] },
  yaml: { named: ['parseDocument', 'stringify'] },
  'iconv-lite': { default: true },
  chardet: { default: true },
  citeproc: { default: true },
  // The importers (pdf.js glue, Readability, linkedom, turndown, mammoth) for the server's Add Source.
  '../node/importPlan.js': {
    named: ['planImports', 'writePlan'],
    name: 'importPlan',
    file: 'server/src/node/importPlan.ts',
    // Beside server.js, not in lib/: it finds dist/pdfjs and dist/lib by its own __dirname.
    out: 'importPlan.js',
  },
  // The library reader (Citation.js) and the library import, for Import Library… and the `library` setting.
  '../node/libraryPlan.js': {
    named: ['planLibrary', 'writeLibraryPlan'],
    name: 'libraryPlan',
    file: 'server/src/node/libraryPlan.ts',
    out: 'libraryPlan.js',
  },
  './paperDocx.js': {
    named: ['paperDocx'],
    name: 'paperDocx',
    file: 'server/src/engine/export/paperDocx.ts',
  },
};
const lazyName = (key) => LAZY[key].name ?? key;
const lazyFile = (key) => LAZY[key].out ?? `lib/${lazyName(key)}.js`;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Resolves each {@link LAZY} import to a stub that loads the real bundle on first use. */
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map(escape).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, ({ path }) => {
      const { named = [], default: hasDefault = false } = LAZY[path];
      const contents = [
        `let lib;`,
        `const load = () => (lib ??= require(require('node:path').join(__dirname, ${JSON.stringify(lazyFile(path))})));`,
        ...named.map((f) => `export const ${f} = (...args) => load().${f}(...args);`),
        // Every member, not a list of them: a member left off a list read as undefined, silently.
        hasDefault ? `export default new Proxy({}, { get: (_, key) => load()[key] });` : '',
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};
/**
 * markdown-it 15 ships its classes compiled by Babel: every field of every token is set through
 * `_defineProperty` (`toPropertyKey`, an `in` lookup up the prototype chain, then
 * `Object.defineProperty`). Its classes have no accessors, so a plain assignment sets the very same
 * own property; parsing a 38 MB corpus takes about 30 % less time (bench/RESULTS.md, issue 9).
 * The constructors' own calls, `_defineProperty(this, "map", null);`, become `this.map = null;`:
 * one shared helper made every field store a keyed store through one call site, which V8 runs
 * slowly until the constructor is optimized (a cold `check` parses a whole corpus before that:
 * about 12 % of markdown-it's first pass over 1,000 sources; bench/RESULTS.md, issue 17).
 * A markdown-it whose helper or constructors read otherwise stops the build, so an upgrade is looked at.
 */
const MARKDOWN_IT_HELPER =
  /function _defineProperty\(e, r, t\) \{\n\treturn \(r = toPropertyKey\(r\)\) in e \? Object\.defineProperty\(e, r, \{\n\t\tvalue: t,\n\t\tenumerable: !0,\n\t\tconfigurable: !0,\n\t\twritable: !0\n\t\}\) : e\[r\] = t, e;\n\}/;
/** A constructor's field, `_defineProperty(this, /** doc *\/ "name", value);` (the value holds no `;`). */
const MARKDOWN_IT_FIELD =
  /_defineProperty\(\s*this,\s*(?:\/\*\*[\s\S]*?\*\/\s*)?"([A-Za-z_$][\w$]*)",\s*([^;]*?)\s*\);/g;
const markdownItFields = {
  name: 'markdown-it-fields',
  setup(b) {
    b.onLoad({ filter: /[\\/]markdown-it[\\/]dist[\\/]markdown-it\.(mjs|cjs\.js)$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (/\b(get|set) \w+\(/.test(source) || !MARKDOWN_IT_HELPER.test(source))
        return {
          errors: [
            { text: `${path}: not the markdown-it this build patches (esbuild.mjs, markdownItFields)` },
          ],
        };
      const fast = 'function _defineProperty(e, r, t) {\n\te[r] = t;\n\treturn e;\n}';
      let fields = 0;
      const contents = source
        .replace(MARKDOWN_IT_HELPER, fast)
        .replace(MARKDOWN_IT_FIELD, (_, name, value) => (fields++, `this.${name} = ${value};`));
      if (fields < 40 || /_defineProperty\(\s*this\b/.test(contents))
        return {
          errors: [
            { text: `${path}: constructor fields not as this build expects (esbuild.mjs, markdownItFields)` },
          ],
        };
      return { contents, loader: 'js' };
    });
  },
};
const plugins = [lazyPackages, markdownItFields];

const lazyBundles = Object.keys(LAZY).map((key) =>
  LAZY[key].file
    ? { entryPoints: [LAZY[key].file], outfile: `dist/${lazyFile(key)}`, plugins }
    : {
        stdin: {
          contents: `module.exports = require(${JSON.stringify(key)});`,
          resolveDir: '.',
          loader: 'js',
        },
        outfile: `dist/${lazyFile(key)}`,
      },
);

const entries = bench
  ? [
      {
        entryPoints: ['bench/engine.bench.ts'],
        outfile: 'dist/bench.mjs',
        format: 'esm',
        plugins,
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
        plugins: [markdownItFields],
      },
      // dist/server.js starts dist/serverMain.js with V8's code cache (server/src/node/codeCache.ts).
      { entryPoints: ['server/src/serverStart.ts'], outfile: 'dist/server.js' },
      { entryPoints: ['server/src/server.ts'], outfile: 'dist/serverMain.js', plugins },
      { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', plugins },
      // Commands `check` never needs (export, import, the MCP server), loaded by cli/run.ts when run: cli.js starts without them.
      { entryPoints: ['server/src/cli/export.ts'], outfile: 'dist/cli-export.js', plugins },
      { entryPoints: ['server/src/cli/import.ts'], outfile: 'dist/cli-import.js', plugins },
      { entryPoints: ['server/src/mcp/runMcp.ts'], outfile: 'dist/cli-mcp.js', plugins },
      { entryPoints: ['server/src/parseWorker.ts'], outfile: 'dist/parseWorker.js', plugins },
      // The CSL processor off the server's main thread (server/src/node/styleThread.ts).
      { entryPoints: ['server/src/styleWorker.ts'], outfile: 'dist/styleWorker.js', plugins },
      ...lazyBundles,
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
    // pdf.js for PDF import in the packaged extension, which has no node_modules (server/src/node/loadPdfjs.ts).
    mkdirSync('dist/pdfjs', { recursive: true });
    for (const [from, to] of [
      ['legacy/build/pdf.min.mjs', 'pdf.mjs'],
      ['legacy/build/pdf.worker.min.mjs', 'pdf.worker.mjs'],
      ['LICENSE', 'LICENSE'],
    ])
      copyFileSync(`node_modules/pdfjs-dist/${from}`, `dist/pdfjs/${to}`);
    // Its data: the CMaps of CJK encodings and the standard fonts, each folder with its licenses.
    for (const dir of ['cmaps', 'standard_fonts'])
      cpSync(`node_modules/pdfjs-dist/${dir}`, `dist/pdfjs/${dir}`, { recursive: true });
  }
  console.log(
    `esbuild: built ${entries.length} bundles (${entries.map((e) => e.outfile).join(', ')}) in ${Date.now() - started} ms`,
  );
}
