/**
 * `source-anchors export DRAFT.md [--to docx|html|markdown|pandoc] [--style ID|PATH.csl]
 * [--locale zh-CN|en-US] [-o FILE] [--force]`: checks the draft like `check`, refuses it when a
 * citation or quote is wrong (exit 1, unless --force), then writes the paper. Nothing is written
 * on failure, and an existing file is replaced only once the new one is complete.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { chooseLocale } from '../engine/biblio/styles.js';
import { parseDraft } from '../engine/drafts/parseDraft.js';
import { checkDraftText, citedIds, corpusCounts, summarize } from '../engine/checkFiles.js';
import {
  defaultOutputName,
  draftLanguage,
  EXPORT_FORMATS,
  exportPaper,
  formatFromFileName,
  type ExportFormat,
} from '../engine/export/exportPaper.js';
import { readText } from '../engine/index/loadSources.js';
import { createService } from '../engine/service.js';
import { loadStyle } from '../node/cslFiles.js';
import { fileUri } from '../node/nodeWorkspace.js';
import { writeExport } from '../node/writeFiles.js';
import { displayPath, openCorpus } from './corpus.js';
import { formatText } from './format.js';
import type { CliIo } from './run.js';

export interface ExportOptions {
  cwd: string;
  corpus: string[] | undefined;
  draft: string;
  to: string | undefined;
  style: string | undefined;
  locale: string | undefined;
  output: string | undefined;
  force: boolean;
  /** Use the persistent index (default: yes). */
  cache?: boolean;
}

export async function runExport(options: ExportOptions, io: CliIo): Promise<number> {
  const fail = (message: string, code = 2) => {
    io.stderr.write(`source-anchors: ${message}\n`);
    return code;
  };
  let format: ExportFormat | undefined;
  if (options.to !== undefined) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(options.to))
      return fail(`--to must be one of ${EXPORT_FORMATS.join(', ')}, not '${options.to}'`);
    format = options.to as ExportFormat;
  } else if (options.output !== undefined && options.output !== '-') {
    format = formatFromFileName(options.output);
    if (!format)
      return fail(`cannot tell the format from '${options.output}': add --to ${EXPORT_FORMATS.join('|')}`);
  }
  format ??= 'markdown';
  if (options.output === '-' && format === 'docx')
    return fail('a docx cannot go to standard output: give -o FILE.docx');
  if (options.locale !== undefined && !/^[a-z]{2,3}-[A-Z]{2}$/.test(options.locale))
    return fail(`--locale must look like zh-CN or en-US, not '${options.locale}'`);

  const draftPath = resolve(options.cwd, options.draft);
  try {
    if (!(await stat(draftPath)).isFile()) return fail(`not a file: ${options.draft}`);
  } catch {
    return fail(`no such draft: ${options.draft}`);
  }
  // Passage search is built only if a quote is not found in its cited passage (as for check).
  const service = createService(undefined, undefined, { searchOnDemand: true });
  const opened = await openCorpus({ ...options, cache: options.cache !== false }, service.index);
  if (typeof opened === 'string') return fail(opened);
  const { config, workspace, cache } = opened;
  // Once the paper is out (or refused): a cache that cannot be written costs the next run time.
  const done = async (code: number) => {
    await cache?.save().catch(() => undefined);
    return code;
  };

  const draftUri = fileUri(draftPath);
  const decoded = await readText(workspace, draftUri);
  if (!decoded.ok) return fail(`cannot read draft ${options.draft}: ${decoded.reason}`);
  const draft = parseDraft(decoded.text);
  const report = checkDraftText(draftUri, draft, service.index, config, service.quotes);
  const summary = summarize([report], corpusCounts(service.index, citedIds([draft])));
  const show = (uri: string) => displayPath(uri, options.cwd);
  if (summary.errors > 0) {
    io.stderr.write(formatText([report], summary, show));
    if (!options.force) {
      io.stderr.write(
        `source-anchors: export refused: ${options.draft} has errors. Fix them, or export anyway with --force.\n`,
      );
      return done(1);
    }
  }

  const locale = chooseLocale(options.locale, draftLanguage(decoded.text), service.index);
  const loaded = loadStyle(options.style ?? config.citationStyle, locale, options.cwd);
  if (!loaded.ok) return fail(loaded.message);

  const outPath =
    options.output === '-'
      ? undefined
      : resolve(
          options.cwd,
          options.output ?? join(dirname(options.draft), defaultOutputName(basename(options.draft), format)),
        );
  let result;
  try {
    result = await exportPaper({
      draftText: decoded.text,
      index: service.index,
      style: loaded.style,
      format,
      outputName: outPath ? basename(outPath) : 'paper.pandoc.md',
    });
  } catch (e) {
    return fail(`cannot format citations with ${loaded.name}: ${(e as Error).message}`);
  }
  if (!outPath) {
    io.stdout.write(result.content as string);
    return done(0);
  }
  try {
    await writeExport(outPath, result);
  } catch (e) {
    return fail(`cannot write ${outPath}: ${(e as Error).message}`);
  }
  const cites = result.paper.cites.length;
  io.stdout.write(
    `✔ ${options.draft} → ${relative(options.cwd, outPath).split(sep).join('/')} (${format}, ${result.paper.style.title}, ${result.paper.locale}): ${cites} citation${cites === 1 ? '' : 's'}, ${result.paper.bibliography.length} in the bibliography.\n`,
  );
  return done(0);
}
