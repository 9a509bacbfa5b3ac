/**
 * Runs code-server (VS Code's own workbench and extension host, served to a browser) with the
 * packaged extension installed into fresh user-data and extensions folders. The E2E suite and
 * `npm run demo` both start VS Code through here.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Setup } from './paths';

/** User settings that keep the workbench quiet and deterministic: no trust prompt, no welcome page, no chat. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

export interface CodeServerOptions {
  setup: Setup;
  vsix: string;
  /** The folder opened in the workbench. */
  workspace: string;
  /** Where code-server's output goes. */
  logFile: string;
  /**
   * Where VS Code's own logs are copied when it stops (the extension host's, and each extension's
   * output channel: `exthost1/source-anchors.source-anchors/Source Anchors.log`), before its user
   * data is removed.
   */
  logsDir?: string;
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  host?: string;
  /** A free port is picked when not given. */
  port?: number;
}

export interface CodeServer {
  /** The workbench with the workspace open. */
  url: string;
  process: ChildProcess;
  /** Stops code-server and everything it started, and removes its user data. */
  stop(): Promise<void>;
}

/** Installs the extension into fresh folders, starts code-server and resolves once it answers HTTP. */
export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'sa-code-server-'));
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...o.settings }, null, 2),
  );
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  await installExtension(o.setup, common, o.vsix);

  const host = o.host ?? '127.0.0.1';
  const port = o.port ?? (await freePort(host));
  const args = [
    o.setup.codeServer,
    ...common,
    ['--auth', 'none'],
    ['--bind-addr', `${host}:${port}`],
    ['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    o.workspace,
  ].flat();
  mkdirSync(dirname(o.logFile), { recursive: true });
  const log = createWriteStream(o.logFile);
  // Its own process group, so that stopping it also stops the extension host and the language server.
  const child = spawn(o.setup.node24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  await waitForHttp(`${base}/healthz`, child, o.logFile);
  return {
    url: `${base}/?folder=${encodeURIComponent(o.workspace)}`,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      if (o.logsDir) keepLogs(join(userData, 'logs'), o.logsDir);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function installExtension(setup: Setup, common: string[], vsix: string): Promise<void> {
  const args = [setup.codeServer, ...common, '--install-extension', vsix];
  const { stdout, stderr } = await promisify(execFile)(setup.node24, args, { timeout: 120_000 });
  if (!/successfully installed/i.test(stdout + stderr)) {
    throw new Error(`code-server --install-extension ${vsix} did not succeed:\n${stdout}${stderr}`);
  }
}

/** A port on `host` that nothing listens on right now. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Polls `url` until it answers 200; fails at once if code-server exits, or after a minute. */
async function waitForHttp(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`code-server did not answer ${url} within 60 s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function keepLogs(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  try {
    cpSync(from, to, { recursive: true });
  } catch {
    // No logs written (it never started).
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
