/**
 * Journal papers typeset by TeX Live for the PDF layout tests, and the facts an import of each
 * must keep: its paragraphs whole and in order, its headings, which note belongs to which marker,
 * its reference entries, and the running head and folios that must be gone.
 *
 * - `englishTex`: pdfTeX, `article` in `twocolumn`: the title block over both columns, an
 *   abstract, numbered sections, footnotes at the foot of each column, a `figure*` spanning both
 *   columns, `thebibliography`; `fancyhdr` prints the journal's name over the page, the page
 *   number under it.
 * - `chineseTex`: XeLaTeX + ctex (Fandol fonts): the bundled 002's first sections (its real text)
 *   in one or two columns, a running head (`南亚研究季刊 2022年第3期`), `·47·` folios from page 47,
 *   footnotes marked with circled numbers (`①`, in the CJK font) restarting on each page, and a
 *   `参考文献` list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A paper's text: a paragraph holds its footnotes in place as `{{note text}}`. */
export interface PaperText {
  title: string;
  authors: string;
  abstract: string;
  /** The running head printed over every page. */
  head: string;
  sections: { heading: string; level?: 2 | 3; paragraphs: string[] }[];
  references: string[];
  /** A caption for a figure spanning both columns. */
  figure?: string;
}

/** What an import must keep (whitespace is compared folded away). */
export interface PaperFacts {
  headings: string[];
  /** Every paragraph, notes taken out, in order. */
  paragraphs: string[];
  /** Each note's text and the ten characters before its marker. */
  notes: { before: string; text: string }[];
  /** Reference entries as printed, label first (`[1] Fearon, …`). */
  references: string[];
}

const NOTE = /\{\{([^}]*)\}\}/g;

export function factsOf(paper: PaperText, abstractLabel: string, referencesHeading: string): PaperFacts {
  const paragraphs = [`${abstractLabel}${paper.abstract}`];
  const headings: string[] = [paper.title];
  const notes: PaperFacts['notes'] = [];
  for (const s of paper.sections) {
    headings.push(s.heading);
    for (const p of s.paragraphs) {
      for (const m of p.matchAll(NOTE)) {
        const before = p.slice(0, m.index).replace(NOTE, '').replace(/\s+/g, '');
        notes.push({ before: before.slice(-10), text: m[1]! });
      }
      paragraphs.push(p.replace(NOTE, ''));
    }
  }
  headings.push(referencesHeading);
  return {
    headings,
    paragraphs,
    notes,
    references: paper.references.map((r, i) => `[${i + 1}] ${r}`),
  };
}

