/**
 * `source-anchors mcp` as a client starts it: the built CLI spawned over standard input and
 * output with the SDK's `StdioClientTransport`; and, spoken to by hand, nothing but protocol
 * messages on its standard output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeWorkspace, type Workspace } from '../lsp/harness.js';

const CLI = join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/cli.js');

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace({ 'drafts/essay.md': '“撤军派”[[002#us-phase3]]\n' });
});
afterAll(() => ws.dispose());

it('serves the tools to a client that spawns it', async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--root', ws.dir],
    cwd: '/',
    // The editor's settings win over source-anchors.json, as for the language server.
    env: { ...process.env, SOURCE_ANCHORS_SETTINGS: '{"severity":{"quote-converted":"error"}}' } as Record<
      string,
      string
    >,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const errors: Error[] = [];
  transport.onerror = (e) => errors.push(e);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(transport);
  try {
    expect(client.getServerVersion()?.name).toBe('source-anchors');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'search_passages',
      'get_passage',
      'verify_quote',
      'check_draft',
      'format_citation',
      'list_documents',
    ]);
    const call = async (name: string, args: Record<string, unknown>) => {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(r.isError ?? false).toBe(false);
      return r.structuredContent as Record<string, unknown>;
    };
    const found = await call('search_passages', { query: '國防工業生產', limit: 1 });
    expect((found.passages as { citation: string }[])[0]!.citation).toBe('[[004#defense-industry]]');
    expect(await call('get_passage', { citation: '002#us-phase3@54' })).toMatchObject({ pages: '54' });
    expect(await call('verify_quote', { citation: '002#us-phase3', quote: '撤军派' })).toMatchObject({
      verdict: 'verified',
    });
    expect(await call('check_draft', { path: 'drafts/essay.md' })).toMatchObject({
      files: [{ path: 'drafts/essay.md', diagnostics: [] }],
    });
    const converted = await call('check_draft', { text: '“谁控制了边缘地带”[[004#rimland]]' });
    expect(converted).toMatchObject({
      files: [{ diagnostics: [{ code: 'quote-converted', severity: 'error' }] }],
      summary: { errors: 1 },
    });
    expect(await call('format_citation', { citation: '002#us-phase3' })).toMatchObject({
      text: '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.',
    });
    expect(await call('list_documents', {})).toMatchObject({ total: 5 });
  } finally {
    await client.close();
  }
  expect(errors).toEqual([]);
  expect(stderr).toMatch(/^source-anchors mcp: serving 5 sources of .+ \(ready in \d+ ms\)\n/);
});

it('writes nothing but JSON-RPC messages to standard output, and ends when its input does', async () => {
  const child = spawn(process.execPath, [CLI, 'mcp'], { cwd: ws.dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
  send({
    jsonrpc: '2.0',
    id: 3,
    method: 'tools/call',
    params: { name: 'check_draft', arguments: { text: '[[002#us-phase9]]' } },
  });
  const lines = () => stdout.split('\n').filter(Boolean);
  for (let i = 0; i < 200 && lines().length < 3; i++) await new Promise((r) => setTimeout(r, 50));
  child.stdin.end();
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(code).toBe(0);
  const messages = lines().map((l) => JSON.parse(l) as { jsonrpc: string; id: number; result: unknown });
  expect(messages.map((m) => [m.jsonrpc, m.id])).toEqual([
    ['2.0', 1],
    ['2.0', 2],
    ['2.0', 3],
  ]);
  expect(stdout.endsWith('\n')).toBe(true);
  expect((messages[2]!.result as CallToolResult).structuredContent).toMatchObject({
    summary: { errors: 1 },
  });
});

it('says on standard error why it cannot serve a workspace, and exits 2', () => {
  const r = spawnSync(process.execPath, [CLI, 'mcp', '--root', join(ws.dir, 'drafts')], {
    input: '',
    encoding: 'utf8',
  });
  expect([r.status, r.stdout, r.stderr]).toEqual([
    2,
    '',
    'source-anchors mcp: cannot read the corpus folder \'corpus\'. Pass --corpus PATH or set "corpus" in source-anchors.json.\n',
  ]);
  const moved = spawnSync(
    process.execPath,
    [CLI, 'mcp', '--root', join(ws.dir, 'drafts'), '--corpus', '../corpus'],
    {
      input: '',
      encoding: 'utf8',
    },
  );
  expect([moved.status, moved.stdout]).toEqual([0, '']);
  expect(moved.stderr).toMatch(/^source-anchors mcp: serving 5 sources of /);
});
