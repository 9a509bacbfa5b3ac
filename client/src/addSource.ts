/**
 * Source Anchors: Add Source… — picks originals (PDF, web page, Word, text), lets the server
 * import them into the corpus (with progress), and opens the new document beside the draft. The
 * command also takes the originals as an argument (a URI or a list of URIs: the Explorer's context
 * menu, a drop on the Sources view, tests). An original imported before is re-imported into its
 * document; one that would break citations is refused with the list, and may be imported anyway.
 * In Restricted Mode nothing is imported: importing writes files.
 */
import * as vscode from 'vscode';
import { trustedToWrite } from './trustGate';
import { runImport } from './importRun';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ImportSourcesParams, ImportSourcesResult } from '../../server/src/lsp/protocolTypes';

/** The file types Add Source takes (as the CLI's import). */
export const ORIGINAL_EXTENSIONS = ['pdf', 'html', 'htm', 'docx', 'txt'];

export function isOriginal(uri: vscode.Uri): boolean {
  const ext = /\.([^./]+)$/.exec(uri.path.toLowerCase())?.[1];
  return uri.scheme === 'file' && ext !== undefined && ORIGINAL_EXTENSIONS.includes(ext);
}

export async function addSource(
  client: LanguageClient,
  output: vscode.OutputChannel,
  given?: vscode.Uri | readonly (vscode.Uri | string)[],
): Promise<void> {
  if (
    !(await trustedToWrite(
      'Add Source writes files into the corpus, and this workspace is in Restricted Mode: trust it first, then add the source again.',
    ))
  )
    return;
  let uris = toUris(given);
  if (!uris.length) {
    uris =
      (await vscode.window.showOpenDialog({
        title: 'Add Source: choose the originals to import',
        openLabel: 'Add Source',
        canSelectMany: true,
        filters: { 'PDF, web page, Word, text': ORIGINAL_EXTENSIONS },
      })) ?? [];
    if (!uris.length) return;
  }
  const unfit = uris.filter((u) => !isOriginal(u));
  if (unfit.length) {
    void vscode.window.showErrorMessage(
      `Add Source takes PDF, web page (.html), Word (.docx) and text (.txt) files saved on disk, not ${unfit.map((u) => u.path.split('/').pop()).join(', ')}.`,
    );
    return;
  }
  const names = uris.map((u) => u.path.split('/').pop()).join(', ');
  const result = await runImport(output, `Adding ${names} to the corpus…`, (force) =>
    client.sendRequest<ImportSourcesResult>('sourceAnchors/importSources', {
      uris: uris.map((u) => u.toString()),
      force,
    } satisfies ImportSourcesParams),
  );
  if (!result) return;
  if (!result.ok) {
    const show = 'Show Output';
    void vscode.window.showErrorMessage(result.message, show).then((c) => c === show && output.show(true));
    return;
  }
  const first = result.documents[0];
  if (first) {
    await vscode.window.showTextDocument(vscode.Uri.parse(first.uri), {
      viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
      preview: false,
    });
  }
  void vscode.window.showInformationMessage(result.message);
}

function toUris(given: vscode.Uri | readonly (vscode.Uri | string)[] | undefined): vscode.Uri[] {
  if (!given) return [];
  const list = given instanceof vscode.Uri ? [given] : Array.isArray(given) ? given : [];
  return list.flatMap((u) =>
    u instanceof vscode.Uri
      ? [u]
      : typeof u === 'string'
        ? [u.includes(':') ? vscode.Uri.parse(u) : vscode.Uri.file(u)]
        : [],
  );
}

/** The files of a `text/uri-list` (RFC 2483: one URI a line, `#` lines are comments). */
export function urisOfList(list: string): vscode.Uri[] {
  return list
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => vscode.Uri.parse(l));
}