/** LaTeX's special characters escaped; a URL may break after `/`, `.`, `?`, `_`, `-`. */
export function texEscape(s: string): string {
  return s
    .replace(/[\\{}$&#^_%~]/g, (c) =>
      c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`,
    )
    .replace(/https?:\/\/\S+/g, (url) => url.replace(/([/.?=-])/g, '$1\\allowbreak{}'));
}

const body = (paper: PaperText, section: string, subsection: string) =>
  paper.sections
    .map((s) =>
      [
        `\\${s.level === 3 ? subsection : section}{${texEscape(s.heading)}}`,
        ...s.paragraphs.map((p) =>
          p
            .split(NOTE)
            .map((part, i) => (i % 2 ? `\\footnote{${texEscape(part)}}` : texEscape(part)))
            .join(''),
        ),
      ].join('\n\n'),
    )
    .join('\n\n');

/**
 * The English paper for pdfTeX: two columns, 10 pt, a `figure*` after the second section; or
 * `endnotes`: one column, its notes gathered under `Notes` before the references (the `endnotes`
 * package), no figure.
 */
export function englishTex(paper: PaperText, endnotes = false): string {
  if (endnotes) {
    const text = body(paper, 'section*', 'subsection*');
    return `\\documentclass[11pt]{article}
\\usepackage{endnotes}
\\let\\footnote=\\endnote
\\usepackage{fancyhdr}
\\pagestyle{fancy}
\\fancyhf{}
\\fancyhead[C]{\\small ${texEscape(paper.head)}}
\\fancyfoot[C]{\\thepage}
\\sloppy
\\title{${texEscape(paper.title)}}
\\author{${texEscape(paper.authors)}}
\\date{}
\\begin{document}
\\maketitle
\\thispagestyle{fancy}
\\begin{quote}\\small\\textbf{Abstract:} ${texEscape(paper.abstract)}\\end{quote}
${text}

\\theendnotes

\\begin{thebibliography}{9}
${paper.references.map((r, i) => `\\bibitem{r${i}} ${texEscape(r)}`).join('\n')}
\\end{thebibliography}
\\end{document}
`;
  }
  const text = body(paper, 'section*', 'subsection*');
  const at = text.indexOf('\\section*', text.indexOf('\\section*', 1) + 1);
  const figure = paper.figure
    ? `\\begin{figure*}[t]\\centering\\fbox{\\parbox{0.9\\textwidth}{\\vspace{6em}}}\n\\par\\medskip ${texEscape(paper.figure)}\\end{figure*}\n\n`
    : '';
  return `\\documentclass[10pt,twocolumn]{article}
\\usepackage{fancyhdr}
\\pagestyle{fancy}
\\fancyhf{}
\\fancyhead[C]{\\small ${texEscape(paper.head)}}
\\fancyfoot[C]{\\thepage}
\\sloppy
\\title{${texEscape(paper.title)}}
\\author{${texEscape(paper.authors)}}
\\date{}
\\begin{document}
\\twocolumn[\\maketitle\\begin{quote}\\small\\textbf{Abstract:} ${texEscape(paper.abstract)}\\end{quote}\\bigskip]
\\thispagestyle{fancy}
${text.slice(0, at)}${figure}${text.slice(at)}

\\begin{thebibliography}{9}
${paper.references.map((r, i) => `\\bibitem{r${i}} ${texEscape(r)}`).join('\n')}
\\end{thebibliography}
\\end{document}
`;
}

/** The Chinese paper for XeLaTeX + ctex, in one or two columns, from page 47. */
export function chineseTex(paper: PaperText, columns: 1 | 2): string {
  const text = body(paper, 'section*', 'subsection*');
  return `\\documentclass[${columns === 2 ? 'twocolumn,' : ''}UTF8,zihao=5]{ctexart}
\\usepackage{fancyhdr}
\\usepackage[perpage]{footmisc}
\\xeCJKDeclareCharClass{CJK}{"2460 -> "2473, "2160 -> "216B}
\\pagestyle{fancy}
\\fancyhf{}
\\fancyhead[C]{\\small ${texEscape(paper.head)}}
\\fancyfoot[C]{\\small ·\\thepage·}
\\renewcommand{\\thefootnote}{\\ifcase\\value{footnote}\\or ①\\or ②\\or ③\\or ④\\or ⑤\\or ⑥\\or ⑦\\or ⑧\\or ⑨\\or ⑩\\fi}
\\ctexset{section={format=\\large\\bfseries\\centering}, subsection={format=\\normalsize\\bfseries\\raggedright}}
\\setcounter{page}{47}
\\sloppy
\\begin{document}
${columns === 2 ? '\\twocolumn[{' : '{'}\\centering{\\LARGE ${texEscape(paper.title)}\\par}\\vspace{1em}{\\large ${texEscape(paper.authors)}\\par}\\vspace{1em}
\\begin{minipage}{0.9\\textwidth}\\small 摘要：${texEscape(paper.abstract)}\\end{minipage}\\par\\vspace{2em}}${columns === 2 ? ']' : ''}
\\thispagestyle{fancy}
${text}

\\section*{参考文献}
{\\small
\\begin{list}{}{\\setlength{\\leftmargin}{2em}\\setlength{\\itemindent}{-2em}\\setlength{\\itemsep}{0pt}}
${paper.references.map((r, i) => `\\item[] [${i + 1}] ${texEscape(r)}`).join('\n')}
\\end{list}}
\\end{document}
`;
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bundled 002's title, abstract and first `sections` sections as a paper: its headings, its
 * paragraphs (block ids and page marks dropped) and their footnotes in place. `md` is 002's
 * Markdown (read from the repository when not given).
 */
export function chinesePaper(
  sections: number,
  md = readFileSync(join(REPO, 'corpus/002-us-taliban-internal-games.md'), 'utf8'),
): PaperText {
  const chunks = md
    .slice(md.indexOf('\n---\n', 4) + 5)
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter(Boolean);
  const notes = new Map<string, string>();
  for (const c of chunks) {
    const def = /^\[\^(\w+)\]:\s*([\s\S]*)$/.exec(c);
    if (def) notes.set(def[1]!, def[2]!.replace(/\s+/g, ' '));
  }
  const clean = (s: string) =>
    s
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/\s+\^[\w-]+$/, '')
      .replace(/\s+\{#[\w-]+\}$/, '')
      .replace(/\\(.)/g, '$1')
      .replace(/\[\^(\w+)\]/g, (_m, label: string) => `{{${notes.get(label) ?? ''}}}`)
      .trim();
  const paper: PaperText = {
    title: /^title:\s*"(.*)"$/m.exec(md)![1]!,
    authors: '兰江　杨秀琴',
    abstract: '',
    head: '南亚研究季刊　2022年第3期',
    sections: [],
    references: [
      '申玉辉. 特朗普时期的美塔和谈与阿富汗政治和解[J]. 南亚研究季刊, 2020(3): 89-96.',
      '钱雪梅. 阿富汗政治和解的困局与前景[J]. 外交评论, 2021(1): 100-127.',
      '马勇. 阿富汗政府与塔利班和解的困境及前景[J]. 现代国际关系, 2021(6): 50-58.',
      'PUTNAM R D. Diplomacy and Domestic Politics: The Logic of Two-Level Games[J]. International Organization, 1988, 42(3): 427-460.',
      '张吉军. 阿富汗战后重建面临的困境及出路——以政治机会理论为视阈的分析[J]. 南亚研究季刊, 2014(2): 1-8.',
      '富育红. 美国撤军后阿富汗塔利班的政策走向[J]. 和平与发展, 2021(5): 20-38.',
    ],
  };
  for (const c of chunks) {
    if (/^\[\^/.test(c) || /^<!--[\s\S]*-->$/.test(c) || /^# /.test(c)) continue;
    if (c.startsWith('摘要：')) {
      paper.abstract = clean(c.slice(3));
      continue;
    }
    const h = /^(#{2,3}) (.*)$/.exec(c);
    if (h) {
      if (h[1] === '##' && paper.sections.filter((s) => s.level === 2).length === sections) break;
      paper.sections.push({ heading: clean(h[2]!), level: h[1]!.length as 2 | 3, paragraphs: [] });
      continue;
    }
    if (!paper.sections.length) continue;
    paper.sections.at(-1)!.paragraphs.push(clean(c));
  }
  return paper;
}
