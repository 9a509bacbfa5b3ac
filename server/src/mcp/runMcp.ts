/**
 * `source-anchors mcp [--root DIR]`: the MCP server over standard input and output, serving the
 * workspace DIR (default: the current folder) until its client closes standard input. Standard
 * output carries the protocol only; what the server has to say goes to standard error.
 *
 * This file is its own bundle (dist/cli-mcp.js), loaded by cli/run.ts only for `mcp`, so `check`
 * starts without the MCP SDK and its schemas.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CliIo } from '../cli/run.js';
import { validateConfig, type Config } from '../engine/config.js';
import { saveCodeCache } from '../node/codeCache.js';
import { createMcpServer } from './mcpServer.js';
import { WorkspaceCorpus } from './workspaceCorpus.js';

export { createMcpServer } from './mcpServer.js';
export { WorkspaceCorpus } from './workspaceCorpus.js';

declare const SOURCE_ANCHORS_VERSION: string | undefined;
const VERSION = typeof SOURCE_ANCHORS_VERSION === 'string' ? SOURCE_ANCHORS_VERSION : 'dev';

/** How long after start V8's code cache is saved (by then a client has listed and called tools). */
const CODE_CACHE_AFTER_MS = 3000;

export interface McpOptions {
  root: string;
  /** Corpus folders or globs, relative to `root` (over the configuration), as `check --corpus`. */
  corpus?: string[] | undefined;
  /** Use the persistent index (default: yes). */
  cache?: boolean;
}

/** Serves until standard input closes; 2 when the workspace's corpus cannot be read. */
export async function runMcp(options: McpOptions, io: CliIo): Promise<number> {
  const log = (line: string) => void io.stderr.write(`source-anchors mcp: ${line}\n`);
  // Whatever some library would print goes to standard error: standard output is the protocol's.
  for (const name of ['log', 'info', 'debug'] as const) console[name] = console.error;
  const started = Date.now();
  const settings = settingsFrom(process.env[SETTINGS_VARIABLE], log);
  const corpus = await WorkspaceCorpus.open({
    root: options.root,
    corpus: options.corpus,
    cache: options.cache !== false,
    settings,
    log,
  });
  if (typeof corpus === 'string') {
    log(corpus);
    return 2;
  }
  const server = createMcpServer(corpus, VERSION);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done();
    process.stdin.once('end', () => void server.close().finally(done));
  });
  await server.connect(transport);
  log(`serving ${corpus.service.index.size} sources of ${corpus.root} (ready in ${Date.now() - started} ms)`);
  // Passage search is built while the client has not asked yet (quick on small corpora).
  setImmediate(() => corpus.buildSearch());
  // Once the first calls have compiled the tools' code, the next start skips compiling it.
  setTimeout(saveCodeCache, CODE_CACHE_AFTER_MS).unref();
  await closed;
  corpus.close();
  saveCodeCache();
  return 0;
}

/**
 * The environment variable through which the editor passes its `sourceAnchors.*` settings (as
 * JSON: `{"corpus":["papers/"],"severity":{"quote-converted":"warning"}}`), which win over
 * `source-anchors.json` key by key, as they do for the language server.
 */
export const SETTINGS_VARIABLE = 'SOURCE_ANCHORS_SETTINGS';

function settingsFrom(json: string | undefined, log: (line: string) => void): Partial<Config> {
  if (!json) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    log(`${SETTINGS_VARIABLE} is not JSON, and is not used: ${(e as Error).message}`);
    return {};
  }
  const { config, errors } = validateConfig(raw, SETTINGS_VARIABLE);
  for (const e of errors) log(e);
  return config;
}
