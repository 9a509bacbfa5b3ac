/**
 * PDFs whose fonts test the importer's decoding, made by real producers (installed by
 * `test/setup/pdfFonts.ts`) and cached in the temporary folder by a hash of what makes them:
 *
 * - `cidFontPdf`: Chinese paragraphs of the bundled 002 set by ReportLab in STSong-Light, a
 *   standard Adobe-GB1 CID font that is not embedded (`UniGB-UCS2-H`), as many government and
 *   older journal PDFs are;
 * - `undecodablePdf`: an English text set by XeTeX (Latin Modern, embedded as CID fonts with
 *   `Identity-H`), then stripped of its `ToUnicode` maps by pikepdf — only the sans-serif font's
 *   when `pages` says which pages are set in it;
 * - `romanFrontMatterPdf`: a pdfTeX `report` of 10 pages, numbered i–iii then 1–7.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from '../setup/pdfFonts.js';

const CACHE = join(tmpdir(), 'sa-font-pdfs');
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The title of the bundled 002, which `cidFontPdf` is given in the tests. */
export const CID_TITLE = '美塔协议签署后的美阿塔三方内部博弈';

/** The bundled 002's paragraphs that hold no markup (no footnote reference, page mark, escape), without block ids. */
export function chinese002Paragraphs(): string[] {
  return readFileSync(join(REPO, 'corpus/002-us-taliban-internal-games.md'), 'utf8')
    .split('\n')
    .filter((l) => /^\p{Script=Han}/u.test(l) && l.length > 80 && !/[[\]<>{}*\\]/.test(l))
    .map((l) => l.replace(/ \^[\w-]+$/, ''));
}

/** The PDF that `make` writes to `out` in a scratch folder, made once per distinct `key`. */
function cached(key: string, make: (dir: string, out: string) => void): Uint8Array {
  const file = join(CACHE, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.pdf`);
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'sa-font-pdf-'));
    try {
      const out = join(dir, 'out.pdf');
      make(dir, out);
      renameSync(out, file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return new Uint8Array(readFileSync(file));
}

function run(command: string, args: string[], cwd: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0)
    throw new Error(`${command} failed (${r.status}): ${r.stderr || r.stdout.slice(-2000)}`);
}

const REPORTLAB = `
import json, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
spec = json.load(open(sys.argv[1], encoding='utf-8'))
h = ParagraphStyle('h', fontName='STSong-Light', fontSize=16, leading=22, spaceAfter=12)
p = ParagraphStyle('p', fontName='STSong-Light', fontSize=10.5, leading=17, firstLineIndent=21, wordWrap='CJK')
story = [Paragraph(spec['title'], h)] + [Paragraph(t, p) for t in spec['paragraphs']]
SimpleDocTemplate(sys.argv[2], pagesize=A4, title=spec['title'], invariant=1).build(story)
`;

/** `title` and `paragraphs` (plain text: no markup) in STSong-Light, not embedded. */
export function cidFontPdf(title: string, paragraphs: readonly string[]): Uint8Array {
  const spec = JSON.stringify({ title, paragraphs });
  return cached(REPORTLAB + spec, (dir, out) => {
    writeFileSync(join(dir, 'make.py'), REPORTLAB);
    writeFileSync(join(dir, 'spec.json'), spec);
    run(PYTHON, ['make.py', 'spec.json', out], dir);
  });
}

const STRIP = `
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
for page in pdf.pages:
    fonts = page.Resources.get('/Font', {})
    for name in list(fonts.keys()):
        font = fonts[name]
        if sys.argv[3] in str(font.get('/BaseFont', '')) and '/ToUnicode' in font:
            del font['/ToUnicode']
pdf.save(sys.argv[2], static_id=True)
`;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
const PARTS = ['opening', 'middle', 'closing'];

/** Paragraph `k` (0–2) of page `n` (1 for the first) of `undecodablePdf`: each its own words. */
export function undecodableParagraph(n: number, k: number): string {
  return `The ${PARTS[k]} paragraph of the ${ORDINALS[n - 1]} page: quotation is only as true as the text behind it. XeTeX set this ${PARTS[k]} paragraph in Latin Modern, an OpenType font embedded as a CID font with the Identity-H encoding, on the ${ORDINALS[n - 1]} page.`;
}

/**
 * `pageCount` (at most 6) pages of three English paragraphs by XeTeX; the pages in `stripped` (1
 * for the first) are set in Latin Modern Sans, whose `ToUnicode` maps are removed. Every page and
 * font when `stripped` is 'all'.
 */
export function undecodablePdf(pageCount: number, stripped: readonly number[] | 'all'): Uint8Array {
  const pages = Array.from({ length: pageCount }, (_, i) => {
    const sans = stripped !== 'all' && stripped.includes(i + 1);
    const text = [0, 1, 2].map((k) => undecodableParagraph(i + 1, k)).join('\n\n');
    return `${sans ? '\\sffamily' : '\\rmfamily'} ${text}\n\\newpage`;
  });
  const tex = `\\documentclass{article}\n\\usepackage{fontspec}\n\\pagestyle{empty}\n\\begin{document}\n${pages.join('\n')}\n\\end{document}\n`;
  return cached(tex + STRIP, (dir, out) => {
    writeFileSync(join(dir, 'doc.tex'), tex);
    writeFileSync(join(dir, 'strip.py'), STRIP);
    run('xelatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], dir);
    run(PYTHON, ['strip.py', 'doc.pdf', out, stripped === 'all' ? 'LM' : 'Sans'], dir);
  });
}

const TOPICS = ['sources', 'drafts', 'quotations', 'citations', 'page marks', 'imports', 'exports'];

/** The text of chapter `n`'s paragraph `k` in `romanFrontMatterPdf` (each chapter its own words). */
export function romanParagraph(n: number, k: number): string {
  const topic = TOPICS[n - 1]!;
  return `Paragraph ${k} of the chapter on ${topic} explains how ${topic} are anchored, why a quotation must be found where its citation says, and how page marks record where the printed pages begin, so that a reader of ${topic} can check every word about ${topic}.`;
}

/**
 * A pdfTeX `report` of 10 pages: a title page (unnumbered: i), the preface (ii) and the contents
 * (iii) in roman; then 7 chapters of one page each, 1–7. Every number is at the foot of its page.
 */
export function romanFrontMatterPdf(): Uint8Array {
  const chapters = TOPICS.map(
    (topic, i) => `\\chapter{On ${topic}}\n${[1, 2, 3].map((k) => romanParagraph(i + 1, k)).join('\n\n')}\n`,
  );
  const tex = `\\documentclass{report}
\\pagestyle{plain}
\\begin{document}
\\pagenumbering{roman}
\\begin{titlepage}\\centering{\\Huge A Manual of Anchors\\par}\\vspace{2em}{\\Large Test Writer\\par}\\end{titlepage}
\\setcounter{page}{2}
\\chapter*{Preface}
This manual explains source anchors, how sources are imported and how quotes are checked against them.
\\tableofcontents
\\clearpage
\\pagenumbering{arabic}
${chapters.join('\n')}
\\end{document}
`;
  return cached(tex, (dir, out) => {
    writeFileSync(join(dir, 'doc.tex'), tex);
    for (let i = 0; i < 2; i++)
      run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], dir);
    renameSync(join(dir, 'doc.pdf'), out);
  });
}
