/**
 * The paper tables the server pushes (`sourceAnchors/paperTable`), kept per document URI for the
 * Markdown preview's plugin, which runs here in the extension host without the index. A table
 * that changes what the preview shows refreshes the open previews.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PaperView } from '../../server/src/engine/drafts/markdownItCitations';
import type { PaperTableParams } from '../../server/src/lsp/protocolTypes';

const REFRESH_DEBOUNCE_MS = 150;

export class PaperTables implements vscode.Disposable {
  readonly #tables = new Map<string, PaperTableParams>();
  /** Per URI, the table without positions: what the preview shows. */
  readonly #shown = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** The table of the document the preview renders (`env.currentDocument`, a vscode.Uri). */
  paperFor(env: unknown): PaperView | undefined {
    const doc = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
    return doc ? this.#tables.get(String(doc)) : undefined;
  }

  listen(client: LanguageClient): vscode.Disposable {
    return client.onNotification('sourceAnchors/paperTable', (t: PaperTableParams) => this.set(t));
  }

  set(table: PaperTableParams): void {
    this.#tables.set(table.uri, table);
    const shown = JSON.stringify({
      ...table,
      version: 0,
      citations: table.citations.map((c) => ({ ...c, offset: 0, line: 0 })),
    });
    if (this.#shown.get(table.uri) === shown) return;
    this.#shown.set(table.uri, shown);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => void vscode.commands.executeCommand('markdown.preview.refresh'),
      REFRESH_DEBOUNCE_MS,
    );
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
