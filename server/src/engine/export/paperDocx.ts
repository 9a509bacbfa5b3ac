/**
 * The paper as a Word document a journal would accept: real Word footnotes (`w:footnoteReference`,
 * not text at the page's foot), headings, emphasis, lists, block quotes, tables and the
 * bibliography, built with the `docx` library from the paper's Markdown tokens. Body text is
 * SimSun (宋体) for East Asian characters and Times New Roman for Latin, 12 pt.
 *
 * Deterministic: the same paper gives the same bytes (fixed document dates and zip timestamps).
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import MarkdownIt, { type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { PaperMarkdown } from './paperMarkdown.js';

export interface DocxOptions {
  /** The font for Chinese, Japanese and Korean text: `SimSun` (宋体) unless set. */
  eastAsiaFont?: string;
  latinFont?: string;
  lang: string;
}

/** The date written into the document's properties, so that exports are reproducible. */
const FIXED_DATE = '2000-01-01T00:00:00Z';

let parser: ReturnType<typeof MarkdownIt> | undefined;
function markdown(): ReturnType<typeof MarkdownIt> {
  parser ??= new MarkdownIt({ html: false, linkify: false }).use(footnote);
  return parser;
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

interface Format {
  italics?: boolean;
  bold?: boolean;
  code?: boolean;
  strike?: boolean;
}

/** Reads the token stream once: body blocks, and each footnote's paragraphs by its number. */
class DocxBuilder {
  readonly body: (Paragraph | Table)[] = [];
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  #lists: { ordered: boolean }[] = [];
  #quote = 0;
  #footnote: number | undefined;
  #orderedInstance = 0;

  constructor(private readonly tokens: Token[]) {}

  build(): void {
    const t = this.tokens;
    for (let i = 0; i < t.length; i++) {
      const tok = t[i]!;
      switch (tok.type) {
        case 'heading_open':
          this.#push(
            new Paragraph({
              heading: HEADINGS[Number(tok.tag.slice(1)) - 1],
              ...(tok.tag === 'h1' ? { alignment: AlignmentType.CENTER } : {}),
              children: this.#runs(t[i + 1]!.children ?? []),
            }),
          );
          i += 2;
          break;
        case 'paragraph_open':
          this.#push(this.#paragraph(t[i + 1]!.children ?? []));
          i += 2;
          break;
        case 'bullet_list_open':
          this.#lists.push({ ordered: false });
          break;
        case 'ordered_list_open':
          this.#lists.push({ ordered: true });
          this.#orderedInstance++;
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.#lists.pop();
          break;
        case 'blockquote_open':
          this.#quote++;
          break;
        case 'blockquote_close':
          this.#quote--;
          break;
        case 'fence':
        case 'code_block':
          for (const line of tok.content.replace(/\n$/, '').split('\n')) {
            this.#push(new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })] }));
          }
          break;
        case 'hr':
          this.#push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('* * *')] }));
          break;
        case 'table_open':
          i = this.#table(i);
          break;
        case 'footnote_open':
          this.#footnote = Number((tok.meta as { id: number }).id) + 1;
          this.footnotes[this.#footnote] = { children: [] };
          break;
        case 'footnote_close':
          this.#footnote = undefined;
          break;
        default:
          break;
      }
    }
  }

  #push(p: Paragraph | Table): void {
    if (this.#footnote !== undefined && p instanceof Paragraph)
      this.footnotes[this.#footnote]!.children.push(p);
    else this.body.push(p);
  }

  #paragraph(children: Token[]): Paragraph {
    const list = this.#lists[this.#lists.length - 1];
    const level = Math.min(this.#lists.length - 1, 8);
    return new Paragraph({
      children: this.#runs(children),
      ...(list
        ? list.ordered
          ? { numbering: { reference: 'ordered', level, instance: this.#orderedInstance } }
          : { bullet: { level } }
        : {}),
      ...(this.#quote ? { indent: { left: 720 * this.#quote, right: 720 }, style: 'Quote' } : {}),
    });
  }

  #runs(children: readonly Token[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    const f: Format = {};
    for (const c of children) {
      switch (c.type) {
        case 'text':
          if (c.content) out.push(run(c.content, f));
          break;
        case 'code_inline':
          out.push(run(c.content, { ...f, code: true }));
          break;
        case 'softbreak':
          out.push(run(' ', f));
          break;
        case 'hardbreak':
          out.push(new TextRun({ text: '', break: 1 }));
          break;
        case 'em_open':
          f.italics = true;
          break;
        case 'em_close':
          f.italics = false;
          break;
        case 'strong_open':
          f.bold = true;
          break;
        case 'strong_close':
          f.bold = false;
          break;
        case 's_open':
          f.strike = true;
          break;
        case 's_close':
          f.strike = false;
          break;
        case 'footnote_ref':
          out.push(new FootnoteReferenceRun(Number((c.meta as { id: number }).id) + 1));
          break;
        case 'image':
          out.push(run(c.content || String(c.attrGet('alt') ?? ''), f));
          break;
        default:
          break;
      }
    }
    return out;
  }

  /** A Markdown table from `table_open` at `i`; returns the index of `table_close`. */
  #table(i: number): number {
    const t = this.tokens;
    const rows: TableRow[] = [];
    let cells: TableCell[] = [];
    let header = false;
    let j = i + 1;
    for (; j < t.length && t[j]!.type !== 'table_close'; j++) {
      const tok = t[j]!;
      if (tok.type === 'thead_open') header = true;
      else if (tok.type === 'thead_close') header = false;
      else if (tok.type === 'tr_open') cells = [];
      else if (tok.type === 'tr_close') rows.push(new TableRow({ children: cells, tableHeader: header }));
      else if (tok.type === 'inline') {
        const runs = this.#runs(tok.children ?? []);
        cells.push(new TableCell({ children: [new Paragraph({ children: header ? boldRuns(tok) : runs })] }));
      }
    }
    if (rows.length) this.#push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    return j;
  }
}

function run(text: string, f: Format): TextRun {
  const o: IRunOptions = {
    text,
    ...(f.italics ? { italics: true } : {}),
    ...(f.bold ? { bold: true } : {}),
    ...(f.strike ? { strike: true } : {}),
    ...(f.code ? { font: 'Courier New' } : {}),
  };
  return new TextRun(o);
}

function boldRuns(tok: Token): TextRun[] {
  return [new TextRun({ text: (tok.children ?? []).map((c) => c.content).join(''), bold: true })];
}

export async function paperDocx(paper: PaperMarkdown, options: DocxOptions): Promise<Uint8Array> {
  const builder = new DocxBuilder(markdown().parse(paper.markdown, {}));
  builder.build();
  const eastAsia = options.eastAsiaFont ?? 'SimSun';
  const latin = options.latinFont ?? 'Times New Roman';
  const doc = new Document({
    creator: 'Source Anchors',
    lastModifiedBy: 'Source Anchors',
    title: paper.title ?? '',
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: latin, hAnsi: latin, eastAsia, cs: latin },
            size: 24,
            language: { value: 'en-US', eastAsia: options.lang },
          },
          paragraph: { spacing: { line: 360 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    footnotes: builder.footnotes,
    sections: [{ children: builder.body }],
  });
  return reproducible(await Packer.toBuffer(doc));
}

/** Rewrites the zip with fixed timestamps and fixed document dates. */
function reproducible(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _name: string, close: string) => `${open}${FIXED_DATE}${close}`,
      ),
    );
  }
  const mtime = new Date(FIXED_DATE);
  const sorted = Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : 1,
  );
  return zipSync(Object.fromEntries(sorted.map((name) => [name, [files[name]!, { mtime, level: 6 }]])));
}
