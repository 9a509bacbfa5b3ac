/**
 * The extension's commands: Check All Citations, Reindex Sources, Show Output, Insert Citation…, Export Paper…, Add Source…,
 * Create corpus/ Folder, Get Started, and the hidden command behind the "cited N times" code lenses.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CheckAllResult } from '../../server/src/lsp/protocolTypes';
import { insertCitation } from './insertCitation';
import { addSource } from './addSource';
import { importLibrary } from './importLibrary';
import { exportPaper } from './exportPaper';
import { createCorpus, openWalkthrough } from './welcome';

interface LspPosition {
  line: number;
  character: number;
}

interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

export function registerCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.OutputChannel,
): void {
  const register = (id: string, run: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('sourceAnchors.checkAll', async () => {
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Checking citations…' },
      () => client.sendRequest<CheckAllResult>('sourceAnchors/checkAll'),
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const summary = `Checked ${plural(r.citations, 'citation')} in ${plural(r.files, 'draft')}: ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}.`;
    output.appendLine(summary);
    if (r.errors || r.warnings) void vscode.window.showWarningMessage(summary);
    else void vscode.window.showInformationMessage(summary);
  });

  register('sourceAnchors.reindex', () =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Reindexing sources…' },
      () => client.sendRequest('sourceAnchors/reindex'),
    ),
  );

  register('sourceAnchors.showOutput', () => output.show(true));

  register('sourceAnchors.insertCitation', () => insertCitation(client));

  register('sourceAnchors.exportPaper', (target?: vscode.Uri) => exportPaper(client, output, target));

  // From the Explorer's context menu: the file clicked, then every file selected.
  register('sourceAnchors.addSource', (given?: vscode.Uri | vscode.Uri[], selected?: vscode.Uri[]) =>
    addSource(client, output, selected?.length ? selected : given),
  );

  register('sourceAnchors.createCorpus', createCorpus);

  register('sourceAnchors.getStarted', openWalkthrough);

  register('sourceAnchors.importLibrary', (given?: vscode.Uri) => importLibrary(client, output, given));

  register('sourceAnchors.showReferences', (uri: string, position: LspPosition, locations: LspLocation[]) =>
    vscode.commands.executeCommand(
      'editor.action.showReferences',
      vscode.Uri.parse(uri),
      client.protocol2CodeConverter.asPosition(position),
      locations.map((l) => client.protocol2CodeConverter.asLocation(l)),
    ),
  );
}
