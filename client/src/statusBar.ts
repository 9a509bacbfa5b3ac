/**
 * `$(sync~spin) Indexing sources… 120/400` while indexing, then `$(book) 5 sources · 64 anchors`;
 * a warning icon when the configuration has problems. Click: the output.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocolTypes';

export type ServerStatus = StatusParams;

export class StatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem(
    'sourceAnchors.status',
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor() {
    this.#item.name = 'Source Anchors';
    this.#item.command = 'sourceAnchors.showOutput';
    this.#item.text = '$(sync~spin) Source Anchors';
    this.#item.tooltip = 'Source Anchors is starting';
    this.#item.show();
  }

  update(s: ServerStatus): void {
    const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
    if (s.state === 'indexing') {
      this.#item.text = `$(sync~spin) Indexing sources… ${s.done ?? 0}/${s.total ?? '?'}`;
      this.#item.tooltip = 'Source Anchors is reading the corpus';
      return;
    }
    const warn = s.configErrors.length ? '$(warning) ' : '';
    this.#item.text = `${warn}$(book) ${plural(s.sources, 'source')} · ${plural(s.anchors, 'anchor')}`;
    this.#item.tooltip = [
      `Source Anchors: ${plural(s.sources, 'source')}, ${plural(s.anchors, 'anchor')}, ${plural(s.drafts, 'draft')}`,
      s.searchReady ? 'Passage search is ready.' : 'Passage search index is being built…',
      ...s.configErrors,
      'Click to show the output.',
    ].join('\n');
  }

  dispose(): void {
    this.#item.dispose();
  }
}
