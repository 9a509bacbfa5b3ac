/**
 * Prints a flat ODT document to PDF with LibreOffice Writer, headless (installed by
 * test/setup/libreoffice.ts): the second PDF producer of the import tests, beside Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SOFFICE } from '../setup/libreoffice.js';

export function printOdt(fodt: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'sa-odt-'));
  try {
    writeFileSync(join(dir, 'doc.fodt'), fodt);
    const r = spawnSync(
      SOFFICE,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        dir,
        join(dir, 'doc.fodt'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`LibreOffice failed (${r.status}): ${r.stderr}`);
    return new Uint8Array(readFileSync(join(dir, 'doc.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
