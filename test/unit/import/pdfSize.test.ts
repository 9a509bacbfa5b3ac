/**
 * The PDF import on long PDFs, through the real CLI (`node dist/cli.js import … --dry-run`) in a
 * child process, as a writer runs it: a 300-page PDF (002's pages printed over and over by
 * Chromium, with their footnotes and running heads) imports with a peak memory (VmHWM, read from
 * the child's /proc/self/status as it exits) under 300 MB, and takes less than 15 times as long as
 * a 30-page one (time grows linearly, not quadratically). The 3 s budget for 30 pages is measured
 * by `npm run bench` (bench/import/run.mjs), not here: the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagedHtml } from '../../helpers/pagedHtml.js';
import { pagedSource, repeatedPages } from '../../helpers/pagedSource.js';
import { printPdf } from '../../helpers/printPdf.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sa-pdf-size-'));
const source = pagedSource(readFileSync(join(REPO, 'corpus/002-us-taliban-internal-games.md'), 'utf8'));

/** Prints VmHWM (peak resident memory, kB) to stderr when the process exits. */
const PEAK = `process.on('exit', () => process.stderr.write('VmHWM ' + /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1] + '\\n'));`;

function importTimed(file: string): { ms: number; peakMb: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      join(dir, 'peak.cjs'),
      join(REPO, 'dist/cli.js'),
      'import',
      file,
      '--dry-run',
      '--into',
      join(dir, 'corpus'),
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stderr}`);
  return { ms, peakMb: Number(/VmHWM (\d+)/.exec(r.stderr)![1]) / 1024, stdout: r.stdout };
}

beforeAll(() => {
  writeFileSync(join(dir, 'peak.cjs'), PEAK);
  writeFileSync(join(dir, 'p30.pdf'), printPdf(pagedHtml(repeatedPages(source, 30))));
  writeFileSync(join(dir, 'p300.pdf'), printPdf(pagedHtml(repeatedPages(source, 300))));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing long PDFs', () => {
  it('imports 300 pages under 300 MB, in less than 15 times the time of 30 pages', () => {
    const small = importTimed('p30.pdf');
    const large = importTimed('p300.pdf');
    expect(small.stdout).toContain('found: pages 1-30,');
    expect(large.stdout).toContain('found: pages 1-300,');
    expect(large.peakMb).toBeLessThan(300);
    expect(large.ms).toBeLessThan(15 * small.ms);
  }, 120_000);
});
