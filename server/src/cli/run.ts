/**
 * Argument parsing and dispatch for the CLI. Kept apart from `cli.ts` so tests can run it in-process.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { codeCacheFile, loadWithCodeCache } from '../node/codeCache.js';
import { runCheck, type CheckFormat } from './check.js';
import type * as ExportCommand from './export.js';
import type * as ImportCommand from './import.js';
import type * as McpCommand from '../mcp/runMcp.js';
import { runReport } from './report.js';
import { VERSION } from './version.js';

/**
 * `export` and `import` are bundles of their own (dist/cli-export.js, dist/cli-import.js, built by
 * esbuild.mjs), loaded only when run: `check` then starts without reading and compiling citeproc,
 * docx, mammoth, readability and the rest (bench/RESULTS.md, issue 9).
 */
function loadCommand<T>(bundle: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle beside this one, by path
  return require(join(__dirname, bundle)) as T;
}

export interface CliIo {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export const USAGE = `Usage: source-anchors check [--corpus PATH]... [--format text|json|github|sarif] [PATH...]
       source-anchors report [--corpus PATH]... [--format text|json] [PATH...]
       source-anchors export DRAFT.md [--to docx|html|markdown|pandoc] [--style ID|PATH.csl]
                             [--locale zh-CN|en-US] [-o FILE|-] [--force] [--corpus PATH]...
       source-anchors import FILE... [--into corpus/] [--id ID] [--dry-run] [--force]
       source-anchors import LIBRARY.bib|.json|.yaml [--into corpus/] [--dry-run] [--force]
       source-anchors mcp [--root DIR] [--corpus PATH]...

Checks every citation ([[doc]], [[doc#anchor]], [[doc#anchor|text]]) in the given drafts
(files or folders; default: the drafts configured in source-anchors.json, else every .md
outside the corpus) against the corpus (default: source-anchors.json's "corpus", else corpus/).

report lists every source with its sections and anchors: how often the drafts cite each, and where.

export writes the draft as a paper: every citation formatted by a CSL style (notes or author-date,
page numbers from the sources' page marks) and a bibliography. It checks the draft first and
refuses one with errors unless --force. Styles: gb-note (default), gb-author-date, chicago, apa,
or a .csl file. Default output: beside the draft (draft.docx, draft.html, draft.paper.md,
draft.pandoc.md + draft.pandoc.references.json); -o - writes text formats to standard output.

import turns originals (.txt, .html, .docx, .pdf) into corpus documents NNN-slug.md (the next free id, or --id) with
front matter, headings, footnotes and page marks, and prints what it found and dropped. When
one input is refused nothing is written. An original imported before (the document whose
original.file is its name, or the existing document --id names) is re-imported into that
document: its anchors keep their ids; a re-import that would break a draft's citation is
refused (listed) unless --force.

import of a reference library (BibTeX / BibLaTeX from Better BibTeX or JabRef, CSL-JSON or CSL-YAML
from Zotero) writes one document per entry, KEY.md, its id the citation key, its front matter the
entry's, its text the first attachment (file field) that imports; without one it has metadata only.
Importing it again updates the library's keys in the front matter and keeps the rest; entries gone
from the library are reported, never deleted (docs/reference-library.md).

mcp serves the workspace (--root, default: the current folder) to AI assistants over the Model
Context Protocol on standard input and output: passage search, passages, quote verification,
draft checks and citation formatting (docs/ai-assistants.md).

Options:
  --corpus PATH     a corpus folder or glob; repeat for several (overrides the configuration)
  --to FORMAT       export: docx, html, markdown or pandoc (default: from -o's extension, else markdown)
  --style STYLE     export: a built-in style id or alias, or a .csl file
  --locale LOCALE   export: zh-CN, zh-TW or en-US (default: the draft's lang, else the corpus's language)
  -o, --output FILE export: where to write
  --force           export: write even when the draft has errors; import: even when citations break
  --into FOLDER     import: the corpus folder to write to (default: corpus/)
  --id ID           import: the document id (one input only; default: the next free NNN)
  --dry-run         import: say what would be written, write nothing
  --root DIR        mcp: the workspace folder to serve (default: the current folder)
  --format FORMAT   text (default) or json; check also github (GitHub Actions annotations)
                    or sarif (SARIF 2.1.0)
  --no-cache        parse every source; neither read nor write the index cache
                    ($XDG_CACHE_HOME/source-anchors, else node_modules/.cache/source-anchors)
  -h, --help        show this help
  -v, --version     show the version

Exit codes: 0 no errors (report: printed), 1 errors found (export, import: refused), 2 usage
error or unreadable corpus.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        corpus: { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
        'no-cache': { type: 'boolean' },
        to: { type: 'string' },
        style: { type: 'string' },
        locale: { type: 'string' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean', default: false },
        into: { type: 'string' },
        id: { type: 'string' },
        root: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr.write(`source-anchors: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === 'export') {
    if (paths.length !== 1) {
      io.stderr.write(
        `source-anchors: export takes one draft, ${paths.length ? `not ${paths.length}` : 'none given'}\n\n${USAGE}`,
      );
      return 2;
    }
    const { runExport } = loadCommand<typeof ExportCommand>('cli-export.js');
    return runExport(
      {
        cwd: io.cwd,
        corpus: values.corpus,
        draft: paths[0]!,
        to: values.to,
        style: values.style,
        locale: values.locale,
        output: values.output,
        force: values.force ?? false,
        cache: !values['no-cache'],
      },
      io,
    );
  }
  if (command === 'import') {
    const usage = importUsageError(paths, values.id);
    if (usage) {
      io.stderr.write(`source-anchors: ${usage}\n\n${USAGE}`);
      return 2;
    }
    const { runImport } = loadCommand<typeof ImportCommand>('cli-import.js');
    return runImport(
      {
        cwd: io.cwd,
        files: paths,
        into: values.into ?? 'corpus',
        id: values.id,
        dryRun: values['dry-run'] ?? false,
        force: values.force ?? false,
      },
      io,
    );
  }
  if (command === 'mcp') {
    // Started again and again by assistants' clients: compiled from V8's code cache after the first.
    const file = join(__dirname, 'cli-mcp.js');
    const { runMcp } = loadWithCodeCache(file, codeCacheFile('mcp'), require).exports as typeof McpCommand;
    return runMcp(
      { root: resolve(io.cwd, values.root ?? '.'), corpus: values.corpus, cache: !values['no-cache'] },
      io,
    );
  }
  if (command !== 'check' && command !== 'report') {
    io.stderr.write(
      `source-anchors: ${command ? `unknown command '${command}'` : 'no command given'}\n\n${USAGE}`,
    );
    return 2;
  }
  const format = values.format;
  const cache = !values['no-cache'];
  if (command === 'report') {
    if (format !== 'text' && format !== 'json') {
      io.stderr.write(`source-anchors: --format must be text or json, not '${format}'\n`);
      return 2;
    }
    return runReport({ cwd: io.cwd, corpus: values.corpus, format, paths, cache }, io);
  }
  if (!isCheckFormat(format)) {
    io.stderr.write(`source-anchors: --format must be text, json, github or sarif, not '${format}'\n`);
    return 2;
  }
  return runCheck({ cwd: io.cwd, corpus: values.corpus, format, paths, cache }, io);
}

function isCheckFormat(format: string | undefined): format is CheckFormat {
  return format === 'text' || format === 'json' || format === 'github' || format === 'sarif';
}

/** What is wrong with `import`'s arguments, if anything. */
function importUsageError(files: string[], id: string | undefined): string | undefined {
  if (!files.length) return 'import takes one or more files, none given';
  if (id === undefined) return undefined;
  if (files.length > 1) return `--id names one document, but ${files.length} files were given`;
  if (!/^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u.test(id) || /^p\d+$/.test(id))
    return `--id '${id}' is not a document id (letters, digits, _, then also - . :)`;
  return undefined;
}
