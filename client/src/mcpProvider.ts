/**
 * Offers the MCP server to VS Code's chat (agent mode, and any MCP-capable chat in VS Code)
 * through `vscode.lm.registerMcpServerDefinitionProvider` (VS Code 1.101 and later). The servers
 * are {@link mcpServerSpecs}'; they are offered again when the settings, the folders or the
 * workspace's trust change. On an older VS Code, which lacks the API, nothing is registered and
 * the output says so: the extension still works, without the chat's tools.
 */
import * as vscode from 'vscode';
import { mcpServerSpecs, type McpFolder } from './mcpServers';

/** The provider's id, as contributed in package.json's `mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'sourceAnchors.mcpServers';

/** The parts of the MCP API (VS Code ≥ 1.101) used here; @types/vscode 1.91 has none of it. */
interface McpStdioDefinition {
  cwd?: vscode.Uri;
}
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: {
      onDidChangeMcpServerDefinitions?: vscode.Event<void>;
      provideMcpServerDefinitions(token: vscode.CancellationToken): McpStdioDefinition[];
    },
  ): vscode.Disposable;
}
type McpStdioDefinitionClass = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string | number | null>,
  version?: string,
) => McpStdioDefinition;

export function registerMcpProvider(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  const lm = (vscode as { lm?: object }).lm;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioDefinitionClass })
    .McpStdioServerDefinition;
  if (!lm || !('registerMcpServerDefinitionProvider' in lm) || typeof Definition !== 'function') {
    output.info(
      `MCP: VS Code ${vscode.version} cannot be offered MCP servers by extensions (1.101 or later can): the chat gets no Source Anchors tools. Other clients can run 'source-anchors mcp' (docs/ai-assistants.md).`,
    );
    return;
  }
  const changed = new vscode.EventEmitter<void>();
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '');
  const provider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      const specs = mcpServerSpecs({
        folders: (vscode.workspace.workspaceFolders ?? []).map(folderOf),
        trusted: vscode.workspace.isTrusted,
        cli: context.asAbsolutePath('dist/cli.js'),
        execPath: process.execPath,
        version,
      });
      output.info(
        vscode.workspace.isTrusted
          ? `MCP: offering ${specs.length} server${specs.length === 1 ? '' : 's'} to the chat: ${specs.map((s) => `${s.label} (${s.cwd})`).join(', ') || 'none (no folder on disk)'}`
          : 'MCP: no server offered to the chat in an untrusted workspace.',
      );
      return specs.map((s) => {
        const d = new Definition(s.label, s.command, s.args, s.env, s.version);
        d.cwd = vscode.Uri.file(s.cwd);
        return d;
      });
    },
  };
  context.subscriptions.push(
    changed,
    (lm as McpApi).registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sourceAnchors')) changed.fire();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
  );
  output.info(`MCP: registered the provider ${MCP_PROVIDER_ID} (source-anchors mcp, one server per folder).`);
}

function folderOf(folder: vscode.WorkspaceFolder): McpFolder {
  const config = vscode.workspace.getConfiguration('sourceAnchors', folder.uri);
  const settings: Record<string, unknown> = {};
  for (const key of ['corpus', 'drafts', 'exclude', 'severity', 'citationStyle'])
    settings[key] = config.get(key);
  return { name: folder.name, path: folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined, settings };
}
