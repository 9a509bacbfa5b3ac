/**
 * Source Anchors: Import Library… — picks a reference library (a Better BibTeX or JabRef `.bib`,
 * a Zotero CSL-JSON `.json`, CSL-YAML), lets the server import it (one corpus document per entry,
 * its id the citation key), and shows what happened. The command also takes the library as an
 * argument (the Explorer's context menu, tests). A changed attachment whose re-import would break
 * citations is refused with the list, and may be imported anyway. In Restricted Mode nothing is
 * imported: importing writes files. To keep the corpus current, name the library in the
 * `library` setting: the server then imports it again whenever it changes.
 */
import * as vscode from 'vscode';
import { trustedToWrite } from './trustGate';
import { runImport } from './importRun';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ImportLibraryParams, ImportSourcesResult } from '../../server/src/lsp/protocolTypes';

export const LIBRARY_EXTENSIONS = ['bib', 'json', 'yaml', 'yml'];

export async function importLibrary(
  client: LanguageClient,
  output: vscode.OutputChannel,
  given?: vscode.Uri,
): Promise<void> {
  if (
    !(await trustedToWrite(
      'Import Library writes files into the corpus, and this workspace is in Restricted Mode: trust it first, then import again.',
    ))
  )
    return;
  const uri =
    given ??
    (
      await vscode.window.showOpenDialog({
        title: 'Import Library: choose a BibTeX or CSL-JSON export (Zotero, Better BibTeX, JabRef)',
        openLabel: 'Import Library',
        canSelectMany: false,
        filters: { 'BibTeX, CSL-JSON, CSL-YAML': LIBRARY_EXTENSIONS },
      })
    )?.[0];
  if (!uri) return;
  const name = uri.path.split('/').pop() ?? uri.path;
  const result = await runImport(output, `Importing ${name} into the corpus…`, (force) =>
    client.sendRequest<ImportSourcesResult>('sourceAnchors/importLibrary', {
      uri: uri.toString(),
      force,
    } satisfies ImportLibraryParams),
  );
  if (!result) return;
  const show = 'Show Output';
  const shown = result.ok
    ? vscode.window.showInformationMessage(result.message, show)
    : vscode.window.showErrorMessage(result.message, show);
  void shown.then((c) => c === show && output.show(true));
}
