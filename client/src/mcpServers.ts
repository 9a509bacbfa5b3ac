/**
 * Which MCP servers the extension offers VS Code's chat, as plain data (tested without VS Code):
 * one `source-anchors mcp --root <folder>` per local workspace folder, run by the editor's own
 * runtime as Node (`ELECTRON_RUN_AS_NODE=1`: no Node on the PATH needed), with the folder's
 * `sourceAnchors.*` settings; none in an untrusted workspace.
 *
 * Example: folder `/w/thesis` → `{ label: 'Source Anchors: thesis', command: <execPath>,
 * args: [<ext>/dist/cli.js, 'mcp', '--root', '/w/thesis'], env: { ELECTRON_RUN_AS_NODE: '1',
 * SOURCE_ANCHORS_SETTINGS: '{}' } }`.
 */

export interface McpFolder {
  name: string;
  /** The folder's path on disk; undefined for a folder that is not on disk (a virtual one). */
  path: string | undefined;
  /** The folder's `sourceAnchors.*` settings (unset ones null or absent). */
  settings: Record<string, unknown>;
}

export interface McpServerSpec {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** The settings the server takes, as the language server reads them (what is unset left out). */
const SETTINGS = ['corpus', 'drafts', 'exclude', 'severity', 'citationStyle'] as const;

export function mcpServerSpecs(options: {
  folders: readonly McpFolder[];
  trusted: boolean;
  /** The extension's `dist/cli.js`. */
  cli: string;
  /** The editor's executable (`process.execPath`). */
  execPath: string;
}): McpServerSpec[] {
  if (!options.trusted) return [];
  const local = options.folders.filter((f): f is McpFolder & { path: string } => f.path !== undefined);
  return local.map((f) => ({
    label: local.length > 1 ? `Source Anchors: ${f.name}` : 'Source Anchors',
    command: options.execPath,
    args: [options.cli, 'mcp', '--root', f.path],
    cwd: f.path,
    env: { ELECTRON_RUN_AS_NODE: '1', SOURCE_ANCHORS_SETTINGS: JSON.stringify(setSettings(f.settings)) },
  }));
}

function setSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS) {
    const value = settings[key];
    if (value === null || value === undefined) continue;
    if (key === 'severity' && typeof value === 'object' && !Object.keys(value as object).length) continue;
    out[key] = value;
  }
  return out;
}
