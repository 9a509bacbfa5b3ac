/**
 * The Sources view in VS Code's Explorer: the plain SourcesProvider (sourcesView.ts) behind a
 * TreeDataProvider, a drag controller that carries `[[002#us-phase3]]` as text/plain (editors
 * insert it where it is dropped) and takes originals dropped on it (Add Source), and refreshes when
 * the server's status changes, the active editor changes, or the active draft is edited. While the
 * view is hidden those events only mark the tree stale: showing it asks the server, and VS Code's
 * first `getChildren` waits for that answer.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { SourceNode, SourcesParams, SourcesResult } from '../../server/src/lsp/protocolTypes';
import { isOriginal, urisOfList } from './addSource';
import { SourcesProvider, type SourceItemData } from './sourcesView';

export const SOURCES_VIEW = 'sourceAnchors.sources';
const EDIT_DEBOUNCE_MS = 600;
/** An answer slower than this is logged. */
const SLOW_MS = 5000;

function toTreeItem(data: SourceItemData): vscode.TreeItem {
  const item = new vscode.TreeItem(
    data.label,
    data.collapsible === 'collapsed'
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None,
  );
  item.id = data.id;
  item.description = data.description;
  item.tooltip = data.tooltip;
  item.iconPath = new vscode.ThemeIcon(data.icon);
  item.contextValue = data.contextValue;
  const { start, end } = data.open.range;
  item.command = {
    command: 'vscode.open',
    title: 'Open Source',
    arguments: [
      vscode.Uri.parse(data.open.uri),
      { selection: new vscode.Range(start.line, start.character, end.line, end.character), preview: true },
    ],
  };
  return item;
}

/** Registers the view; returns a function the status notification handler calls. */
export function registerSourcesView(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
): () => void {
  const provider = new SourcesProvider<vscode.TreeItem>(
    async (uri) => {
      const params: SourcesParams = uri ? { uri } : {};
      // A view shown for the first time waits for this answer: the log says when it is slow or fails.
      const slow = setTimeout(
        () => output.warn(`Sources view: no answer from the server after ${SLOW_MS / 1000} s.`),
        SLOW_MS,
      );
      try {
        return await client.sendRequest<SourcesResult>('sourceAnchors/sources', params);
      } catch (e) {
        // The provider keeps the last tree and asks again.
        output.warn(
          `Sources view: the server did not answer (${e instanceof Error ? e.message : String(e)}).`,
        );
        throw e;
      } finally {
        clearTimeout(slow);
      }
    },
    () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.languageId === 'markdown' ? doc.uri.toString() : undefined;
    },
    toTreeItem,
  );
  const changed = new vscode.EventEmitter<void>();
  provider.onDidChange(() => changed.fire());

  const dragAndDrop: vscode.TreeDragAndDropController<SourceNode> = {
    dragMimeTypes: ['text/plain'],
    dropMimeTypes: ['text/uri-list'],
    handleDrag(nodes, dataTransfer) {
      dataTransfer.set('text/plain', new vscode.DataTransferItem(provider.dragText(nodes)));
    },
    // A PDF, web page, Word or text file dropped on the view (from the Explorer or the desktop) is added.
    async handleDrop(_target, dataTransfer) {
      const list = await dataTransfer.get('text/uri-list')?.asString();
      const uris = list ? urisOfList(list).filter(isOriginal) : [];
      if (uris.length) await vscode.commands.executeCommand('sourceAnchors.addSource', uris);
    },
  };
  const view = vscode.window.createTreeView(SOURCES_VIEW, {
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getChildren: (node?: SourceNode) => provider.getChildren(node),
      getTreeItem: (node: SourceNode) => provider.getTreeItem(node),
    },
    dragAndDropController: dragAndDrop,
    canSelectMany: true,
  });

  // Shown: ask now. Hidden: no ask, but the tree is stale, so showing it asks before it answers.
  const refresh = () => {
    if (view.visible) void provider.refresh();
    else provider.invalidate();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    view,
    changed,
    view.onDidChangeVisibility(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== vscode.window.activeTextEditor?.document || e.document.languageId !== 'markdown')
        return;
      clearTimeout(timer);
      timer = setTimeout(refresh, EDIT_DEBOUNCE_MS);
    }),
    { dispose: () => clearTimeout(timer) },
  );
  return refresh;
}
