/** Applies LSP text edits to a string, as an editor would. */
import type { TextEdit } from 'vscode-languageserver-protocol';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offsetOf = (p: { line: number; character: number }) => {
    let o = 0;
    for (let l = 0; l < p.line; l++) o += lines[l]!.length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offsetOf(e.range.start)) + e.newText + out.slice(offsetOf(e.range.end));
  return out;
}

/** The line (0-based) of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not found`);
  return i;
}
