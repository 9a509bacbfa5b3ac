/**
 * Typesets a LaTeX source to PDF with Debian's TeX Live (pdfTeX or XeLaTeX + ctex, installed by
 * test/setup/texlive.ts): the journal-like producers of the PDF layout tests. A PDF is cached by
 * the SHA-256 of its engine and source in the system's temporary folder, so a second run of the
 * tests (or a second test file) does not typeset it again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TexEngine = 'pdflatex' | 'xelatex';

const CACHE = join(tmpdir(), 'sa-tex-pdf');

export function texPdf(engine: TexEngine, source: string): Uint8Array {
  const key = createHash('sha256').update(`2 runs\n${engine}\n${source}`).digest('hex').slice(0, 32);
  const cached = join(CACHE, `${key}.pdf`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const dir = mkdtempSync(join(tmpdir(), 'sa-tex-'));
  try {
    writeFileSync(join(dir, 'paper.tex'), source);
    // Twice: footnotes numbered per page (footmisc's perpage) take their numbers from the first run.
    let r = spawnSync(engine, ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (r.status === 0)
      r = spawnSync(engine, ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
      });
    const pdf = join(dir, 'paper.pdf');
    if (r.status !== 0 || !existsSync(pdf))
      throw new Error(`${engine} failed (${r.status}): ${r.stdout.split('\n').slice(-30).join('\n')}`);
    mkdirSync(CACHE, { recursive: true });
    const part = `${cached}.${process.pid}`;
    writeFileSync(part, readFileSync(pdf));
    renameSync(part, cached);
    return new Uint8Array(readFileSync(cached));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
