/**
 * Engine data → LSP data, in one place.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Severity } from '../engine/config.js';
import type { CheckDiagnostic } from '../engine/features/diagnostics.js';

export const DIAGNOSTIC_SOURCE = 'source-anchors';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: CheckDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.citation !== undefined || d.suggestions !== undefined || d.wording !== undefined) {
    out.data = { citation: d.citation, suggestions: d.suggestions, wording: d.wording };
  }
  return out;
}
