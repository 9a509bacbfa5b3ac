/**
 * Source Anchors: Export Paper… — asks for a format, a style and where to save, then lets the
 * server check and write the paper (with progress), and opens the result. A draft with errors is
 * refused with the list; the writer may look at Problems or export anyway.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type {
  ExportOptionsResult,
  ExportPaperParams,
  ExportPaperResult,
} from '../../server/src/lsp/protocolTypes';

export async function exportPaper(
  client: LanguageClient,
  output: vscode.OutputChannel,
  target?: vscode.Uri,
): Promise<void> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !/\.(md|markdown)$/i.test(uri.path)) {
    void vscode.window.showWarningMessage('Open a Markdown draft to export it as a paper.');
    return;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty) await doc.save();
  const options = await client.sendRequest<ExportOptionsResult>('sourceAnchors/exportOptions', {
    uri: uri.toString(),
  });

  const format = await vscode.window.showQuickPick(
    options.formats.map((f) => ({ label: f.label, id: f.id, extension: f.extension })),
    { title: 'Export Paper: format', placeHolder: 'The format of the paper' },
  );
  if (!format) return;
  const configured = options.configuredStyle;
  const style = await vscode.window.showQuickPick(
    [
      ...options.styles.map((s) => ({
        label: s.alias,
        description: s.description,
        detail:
          s.alias === configured || s.id === configured
            ? 'configured (sourceAnchors.citationStyle)'
            : undefined,
        id: s.id,
      })),
      ...(options.styles.some((s) => s.alias === configured || s.id === configured)
        ? []
        : [{ label: configured, description: 'configured style file', detail: undefined, id: configured }]),
    ].sort(
      (a, b) =>
        Number(b.id === configured || b.label === configured) -
        Number(a.id === configured || a.label === configured),
    ),
    { title: 'Export Paper: citation style', placeHolder: 'How citations and the bibliography are printed' },
  );
  if (!style) return;
  const base = uri.path.replace(/\.(md|markdown)$/i, '');
  const saveTo = await vscode.window.showSaveDialog({
    title: 'Export Paper: save as',
    defaultUri: uri.with({ path: `${base}.${format.extension}` }),
    filters: { [format.label]: [format.extension.split('.').pop()!] },
  });
  if (!saveTo) return;

  const run = (force: boolean) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Exporting paper…' },
      () =>
        client.sendRequest<ExportPaperResult>('sourceAnchors/exportPaper', {
          uri: uri.toString(),
          format: format.id as ExportPaperParams['format'],
          style: style.id,
          output: saveTo.fsPath,
          force,
        } satisfies ExportPaperParams),
    );
  let result = await run(false);
  if (!result.ok && result.errors.length) {
    output.appendLine(result.message);
    for (const e of result.errors) output.appendLine(`  ${uri.fsPath}:${e}`);
    const choice = await vscode.window.showWarningMessage(result.message, 'Show Problems', 'Export Anyway');
    if (choice === 'Show Problems') {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    if (choice !== 'Export Anyway') return;
    result = await run(true);
  }
  output.appendLine(result.message);
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.message);
    return;
  }
  const open = format.id === 'docx' ? 'Open in Word' : 'Open';
  const choice = await vscode.window.showInformationMessage(result.message, open);
  if (choice !== open) return;
  if (format.id === 'docx') await vscode.env.openExternal(saveTo);
  else await vscode.window.showTextDocument(saveTo, { viewColumn: vscode.ViewColumn.Beside });
}
