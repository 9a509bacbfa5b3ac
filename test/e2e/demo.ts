/**
 * `npm run demo`: VS Code in the browser (code-server) with the packaged extension installed and
 * a copy of the example workspace open, for trying Source Anchors without VS Code. Prints the URL
 * and stops cleanly on Ctrl+C (SIGINT) or SIGTERM. One process (`node test/e2e/run-ts.mjs
 * test/e2e/demo.ts`), so that a signal sent to `npm run demo` alone reaches it too.
 *
 *   SOURCE_ANCHORS_DEMO_PORT  the port (default: a free one)
 *   SOURCE_ANCHORS_DEMO_HOST  the address to listen on (default 127.0.0.1; there is no password)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startCodeServer } from './codeServer';
import { packageExtension } from './packageExtension';
import { CACHE, readSetup, REPO, VSIX } from './paths';
import { makeDemoWorkspace } from './workspace';

// Node 24 and code-server: installed on the first run (a few minutes), checked in a second after.
execFileSync('bash', [join(REPO, 'test', 'e2e', 'setup.sh'), 'code-server'], { stdio: 'inherit' });
const setup = readSetup(['node24', 'codeServer']);
console.log('Packaging the extension…');
packageExtension();
const demo = join(CACHE, 'demo');
const workspace = makeDemoWorkspace(join(demo, 'workspace'));
const logFile = join(demo, 'code-server.log');
const port = process.env.SOURCE_ANCHORS_DEMO_PORT;
const server = await startCodeServer({
  setup,
  vsix: VSIX,
  workspace,
  logFile,
  host: process.env.SOURCE_ANCHORS_DEMO_HOST ?? '127.0.0.1',
  ...(port ? { port: Number(port) } : {}),
});

const onCrash = (code: number | null) => {
  console.error(`code-server exited unexpectedly (${code}); see ${logFile}`);
  process.exit(1);
};
server.process.once('exit', onCrash);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping code-server…`);
  server.process.off('exit', onCrash);
  await server.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', (s) => void stop(s));
process.on('SIGTERM', (s) => void stop(s));

console.log(
  [
    '',
    `Source Anchors demo: VS Code (code-server ${setup.codeServerVersion}) with the extension installed`,
    `  Open:      ${server.url}`,
    `  Workspace: ${workspace} (a fresh copy of corpus/ and examples/; open examples/draft.md)`,
    `  Log:       ${logFile}`,
    'Press Ctrl+C to stop.',
  ].join('\n'),
);
