/**
 * The server's side of Export Paper: checks the draft as `check` does, refuses it when it has
 * errors (unless forced), formats it and writes the files atomically — the same engine calls as
 * `source-anchors export`.
 */
import { basename, dirname } from 'node:path';
import { URI } from 'vscode-uri';
import { chooseLocale, BUILTIN_STYLES, DEFAULT_STYLE } from '../engine/biblio/styles.js';
import { checkDraftText } from '../engine/checkFiles.js';
import { draftLanguage, exportPaper } from '../engine/export/exportPaper.js';
import type { SourceAnchorsService } from '../engine/service.js';
import { loadStyle } from '../node/cslFiles.js';
import { writeExport } from '../node/writeFiles.js';
import { canonicalUri } from '../engine/uris.js';
import type { ProjectState } from './projectState.js';
import type { ExportOptionsResult, ExportPaperParams, ExportPaperResult } from './protocolTypes.js';

export function exportOptions(state: ProjectState, uri: string): ExportOptionsResult {
  return {
    formats: [
      { id: 'docx', label: 'Word (.docx)', extension: 'docx' },
      { id: 'html', label: 'Web page (.html)', extension: 'html' },
      { id: 'markdown', label: 'Markdown with footnotes (.md)', extension: 'paper.md' },
      { id: 'pandoc', label: 'Pandoc Markdown + CSL-JSON (.pandoc.md)', extension: 'pandoc.md' },
    ],
    styles: BUILTIN_STYLES.map((s) => ({ id: s.id, alias: s.alias, description: s.description })),
    configuredStyle: state.configFor(uri).citationStyle ?? DEFAULT_STYLE,
  };
}

export async function exportDraft(
  service: SourceAnchorsService,
  state: ProjectState,
  text: string,
  p: ExportPaperParams,
): Promise<ExportPaperResult> {
  const config = state.configFor(p.uri);
  const report = checkDraftText(p.uri, text, service.index, config, service.quotes);
  const errors = report.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  const name = basename(URI.parse(p.uri).fsPath);
  if (errors.length && !p.force) {
    return {
      ok: false,
      message: `Export refused: ${name} has ${errors.length} error${errors.length === 1 ? '' : 's'}. Fix them, or export anyway.`,
      written: [],
      errors,
    };
  }
  const locale = chooseLocale(undefined, draftLanguage(text), service.index);
  const root = state.rootOf(canonicalUri(p.uri)) ?? state.roots[0];
  const loaded = loadStyle(
    p.style ?? config.citationStyle,
    locale,
    root ? URI.parse(root).fsPath : dirname(URI.parse(p.uri).fsPath),
  );
  if (!loaded.ok) return { ok: false, message: loaded.message, written: [], errors: [] };
  try {
    const result = await exportPaper({
      draftText: text,
      index: service.index,
      style: loaded.style,
      format: p.format,
      outputName: basename(p.output),
    });
    const written = await writeExport(p.output, result);
    const n = result.paper.cites.length;
    return {
      ok: true,
      message: `Exported ${name} to ${basename(p.output)} (${result.paper.style.title}, ${result.paper.locale}): ${n} citation${n === 1 ? '' : 's'}, ${result.paper.bibliography.length} in the bibliography.`,
      written,
      errors: [],
    };
  } catch (e) {
    return { ok: false, message: `Export failed: ${(e as Error).message}`, written: [], errors: [] };
  }
}
