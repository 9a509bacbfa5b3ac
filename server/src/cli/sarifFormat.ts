/**
 * `check --format sarif`: the report as a SARIF 2.1.0 log (OASIS), the format code-scanning
 * dashboards read (GitHub's `upload-sarif`, Azure DevOps, VS Code's SARIF viewer).
 *
 * One run; `tool.driver.rules` holds every diagnostic code (id, description, default level), and
 * each diagnostic is a result with its `ruleId`/`ruleIndex`, level (`error`, `warning`, `note`
 * for information and hint), message and one physical location: the file's path relative to the
 * working folder (`uriBaseId: "%SRCROOT%"`, each segment percent-encoded, so `drafts/草稿.md` is
 * `drafts/%E8%8D%89%E7%A8%BF.md`) and a region of 1-based lines and columns, `endColumn` after the
 * last character. Columns count UTF-16 code units, as the run's `columnKind` says. A file outside
 * the working folder gets its absolute `file:` URI instead. A diagnostic's citation and
 * suggestions are kept in the result's property bag.
 */
import type { FileReport } from '../engine/checkFiles.js';
import type { Severity } from '../engine/config.js';
import { RULES } from './diagnosticRules.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif(reports: FileReport[], show: (uri: string) => string, version: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const results = reports.flatMap((r) => {
    const artifactLocation = artifact(r.uri, show(r.uri));
    return r.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code)!,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
      ...(d.citation !== undefined || d.suggestions !== undefined
        ? {
            properties: {
              ...(d.citation !== undefined ? { citation: d.citation } : {}),
              ...(d.suggestions !== undefined ? { suggestions: d.suggestions } : {}),
            },
          }
        : {}),
    }));
  });
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'source-anchors',
            version,
            rules: RULES.map((r) => ({
              id: r.code,
              shortDescription: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A file's artifact location: its path as `show` prints it (relative to the working folder,
 * `/`-separated) under `%SRCROOT%`, else (outside that folder) its own `file:` URI.
 */
function artifact(uri: string, path: string): { uri: string; uriBaseId?: string } {
  if (path === '..' || path.startsWith('../') || /^(?:[A-Za-z]:)?\//.test(path)) return { uri };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
