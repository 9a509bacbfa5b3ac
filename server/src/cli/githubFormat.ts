/**
 * `check --format github`: one GitHub Actions workflow command per diagnostic, which GitHub shows
 * as an annotation on the file and lines of a pull request's diff, then the summary line as in text.
 *
 *     ::error file=drafts/a.md,line=4,endLine=4,col=11,endColumn=20,title=unknown-anchor::Unknown anchor …
 *
 * Lines and columns are 1-based, `endColumn` the column after the last character (as in JSON).
 * Escaping follows GitHub's runner (`toCommandValue`/`escapeData`/`escapeProperty` of
 * @actions/core): in the message `%` → `%25`, CR → `%0D`, LF → `%0A`; in a property value also
 * `:` → `%3A` and `,` → `%2C`. A file named `a,b.md` is written `file=a%2Cb.md`.
 */
import type { CheckSummary, FileReport } from '../engine/checkFiles.js';
import type { Severity } from '../engine/config.js';
import { formatText } from './format.js';

const COMMAND: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** A workflow command's message: `%`, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, and `:` and `,` too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(
  reports: FileReport[],
  summary: CheckSummary,
  show: (uri: string) => string,
): string {
  let out = '';
  for (const r of reports) {
    const file = escapeProperty(show(r.uri));
    for (const d of r.diagnostics) {
      const { start, end } = d.range;
      const properties =
        `file=${file},line=${start.line + 1},endLine=${end.line + 1},` +
        `col=${start.character + 1},endColumn=${end.character + 1},title=${escapeProperty(d.code)}`;
      out += `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}\n`;
    }
  }
  // The summary line, as text prints it (with no diagnostics: the text format prints only it).
  return out + formatText([], summary, show);
}
