/**
 * What greets a new writer: the context keys of the Sources view's welcome content (from the
 * server's status, welcomeState.ts), **Create corpus/ Folder** and **Get Started** (the
 * walkthrough of package.json's `contributes.walkthroughs`).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocolTypes';
import { STARTING, WALKTHROUGH_ID, welcomeState, type WelcomeState } from './welcomeState';

export class WelcomeContext {
  #last: WelcomeState | undefined;

  constructor() {
    this.#set(STARTING);
  }

  update(status: StatusParams): void {
    this.#set(welcomeState(status));
  }

  #set(next: WelcomeState): void {
    if (this.#last?.indexing === next.indexing && this.#last.noSources === next.noSources) return;
    this.#last = next;
    void vscode.commands.executeCommand('setContext', 'sourceAnchors.indexing', next.indexing);
    void vscode.commands.executeCommand('setContext', 'sourceAnchors.noSources', next.noSources);
  }
}

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

/**
 * Makes `corpus/` in the workspace folder (the active file's, else the first), reveals it in the
 * Explorer and offers Add Source…. An existing folder is revealed, not touched.
 */
export async function createCorpus(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder =
    (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const open = 'Open Folder…';
    if (
      (await vscode.window.showWarningMessage('Open a folder first: the corpus is a folder in it.', open)) ===
      open
    )
      await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return;
  }
  const corpus = vscode.Uri.joinPath(folder.uri, 'corpus');
  const existed = await vscode.workspace.fs.stat(corpus).then(
    () => true,
    () => false,
  );
  if (!existed) await vscode.workspace.fs.createDirectory(corpus);
  await vscode.commands.executeCommand('revealInExplorer', corpus);
  const add = 'Add Source…';
  const said = existed
    ? 'corpus/ exists already. Add sources to it: PDFs, web pages, Word and text files are imported; Markdown files can be put there as they are.'
    : 'Created corpus/. Add sources to it: PDFs, web pages, Word and text files are imported; Markdown files can be put there as they are.';
  if ((await vscode.window.showInformationMessage(said, add)) === add)
    await vscode.commands.executeCommand('sourceAnchors.addSource');
}
