/**
 * The CLI's two report formats. Lines and columns are 1-based, as compilers print them.
 *
 * Text: `examples/draft.md:12:5 error unknown-anchor Unknown anchor 'us-phase9' in …`
 * JSON: `{ "files": [ { "path", "diagnostics": [ { "line", "column", "endLine", "endColumn",
 *        "severity", "code", "message", "citation"?, "suggestions"? } ] } ], "summary": {…} }`
 */
import type { CheckSummary, FileReport } from '../engine/checkFiles.js';

export function formatJson(
  reports: FileReport[],
  summary: CheckSummary,
  show: (uri: string) => string,
): string {
  return `${JSON.stringify(jsonReport(reports, summary, show), null, 2)}\n`;
}

/** The JSON report as an object (`check --format json`, and the MCP server's `check_draft`). */
export function jsonReport(reports: FileReport[], summary: CheckSummary, show: (uri: string) => string) {
  const files = reports.map((r) => ({
    path: show(r.uri),
    diagnostics: r.diagnostics.map((d) => ({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.citation !== undefined ? { citation: d.citation } : {}),
      ...(d.suggestions !== undefined ? { suggestions: d.suggestions } : {}),
    })),
  }));
  return { files, summary };
}

export function formatText(
  reports: FileReport[],
  summary: CheckSummary,
  show: (uri: string) => string,
): string {
  let out = '';
  for (const r of reports) {
    for (const d of r.diagnostics) {
      out += `${show(r.uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`;
    }
  }
  const drafts = `${summary.files} draft${summary.files === 1 ? '' : 's'}`;
  const citations = `${summary.citations} citation${summary.citations === 1 ? '' : 's'}`;
  const corpus = `${summary.sources} source${summary.sources === 1 ? '' : 's'}, ${summary.cited} cited`;
  if (summary.errors === 0 && summary.warnings === 0) {
    out += `✔ ${citations} in ${drafts}: all resolve (${corpus}).\n`;
  } else {
    out += `${summary.errors ? '✖' : '⚠'} ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} — ${citations} in ${drafts} (${corpus}).\n`;
  }
  return out;
}
