/**
 * An imported document as a corpus file: YAML front matter, then the blocks as Markdown.
 *
 *     ---
 *     id: "005"
 *     title: "美塔协议签署后的美阿塔三方内部博弈"
 *     authors: []
 *     pages: "47-66"
 *     language: zh-Hans
 *     original:
 *       file: "002_3984c6b6c7c0bc8d.txt"
 *       sha256: "9f2c…"
 *     ---
 *
 *     <!-- page 47 -->
 *
 *     # 美塔协议签署后的美阿塔三方内部博弈
 *
 *     ## 一、“双层博弈论”：理论的选择与修正 {#s1}
 *
 *     …奠定基础。[^47a]但是…
 *
 *     [^47a]: 申玉辉：…
 *
 * Strings are written as JSON strings, which YAML reads as double-quoted scalars; keys with no
 * value are left out (`authors` is always written). `original` is a mapping of the file's name
 * and the SHA-256 of its bytes, so a later re-import can tell whether the original changed.
 */
import type { ImportedBlock, ImportedDoc } from './importedDoc.js';

export interface Original {
  file: string;
  sha256: string;
}

export function toMarkdown(doc: ImportedDoc, id: string, original: Original): string {
  const m = doc.meta;
  const q = (s: string) => JSON.stringify(s);
  const fm = ['---', `id: ${q(id)}`];
  if (m.title) fm.push(`title: ${q(m.title)}`);
  fm.push(m.authors.length ? `authors:\n${m.authors.map((a) => `  - ${q(a)}`).join('\n')}` : 'authors: []');
  for (const key of ['date', 'container', 'pages', 'url', 'language'] as const) {
    const value = m[key];
    if (value) fm.push(`${key}: ${q(value)}`);
  }
  fm.push('original:', `  file: ${q(original.file)}`, `  sha256: ${q(original.sha256)}`, '---');
  const body = doc.blocks.map(blockMarkdown).join('\n\n');
  return `${fm.join('\n')}\n\n${body}\n`;
}

function blockMarkdown(b: ImportedBlock): string {
  const page = b.pageBefore !== undefined ? `<!-- page ${b.pageBefore} -->\n\n` : '';
  switch (b.kind) {
    case 'heading':
      return `${page}${'#'.repeat(b.level ?? 2)} ${b.text}${b.id ? ` {#${b.id}}` : ''}`;
    case 'footnote':
      return `${page}[^${b.label}]: ${b.text}`;
    default:
      return `${page}${b.text}${b.id ? ` ^${b.id}` : ''}`;
  }
}

/** What the CLI prints about a document: pages, sections, footnotes, paragraphs. */
export function summarize(doc: ImportedDoc): {
  pages?: string;
  sections: number;
  footnotes: number;
  paragraphs: number;
} {
  let sections = 0;
  let footnotes = 0;
  let paragraphs = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'heading') sections += (b.level ?? 2) > 1 ? 1 : 0;
    else if (b.kind === 'footnote' || (b.kind === 'markdown' && /^\[\^[^\]\s]+\]:/.test(b.text))) footnotes++;
    else if (b.kind === 'markdown' && /^#{2,6} /.test(b.text)) sections++;
    else paragraphs++;
  }
  return { ...(doc.meta.pages ? { pages: doc.meta.pages } : {}), sections, footnotes, paragraphs };
}
