/**
 * The `@vscode/test-electron` suite (`npm run test:vscode`), for machines that can download the
 * desktop VS Code: it downloads VS Code, starts it with this repository as the extension under
 * development and a workspace of the corpus and a draft, and runs `suite.ts` inside its
 * extension host. When VS Code cannot be downloaded (as on machines with no internet but the
 * npm registry), it says so and exits 0: the real-editor proof there is `npm run test:e2e`.
 * On Linux without a display, run it under `xvfb-run -a`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { CACHE, REPO } from '../paths';
import { makeTestWorkspace } from '../workspace';
import { SUITE_DRAFT } from './draft';

const version = process.env.SOURCE_ANCHORS_VSCODE_VERSION ?? 'stable';

let executable: string;
try {
  executable = await downloadAndUnzipVSCode({
    version,
    cachePath: join(CACHE, 'vscode-test'),
    timeout: 30_000,
  });
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  console.log(`SKIPPED: the @vscode/test-electron suite could not download VS Code ${version}: ${reason}`);
  console.log('It needs a machine that reaches update.code.visualstudio.com; npm run test:e2e proves the');
  console.log('extension in the real VS Code workbench (code-server) without that download.');
  process.exit(0);
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('VS Code needs a display: run this suite as `xvfb-run -a npm run test:vscode`.');
  process.exit(1);
}

execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });
const suite = join(CACHE, 'electron', 'suite.cjs');
await build({
  entryPoints: [join(REPO, 'test', 'e2e', 'electron', 'suite.ts')],
  outfile: suite,
  bundle: true,
  external: ['vscode'],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});

const workspace = makeTestWorkspace({ 'draft.md': SUITE_DRAFT });
const userData = mkdtempSync(join(tmpdir(), 'sa-vscode-user-'));
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: suite,
    extensionTestsEnv: { SOURCE_ANCHORS_E2E_DRAFT: join(workspace.dir, 'draft.md') },
    launchArgs: [
      workspace.dir,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir',
      userData,
    ],
  });
} catch (e) {
  console.error(`The @vscode/test-electron suite failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  workspace.dispose();
  rmSync(userData, { recursive: true, force: true });
}
process.exit(code);
