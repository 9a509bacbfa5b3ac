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
  /**
   * The extension's version and a hash of the command line and settings (`0.1.0+5f1c2a0e`): when
   * the settings change, so does the version, and VS Code takes the server for a new one.
   */
  version: string;
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
  /** The extension's version. */
  version: string;
}): McpServerSpec[] {
  if (!options.trusted) return [];
  const local = options.folders.filter((f): f is McpFolder & { path: string } => f.path !== undefined);
  return local.map((f) => {
    const args = [options.cli, 'mcp', '--root', f.path];
    const env = {
      ELECTRON_RUN_AS_NODE: '1',
      SOURCE_ANCHORS_SETTINGS: JSON.stringify(setSettings(f.settings)),
    };
    return {
      label: local.length > 1 ? `Source Anchors: ${f.name}` : 'Source Anchors',
      version: `${options.version}+${fnv1a(JSON.stringify([options.execPath, args, env]))}`,
      command: options.execPath,
      args,
      cwd: f.path,
      env,
    };
  });
}

/** FNV-1a, 32 bits, as 8 hex digits: a short fingerprint, not a secure hash. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
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
