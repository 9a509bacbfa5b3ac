/** Applies LSP text edits to a string, as an editor would. */
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

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

/** A file as an editor holds it: its text and, when open, its version. */
export interface EditorFile {
  text: string;
  version: number | null;
}

/**
 * Applies a versioned workspace edit as VS Code does: all or nothing, and refused when any
 * `TextDocumentEdit` names a version other than the one the editor has (`null` = no check).
 * Returns the new texts, or the reason for refusing.
 */
export function applyVersioned(
  files: ReadonlyMap<string, EditorFile>,
  edit: WorkspaceEdit,
): { ok: true; texts: Map<string, string> } | { ok: false; reason: string } {
  const texts = new Map<string, string>();
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change)) return { ok: false, reason: 'not a text edit' };
    const { uri, version } = change.textDocument;
    const file = files.get(uri);
    if (!file) return { ok: false, reason: `${uri} is unknown` };
    if (version !== null && version !== file.version)
      return { ok: false, reason: `${uri} is at version ${file.version}, the edit is for ${version}` };
    texts.set(uri, applyEdits(texts.get(uri) ?? file.text, change.edits as TextEdit[]));
  }
  return { ok: true, texts };
}
