/**
 * Drives the bundled language server (`dist/server.js --stdio`) over real LSP, as an editor
 * would: initialize with a workspace folder, open documents, send requests, collect pushed
 * diagnostics and status notifications. Waits on messages, never on fixed sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type FileEvent,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface StatusParams {
  state: 'indexing' | 'ready';
  /** While indexing: sources read so far. */
  done?: number;
  sources: number;
  anchors: number;
  drafts: number;
  searchReady: boolean;
  configErrors: string[];
}

export interface Workspace {
  dir: string;
  uri(rel: string): string;
  write(rel: string, text: string): string;
  dispose(): void;
}

/** A temporary folder holding a copy of the bundled corpus and the given files. */
export function makeWorkspace(files: Record<string, string> = {}, copyCorpus = true): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'sa-lsp-'));
  if (copyCorpus) cpSync(join(REPO, 'corpus'), join(dir, 'corpus'), { recursive: true });
  const ws: Workspace = {
    dir,
    uri: (rel) => URI.file(join(dir, rel)).toString(),
    write(rel, text) {
      const path = join(dir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return ws.uri(rel);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) ws.write(rel, text);
  return ws;
}

export interface LspClient {
  connection: ProtocolConnection;
  status: StatusParams[];
  /** Work-done progress as "begin: …", "report: …", "end". */
  progress: string[];
  /** The server's log (window/logMessage), in order. */
  logs: string[];
  /** Latest diagnostics pushed per URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Every diagnostics notification, in order, with whether the server had said it was ready. */
  published: { uri: string; diagnostics: Diagnostic[]; afterReady: boolean }[];
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, text: string): void;
  filesChanged(changes: FileEvent[]): void;
  /** Resolves with the first diagnostics for `uri` that satisfy `accept` (already pushed or future). */
  waitForDiagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  waitForStatus(accept: (s: StatusParams) => boolean): Promise<StatusParams>;
  stop(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  capabilities?: Record<string, unknown>;
  folders?: string[];
  /** Sent as `initializationOptions` (VS Code's client sends `{ workspaceTrusted }`). */
  initializationOptions?: unknown;
  /** How long each wait (readiness, diagnostics, status) may take; 15 s unless said. */
  waitMs?: number;
  /** Documents opened while the corpus is being indexed: on the first progress with a source read. */
  openWhileIndexing?: { uri: string; text: string }[];
}

export async function startServer(ws: Workspace, options: StartOptions = {}): Promise<LspClient> {
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const status: StatusParams[] = [];
  const progress: string[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  const published: LspClient['published'] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  const versions = new Map<string, number>();

  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    published.push({ ...p, afterReady: status.some((s) => s.state === 'ready') });
    wake();
  });
  connection.onNotification('sourceAnchors/status', (p: StatusParams) => {
    status.push(p);
    wake();
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
    p.items.map(() => options.settings ?? {}),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    stderr += `[log] ${p.message}\n`;
    logs.push(p.message);
  });
  connection.onNotification('$/progress', (p: { value: { kind: string; message?: string } }) => {
    progress.push(p.value.kind === 'end' ? 'end' : `${p.value.kind}: ${p.value.message ?? ''}`);
  });
  connection.listen();

  const waitFor = <T>(check: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(poll);
        reject(new Error(`timed out waiting for ${what}; server stderr:\n${stderr}`));
      }, options.waitMs ?? 15_000);
      const poll = () => {
        const v = check();
        if (v !== undefined) {
          clearTimeout(timer);
          waiters.delete(poll);
          resolvePromise(v);
        }
      };
      waiters.add(poll);
      poll();
    });

  const folders = options.folders ?? [ws.dir];
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: URI.file(folders[0]!).toString(),
    workspaceFolders: folders.map((f) => ({ uri: URI.file(f).toString(), name: f })),
    ...(options.initializationOptions !== undefined
      ? { initializationOptions: options.initializationOptions }
      : {}),
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        codeLens: { refreshSupport: true },
        workspaceFolders: true,
      },
      window: { workDoneProgress: true },
      textDocument: {
        completion: { completionItem: { snippetSupport: false } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        rename: { prepareSupport: true },
      },
      ...options.capabilities,
    },
  });
  connection.sendNotification(InitializedNotification.type, {});

  const client: LspClient = {
    connection,
    status,
    progress,
    logs,
    diagnostics,
    published,
    open(uri, text, languageId = 'markdown') {
      versions.set(uri, 1);
      connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    filesChanged(changes) {
      connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
    },
    waitForDiagnostics(uri, accept = () => true) {
      return waitFor(() => {
        const d = diagnostics.get(uri);
        return d && accept(d) ? d : undefined;
      }, `diagnostics for ${uri}`);
    },
    waitForStatus(accept) {
      return waitFor(() => status.find(accept), 'a status notification');
    },
    async stop() {
      const exited = new Promise<void>((done) => {
        if (child.exitCode !== null) done();
        else child.once('exit', () => done());
      });
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      const timer = setTimeout(() => child.kill(), 3000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
  if (options.openWhileIndexing) {
    await client.waitForStatus((s) => s.state === 'ready' || (s.state === 'indexing' && (s.done ?? 0) > 0));
    for (const { uri, text } of options.openWhileIndexing) client.open(uri, text);
  }
  await client.waitForStatus((s) => s.state === 'ready');
  return client;
}

/** The position of `needle` (plus `delta` characters) in `text`, as LSP counts it. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' is not in the text`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}
