/** Prints an HTML page to PDF with headless Chromium (installed by test/setup/chromium.ts). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM } from '../setup/chromium.js';

export function printPdf(html: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'sa-pdf-'));
  try {
    writeFileSync(join(dir, 'page.html'), html);
    const out = join(dir, 'page.pdf');
    const r = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-pdf-header-footer',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${out}`,
        pathToFileURL(join(dir, 'page.html')).href,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`chromium failed (${r.status}): ${r.stderr}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
