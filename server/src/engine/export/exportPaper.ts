/**
 * Export: a draft and the corpus in, the paper's bytes out — one function for the CLI, the
 * server's Export Paper command and the tests. Formats:
 *
 * - `markdown`: CommonMark with footnotes and a bibliography section;
 * - `html`: one standalone page;
 * - `docx`: Word, with real footnotes;
 * - `pandoc`: Pandoc Markdown with `[@002, pp. 53–55]` citations, plus the cited sources as CSL-JSON
 *   (written beside it as `NAME.references.json`).
 */
import { parseFrontMatter } from '../corpus/frontMatter.js';
import { parseDraft } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { styleDraft, type LoadedStyle, type StyledPaper } from './paper.js';
import { paperDocx } from './paperDocx.js';
import { paperHtml } from './paperHtml.js';
import { paperMarkdown } from './paperMarkdown.js';
import { paperPandoc } from './paperPandoc.js';

export const EXPORT_FORMATS = ['docx', 'html', 'markdown', 'pandoc'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The format an output file's name asks for: `paper.docx` → docx; undefined when unknown. */
export function formatFromFileName(name: string): ExportFormat | undefined {
  const n = name.toLowerCase();
  if (n.endsWith('.docx')) return 'docx';
  if (n.endsWith('.html') || n.endsWith('.htm')) return 'html';
  if (n.endsWith('.pandoc.md')) return 'pandoc';
  if (n.endsWith('.md') || n.endsWith('.markdown')) return 'markdown';
  return undefined;
}

/** The default output beside the draft: `draft.md` → `draft.paper.md`, `draft.docx`, `draft.html`, `draft.pandoc.md`. */
export function defaultOutputName(draftName: string, format: ExportFormat): string {
  const base = draftName.replace(/\.(md|markdown)$/i, '');
  return `${base}${{ docx: '.docx', html: '.html', markdown: '.paper.md', pandoc: '.pandoc.md' }[format]}`;
}

/** `paper.pandoc.md` → `paper.pandoc.references.json`: the CSL-JSON file beside a Pandoc export. */
export function referencesFileName(outputName: string): string {
  return `${outputName.replace(/\.(md|markdown)$/i, '')}.references.json`;
}

export interface ExportRequest {
  draftText: string;
  index: CorpusIndex;
  style: LoadedStyle;
  format: ExportFormat;
  /** The output file's name (for the Pandoc references file named in its front matter). */
  outputName: string;
  eastAsiaFont?: string;
}

export interface ExportResult {
  content: string | Uint8Array;
  /** The Pandoc export's CSL-JSON references: its file name and text. */
  references?: { name: string; text: string };
  paper: StyledPaper;
}

/** The draft's front matter `lang`, if any: the paper's locale unless one is asked for. */
export function draftLanguage(text: string): string | undefined {
  const lang = parseFrontMatter(text).data['lang'];
  return typeof lang === 'string' && lang.trim() ? lang.trim() : undefined;
}

export async function exportPaper(req: ExportRequest): Promise<ExportResult> {
  const draft = parseDraft(req.draftText);
  const paper = styleDraft(draft, req.index, req.style, 'html');
  if (req.format === 'pandoc') {
    const name = referencesFileName(baseName(req.outputName));
    const pandoc = paperPandoc(draft, paper.cites, {
      referencesFile: name,
      locale: paper.locale,
      heading: paper.heading,
    });
    return {
      content: pandoc.markdown,
      references: { name, text: `${JSON.stringify(pandoc.references, null, 2)}\n` },
      paper,
    };
  }
  const md = paperMarkdown(draft, paper);
  if (req.format === 'markdown') return { content: md.markdown, paper };
  if (req.format === 'html') return { content: paperHtml(md, paper.locale), paper };
  const docx = await paperDocx(md, {
    lang: paper.locale,
    ...(req.eastAsiaFont ? { eastAsiaFont: req.eastAsiaFont } : {}),
  });
  return { content: docx, paper };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
