/**
 * The VS Code client: starts the language server for Markdown (and plain-text sources),
 * restarts it if it dies, and adds the status bar item and commands. Everything else is the
 * server's job.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { citationsPlugin } from '../../server/src/engine/drafts/markdownItCitations';
import { registerCommands } from './commands';
import { registerMcpProvider } from './mcpProvider';
import { PaperTables } from './paperTables';
import { RestartLimiter } from './restartLimiter';
import { registerSourcesView } from './sourcesViewAdapter';
import { StatusBar, type ServerStatus } from './statusBar';
import { WelcomeContext } from './welcome';

let client: LanguageClient | undefined;

/** What VS Code's Markdown preview asks of an extension that contributes markdown-it plugins. */
export interface ExtensionApi {
  extendMarkdownIt(md: Parameters<typeof citationsPlugin>[0]): unknown;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const output = vscode.window.createOutputChannel('Source Anchors', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
    ],
    outputChannel: output,
    errorHandler: new RestartLimiter(output),
    // The server pushes each open draft's citations as the paper prints them, for the preview, and
    // keeps its persistent index of the corpus in the extension's storage folder. In an untrusted
    // window it reads no corpus outside the workspace folders.
    initializationOptions: () => ({
      paperTables: true,
      storagePath: (context.storageUri ?? context.globalStorageUri).fsPath,
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
  };
  client = new LanguageClient('sourceAnchors', 'Source Anchors', serverOptions, clientOptions);

  const statusBar = new StatusBar();
  const welcome = new WelcomeContext();
  context.subscriptions.push(statusBar, output);
  const refreshSources = registerSourcesView(context, client, output);
  const papers = new PaperTables();
  context.subscriptions.push(papers, papers.listen(client));
  context.subscriptions.push(
    client.onNotification('sourceAnchors/status', (s: ServerStatus) => {
      statusBar.update(s);
      welcome.update(s);
      refreshSources();
    }),
  );
  registerCommands(context, client, output);
  // The chat's tools: `source-anchors mcp` per folder, where VS Code can be offered MCP servers.
  registerMcpProvider(context, output);
  // Trust granted: start again, so the configured corpus is read wherever it lies.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
  // The preview renders citations with the same grammar as the server, as the paper prints them.
  return {
    extendMarkdownIt(md) {
      citationsPlugin(md, { paperFor: (env) => papers.paperFor(env) });
      return md;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
