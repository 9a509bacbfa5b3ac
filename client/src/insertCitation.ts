/**
 * "Source Anchors: Insert Citation…": a quick pick that searches the corpus as you type, previews
 * the highlighted passage in its source, and inserts `[[doc#anchor]]` at the cursor.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PassageItem, SearchPassagesResult } from '../../server/src/lsp/protocolTypes';

interface Pick extends vscode.QuickPickItem {
  passage: PassageItem;
}

export async function insertCitation(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(
      'Open a Markdown draft first: the citation is inserted at its cursor.',
    );
    return;
  }
  const quickPick = vscode.window.createQuickPick<Pick>();
  quickPick.title = 'Insert Citation';
  quickPick.placeholder = 'Words of the passage, in Chinese (either script) or English';
  quickPick.matchOnDescription = false;
  let asked = 0;
  let accepted = false;

  quickPick.onDidChangeValue(async (value) => {
    const mine = ++asked;
    if (!value.trim()) {
      quickPick.items = [];
      return;
    }
    quickPick.busy = true;
    const r = await client.sendRequest<SearchPassagesResult>('sourceAnchors/searchPassages', {
      query: value,
      limit: 30,
    });
    if (mine !== asked) return;
    quickPick.busy = false;
    quickPick.title = r.ready
      ? 'Insert Citation'
      : 'Insert Citation (the search index is still being built…)';
    quickPick.items = r.items.map((p) => ({
      label: p.sentence,
      description: `[[${p.target}]]`,
      detail: `${p.heading} — ${p.title}`,
      alwaysShow: true,
      passage: p,
    }));
  });

  quickPick.onDidChangeActive(async ([pick]) => {
    if (!pick) return;
    const at = new vscode.Position(pick.passage.line, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(pick.passage.uri), {
      preview: true,
      preserveFocus: true,
      selection: new vscode.Range(at, at),
      viewColumn: vscode.ViewColumn.Beside,
    });
  });

  quickPick.onDidAccept(async () => {
    const pick = quickPick.selectedItems[0];
    if (!pick) return;
    accepted = true;
    quickPick.hide();
    const target = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await target.edit((edit) => {
      for (const selection of target.selections) edit.replace(selection, `[[${pick.passage.target}]]`);
    });
  });

  quickPick.onDidHide(() => {
    quickPick.dispose();
    if (!accepted) void vscode.window.showTextDocument(editor.document, editor.viewColumn);
  });
  quickPick.show();
}
