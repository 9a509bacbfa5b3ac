/**
 * An MCP client connected in memory (the SDK's `InMemoryTransport`) to the bundled server
 * (`dist/cli-mcp.js`, as `source-anchors mcp` runs it) over a workspace folder.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type * as McpBundle from '../../server/src/mcp/runMcp.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface McpSession {
  client: Client;
  /** Calls a tool; its text and structured content. */
  call(name: string, args: Record<string, unknown>): Promise<ToolAnswer>;
  close(): Promise<void>;
}

export interface ToolAnswer {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export async function connect(root: string): Promise<McpSession> {
  const bundle = createRequire(import.meta.url)(join(REPO, 'dist/cli-mcp.js')) as typeof McpBundle;
  const corpus = await bundle.WorkspaceCorpus.open({ root, cache: false });
  if (typeof corpus === 'string') throw new Error(corpus);
  const server = bundle.createMcpServer(corpus, 'test');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  return {
    client,
    async call(name, args) {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
      return { isError: r.isError === true, text, structured: r.structuredContent };
    },
    async close() {
      await client.close();
      await server.close();
      corpus.close();
    },
  };
}
