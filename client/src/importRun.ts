/**
 * An import as Add Source… and Import Library… run it: the request with a progress notification,
 * its report in the output channel, and, when it is refused because a re-import would break
 * citations, the choice to import anyway (the request again, forced).
 */
import * as vscode from 'vscode';
import type { ImportSourcesResult } from '../../server/src/lsp/protocolTypes';

/** The last answer, or undefined when the writer did not import anyway after a refusal. */
export async function runImport(
  output: vscode.OutputChannel,
  title: string,
  send: (force: boolean) => Thenable<ImportSourcesResult>,
): Promise<ImportSourcesResult | undefined> {
  const run = (force: boolean) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => send(force));
  const log = (r: ImportSourcesResult) => {
    output.appendLine(r.message);
    for (const line of [...r.report, ...r.broken.map((b) => `  would break: ${b}`)]) output.appendLine(line);
  };
  let result = await run(false);
  log(result);
  if (!result.ok && result.broken.length) {
    const choice = await vscode.window.showWarningMessage(result.message, 'Show Output', 'Import Anyway');
    if (choice === 'Show Output') output.show(true);
    if (choice !== 'Import Anyway') return undefined;
    result = await run(true);
    log(result);
  }
  return result;
}
