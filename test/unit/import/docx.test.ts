/**
 * The Word importer on documents made here with the `docx` library: headings, paragraphs, a
 * bulleted list and footnotes become Markdown (footnotes as `[^1]`); the file's properties give
 * the title and author; an empty document is refused.
 */
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../server/src/engine/corpus/parseSource.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';
import { importFile } from '../../../server/src/node/importFile.js';

async function docxOf(
  children: Paragraph[],
  footnotes: Record<number, string> = {},
  title?: string,
): Promise<Uint8Array> {
  const doc = new Document({
    ...(title ? { title, creator: '兰江' } : {}),
    footnotes: Object.fromEntries(
      Object.entries(footnotes).map(([n, t]) => [n, { children: [new Paragraph(t)] }]),
    ),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('importing a Word file', () => {
  it('keeps headings, paragraphs, lists and footnotes', async () => {
    const bytes = await docxOf(
      [
        new Paragraph({ text: '美塔协议签署后的美阿塔三方内部博弈', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ text: '一、理论的选择', heading: HeadingLevel.HEADING_2 }),
        new Paragraph({
          children: [
            new TextRun('为后续研究奠定基础。'),
            new FootnoteReferenceRun(1),
            new TextRun('但是既有研究关注不足。'),
          ],
        }),
        new Paragraph({ text: '撤军派', bullet: { level: 0 } }),
        new Paragraph({ text: '驻军派', bullet: { level: 0 } }),
        new Paragraph({ children: [new TextRun('见 Putnam 的研究。'), new FootnoteReferenceRun(2)] }),
      ],
      {
        1: '申玉辉：《特朗普时期的美塔和谈与阿富汗政治和解》。',
        2: 'Robert D. Putnam, “Two-Level Games”, 1988, p.343.',
      },
      '美塔协议签署后的美阿塔三方内部博弈',
    );
    const outcome = await importFile('paper.docx', bytes);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const md = toMarkdown(outcome.doc, '005', { file: 'paper.docx', sha256: '0' });
    expect(md.slice(md.indexOf('---\n\n') + 5)).toBe(
      [
        '# 美塔协议签署后的美阿塔三方内部博弈',
        '',
        '## 一、理论的选择',
        '',
        '为后续研究奠定基础。[^1]但是既有研究关注不足。',
        '',
        '-   撤军派',
        '-   驻军派',
        '',
        '见 Putnam 的研究。[^2]',
        '',
        '[^1]: 申玉辉：《特朗普时期的美塔和谈与阿富汗政治和解》。',
        '',
        '[^2]: Robert D. Putnam, “Two-Level Games”, 1988, p.343.',
        '',
      ].join('\n'),
    );
    expect(outcome.doc.meta).toEqual({
      authors: ['兰江'],
      title: '美塔协议签署后的美阿塔三方内部博弈',
      language: 'zh-Hans',
    });
    const parsed = parseSource('file:///c/005.md', md);
    expect(parsed.anchors.filter((a) => a.kind === 'footnote').map((a) => a.id)).toEqual(['fn-1', 'fn-2']);
  });

  it('refuses an empty document and a file that is not a docx', async () => {
    expect(await importFile('empty.docx', await docxOf([new Paragraph('')]))).toEqual({
      ok: false,
      message: "'empty.docx' has no text to import (an empty document?)",
    });
    const notZip = await importFile('fake.docx', new TextEncoder().encode('not a zip file at all'));
    expect(notZip.ok).toBe(false);
    expect(!notZip.ok && notZip.message.startsWith("cannot read 'fake.docx' as a Word file: ")).toBe(true);
  });
});
