/**
 * Vitest global setup: the PDF layout tests typeset journal-like papers with Debian's TeX Live —
 * pdfTeX (`article`, `twocolumn`) and XeLaTeX with ctex (Chinese, Fandol fonts), `fancyhdr` and
 * `pifont` for running heads and circled footnote markers. Installed when missing (as root;
 * `debianTool.ts`).
 */
import { ensureDebianTool } from './debianTool.js';

export default function setup(): void {
  ensureDebianTool(
    'pdflatex',
    ['texlive-latex-base'],
    'The PDF layout tests need pdfTeX: install it (Debian/Ubuntu: apt-get install texlive-latex-base).',
  );
  ensureDebianTool(
    'xelatex',
    ['texlive-xetex'],
    'The PDF layout tests need XeLaTeX: install it (Debian/Ubuntu: apt-get install texlive-xetex).',
  );
  ensureDebianTool(
    'kpsewhich',
    ['texlive-xetex', 'texlive-lang-chinese', 'texlive-latex-extra'],
    'The PDF layout tests need XeLaTeX and ctex: install them (Debian/Ubuntu: apt-get install texlive-xetex texlive-lang-chinese texlive-latex-extra).',
    ['ctexart.cls'],
  );
}
