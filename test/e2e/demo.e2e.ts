/**
 * `npm run demo` as a user runs it: it prints a URL, that URL serves VS Code with the extension
 * working on the example draft, and Ctrl+C (SIGINT) stops it and everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTPUT, readSetup, REPO } from './paths';
import { launchChromium, Workbench } from './workbench';

/** Resolves with the first match of `pattern` in the child's output so far or to come. */
function waitForOutput(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = output().match(pattern);
      if (m) {
        child.stdout?.off('data', check);
        resolve(m);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`the demo exited (${code}) before printing ${pattern}:\n${output()}`)),
    );
    check();
  });
}

describe('npm run demo', () => {
  let demo: ChildProcess | undefined;
  let browser: Browser | undefined;
  let output = '';

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) demo.kill('SIGKILL');
  });

  it('serves VS Code with the extension, and stops cleanly on SIGINT', async () => {
    const setup = readSetup();
    demo = spawn(
      process.execPath,
      [join(REPO, 'test', 'e2e', 'run-ts.mjs'), join(REPO, 'test', 'e2e', 'demo.ts')],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    demo.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    demo.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => demo?.once('exit', (code) => resolve(code)));
    const [, url = ''] = await waitForOutput(demo, () => output, /Open:\s+(http:\/\/\S+)/);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('workbench');

    browser = await launchChromium(setup.chromium);
    const wb = new Workbench(
      await browser.newPage({ viewport: { width: 1400, height: 900 } }),
      join(OUTPUT, 'demo'),
    );
    await wb.open(url);
    await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'examples' }).click();
    await wb.openFromExplorer('draft.md');
    expect(await wb.waitForServerReady()).toMatch(/5 sources · 415 anchors/);
    await wb.screenshot('demo');
    await browser.close();
    browser = undefined;

    demo.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
    await expect(fetch(new URL('/healthz', url))).rejects.toThrow();
  }, 120_000);
});
