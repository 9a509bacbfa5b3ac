/**
 * Reads a Markdown body into blocks with `markdown-it`'s token stream (about 10 MB/s here; the
 * token `map` gives each block's lines). Footnote definitions stay where they are written
 * (the plugin's "move to the end" rule is off), so a footnote belongs to the section it sits in.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { BLOCK_ID_SUFFIX, HEADING_ATTRIBUTES, idInAttributes } from './anchorSyntax.js';
import { lastPageIn } from './pageMarks.js';
import { plainInline } from './plainInline.js';
import type { Block } from './sourceDoc.js';

/** A block as read, before anchors are assigned. Lines are relative to the body. */
export interface RawBlock extends Block {
  /** `{#id}` of a heading or ` ^id` of a paragraph. */
  explicitId?: string;
  /** Label of a footnote definition (`48a` for `[^48a]: …`). */
  footnoteLabel?: string;
}

let parser: ReturnType<typeof MarkdownIt> | undefined;

function markdown_(): ReturnType<typeof MarkdownIt> {
  if (!parser) {
    // plainInline last: it acts only while the inline rules are the ones it knows.
    parser = new MarkdownIt({ html: true, linkify: false }).use(footnote).use(plainInline);
    parser.core.ruler.disable(['footnote_tail']);
  }
  return parser;
}

export function markdownBlocks(body: string): RawBlock[] {
  const tokens = markdown_().parse(body, {});
  const blocks: RawBlock[] = [];
  let footnoteLabel: string | undefined;
  // The page in effect, from the last page mark read (`<!-- page 53 -->`); see pageMarks.ts.
  let page: number | undefined;
  const pushBlock = (b: RawBlock, inline?: Token) => {
    if (page !== undefined) b.pageStart = page;
    if (inline) page = lastPageMark(inline.children ?? [], page);
    if (page !== undefined) b.pageEnd = page;
    blocks.push(b);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'footnote_reference_open':
        footnoteLabel = String((t.meta as { label?: string }).label ?? '');
        break;
      case 'footnote_reference_close':
        footnoteLabel = undefined;
        break;
      case 'heading_open': {
        const inline = tokens[i + 1];
        if (!t.map || inline?.type !== 'inline') break;
        pushBlock(heading(t, inline), inline);
        i++;
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (!t.map || inline?.type !== 'inline') break;
        pushBlock(paragraph(t.map, inline, footnoteLabel), inline);
        i++;
        break;
      }
      case 'fence':
      case 'code_block':
        if (t.map) pushBlock({ kind: 'code', startLine: t.map[0], endLine: t.map[1], text: t.content.trimEnd() });
        break;
      case 'html_block':
        if (t.map) {
          const text = stripTags(t.content).trim();
          if (text) pushBlock({ kind: 'other', startLine: t.map[0], endLine: t.map[1], text });
          page = lastPageIn(t.content) ?? page;
        }
        break;
      case 'inline':
        // Inline content outside headings and paragraphs: table cells.
        if (t.map) pushBlock({ kind: 'other', startLine: t.map[0], endLine: t.map[1], text: inlineText(t.children ?? []) }, t);
        break;
    }
  }
  mergeTableCells(blocks);
  return blocks;
}

function heading(open: Token, inline: Token): RawBlock {
  let text = inlineText(inline.children ?? []);
  let explicitId: string | undefined;
  const attributes = HEADING_ATTRIBUTES.exec(text);
  if (attributes) {
    explicitId = idInAttributes(attributes[1]!);
    if (explicitId !== undefined) text = text.slice(0, attributes.index);
  }
  const block: RawBlock = {
    kind: 'heading',
    startLine: open.map![0],
    endLine: open.map![1],
    text: text.trim(),
    level: Number(open.tag.slice(1)),
  };
  if (explicitId !== undefined) block.explicitId = explicitId;
  return block;
}

function paragraph(map: [number, number], inline: Token, footnoteLabel: string | undefined): RawBlock {
  let text = inlineText(inline.children ?? []);
  let explicitId: string | undefined;
  // Most paragraphs have no `^` at all: the expression is not run for them.
  const suffix = footnoteLabel === undefined && text.includes('^') ? BLOCK_ID_SUFFIX.exec(text) : null;
  if (suffix) {
    explicitId = suffix[1]!;
    text = text.slice(0, suffix.index);
  }
  const block: RawBlock = {
    kind: footnoteLabel === undefined ? 'paragraph' : 'footnote',
    startLine: map[0],
    endLine: map[1],
    text: text.trim(),
  };
  if (explicitId !== undefined) block.explicitId = explicitId;
  if (footnoteLabel !== undefined) block.footnoteLabel = footnoteLabel;
  return block;
}

/**
 * The rendered text of a Markdown fragment, paragraph by paragraph: what a reader sees, without
 * `>` markers, list bullets, emphasis marks or link syntax. Example: `> - **甲**乙\n>\n> [丙](x)`
 * → ['甲乙', '丙'].
 */
export function renderedParagraphs(markdown: string): string[] {
  const out: string[] = [];
  for (const t of markdown_().parse(markdown, {})) {
    if (t.type === 'inline') {
      const text = inlineText(t.children ?? []).trim();
      if (text) out.push(text);
    }
  }
  return out;
}

/** The rendered text of inline Markdown (one line of prose): `**甲**[乙](x)` → `甲乙`. */
export function renderedInline(markdown: string): string {
  return inlineText(markdown_().parseInline(markdown, {})[0]?.children ?? []);
}

/** Plain text of inline tokens: text and code kept, markup, HTML tags and footnote markers dropped. */
export function inlineText(children: readonly Token[]): string {
  let out = '';
  for (const c of children) {
    switch (c.type) {
      case 'text':
      case 'code_inline':
        out += c.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += inlineText(c.children ?? []);
        break;
      default:
        break;
    }
  }
  return out;
}

/** The page after the page marks among inline tokens (`…<!-- page 48 -->…`), else `page`. */
function lastPageMark(children: readonly Token[], page: number | undefined): number | undefined {
  let p = page;
  for (const c of children) if (c.type === 'html_inline') p = lastPageIn(c.content) ?? p;
  return p;
}

/**
 * Inline HTML without its tags and comments. A scan, not `/<[^>]*>/g`: a line of 50,000 `<` with
 * no `>` would make the expression try every `<` to the end of the text.
 */
export function stripTags(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const commentEnd = html.startsWith('<!--', lt) ? html.indexOf('-->', lt + 4) : -1;
    const end = commentEnd !== -1 ? commentEnd + 3 : html.indexOf('>', lt + 1) + 1;
    if (end === 0) break;
    out += html.slice(i, lt);
    i = end;
  }
  return out + html.slice(i);
}

/** A table's cells arrive one `inline` token each; join the cells of a table into one block per row. */
function mergeTableCells(blocks: RawBlock[]): void {
  for (let i = blocks.length - 1; i > 0; i--) {
    const a = blocks[i - 1]!;
    const b = blocks[i]!;
    if (a.kind === 'other' && b.kind === 'other' && a.startLine === b.startLine && a.endLine === b.endLine) {
      a.text = `${a.text}\t${b.text}`;
      blocks.splice(i, 1);
    }
  }
}
