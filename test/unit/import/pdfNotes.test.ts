/**
 * Footnote markers as journals print them, read as one canonical marker, and a page whose text
 * marks its notes `➀` (how a common CJK font encodes `①`) while the note itself says `①`; and
 * two columns each with notes at their own foot. Pages are made of pdf.js-like items (x, y,
 * width, size), as `node/pdfText.ts` hands them over.
 */
import { describe, expect, it } from 'vitest';
import { importPdfPages, pageLines, type PdfItem } from '../../../server/src/engine/import/pdf.js';
import { canonicalMarker } from '../../../server/src/engine/import/pdfNotes.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';

describe('canonical footnote markers', () => {
  it.each([
    ['①', '1'],
    ['⑳', '20'],
    ['⑴', '1'],
    ['⑿', '12'],
    ['❶', '1'],
    ['❿', '10'],
    ['➀', '1'],
    ['➉', '10'],
    ['➊', '1'],
    ['¹', '1'],
    ['¹²', '12'],
    ['[3]', '3'],
    ['3)', '3'],
    ['3.', '3'],
    ['*', '*'],
    ['†', '†'],
    ['a', 'a'],
  ])('%s → %s', (marker, canonical) => expect(canonicalMarker(marker)).toBe(canonical));
});

/** An item of CJK text, a character as wide as the font size, or `width` wide (justified). */
const cjk = (text: string, x: number, y: number, size = 10, width = [...text].length * size): PdfItem => ({
  text,
  x,
  y,
  width,
  size,
});

describe('footnotes linked by their canonical marker', () => {
  it('links a text marker ➀ to the note ①, raised or not', () => {
    const body = '美塔协议签署后国内外学者已经对美阿塔博弈进行大量研究';
    const page: PdfItem[] = [
      cjk(body, 72, 700, 10, 280),
      cjk('为后续研究奠定基础。', 72, 686),
      { text: '➀', x: 172, y: 690, width: 6, size: 6 },
      cjk('但是既有研究关注美塔博弈较多。', 178, 686, 10, 174),
      cjk('对三方各自内部博弈关注不足实际上美阿塔三方外部博弈的政策', 72, 672, 10, 280),
      cjk('均为各自内部博弈的结果。', 72, 658),
      cjk('②同上书，第89页。', 72, 100, 7),
      cjk('①申玉辉：《特朗普时期的美塔和谈》，2020年第3期。', 72, 112, 7),
    ];
    const r = importPdfPages({ pages: [pageLines(page)] }, 'notes.pdf');
    if (!r.ok) throw new Error(r.message);
    const md = toMarkdown(r.doc, '900', { file: 'notes.pdf', sha256: '0' });
    expect(md.slice(md.indexOf('<!-- page 1 -->'))).toBe(
      [
        '<!-- page 1 -->',
        '',
        `${body}为后续研究奠定基础。[^1a]但是既有研究关注美塔博弈较多。对三方各自内部博弈关注不足实际上美阿塔三方外部博弈的政策均为各自内部博弈的结果。`,
        '',
        '[^1a]: 申玉辉：《特朗普时期的美塔和谈》，2020年第3期。',
        '',
        '[^1b]: 同上书，第89页。',
        '',
      ].join('\n'),
    );
    expect(r.doc.layout).toMatchObject({ footnotes: 1, unlinked: 1 });
  });
});
