/**
 * Vitest global setup: the PDF font tests make their PDFs with real producers — ReportLab (a
 * standard CID font, not embedded), pdfTeX (roman-numbered front matter) and XeTeX, whose output
 * pikepdf strips of its `ToUnicode` maps. Debian's packages, installed when missing (as root;
 * `debianTool.ts`). Debian's own Python is called by its path: `python3` on PATH may be another.
 */
import { ensureDebianTool } from './debianTool.js';

export const PYTHON = '/usr/bin/python3';

export default function setup(): void {
  ensureDebianTool(
    PYTHON,
    ['python3-reportlab', 'python3-pikepdf'],
    'The PDF font tests need ReportLab and pikepdf: install them (Debian/Ubuntu: apt-get install python3-reportlab python3-pikepdf).',
    ['-c', 'import reportlab, pikepdf'],
  );
  ensureDebianTool(
    'pdflatex',
    ['texlive-latex-base'],
    'The PDF font tests need pdfTeX: install it (Debian/Ubuntu: apt-get install texlive-latex-base).',
  );
  ensureDebianTool(
    'xelatex',
    ['texlive-xetex', 'fonts-lmodern'],
    'The PDF font tests need XeTeX: install it (Debian/Ubuntu: apt-get install texlive-xetex).',
  );
}
