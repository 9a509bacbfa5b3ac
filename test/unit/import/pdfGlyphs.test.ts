/**
 * The characters of PDF text items (`pdfGlyphs.ts`) and the labels of roman-numbered front matter
 * (`pdfFolios.ts`), over in-memory items and numbers.
 */
import { describe, expect, it } from 'vitest';
import { importPdfPages, pageLines, type PdfItem } from '../../../server/src/engine/import/pdf.js';
import { pageLabels, romanFolioOf, toRoman } from '../../../server/src/engine/import/pdfFolios.js';
import {
  countGlyphs,
  emptyGlyphCount,
  isUndecodable,
  normalizeGlyphs,
  pageList,
  readGlyphs,
} from '../../../server/src/engine/import/pdfGlyphs.js';

const item = (text: string, y: number, width = 300): PdfItem => ({ text, x: 72, y, width, size: 10 });

describe('normalizeGlyphs', () => {
  it.each([
    ['ﬁnd the ﬂow, ﬀ ﬃ ﬄ ﬅ ﬆ', 'find the flow, ff ffi ffl st st'],
    ['non\u2011breaking and \u2010hyphen', 'non-breaking and -hyphen'],
    ['co\u00adoperation', 'cooperation'],
    ['organi\u00ad', 'organi-'],
    ['（一）美国、“撤军派”：１２３，ＡＢＣ', '（一）美国、“撤军派”：１２３，ＡＢＣ'],
  ])('%j → %j', (text, normal) => expect(normalizeGlyphs(text)).toBe(normal));
});

describe('undecodable text', () => {
  const count = (...texts: string[]) => {
    const c = emptyGlyphCount();
    for (const t of texts) countGlyphs(t, c);
    return c;
  };

  it('counts characters, control characters and private-use ones, whitespace aside', () => {
    expect(count('AMi`Q/m+iBQM', 'Z\u001cb \t\n\u3000', '\ue000\ufffd\u{f0001}')).toEqual({
      chars: 18,
      controls: 1,
      unmapped: 3,
    });
  });

  it.each([
    [
      'glyph numbers with control characters (Latin Modern, Identity-H)',
      ['ZmQi\u001ciBQM Bb QMHv \u001cb i`m2'],
      true,
    ],
    ['mostly private use', ['\ue001\ue002\ue003 ab'], true],
    [
      'text with a few symbol-font bullets',
      ['\uf0b7 Quotation is only as true as the text behind it.'],
      false,
    ],
    ['one control character in a long page', [`${'word '.repeat(100)}\u0003`], false],
    [
      'Chinese',
      ['美塔协议签署后，阿富汗和平进程深受美国、阿富汗政府与塔利班三个行为体各自内部博弈的影响。'],
      false,
    ],
    ['nothing', [], false],
  ])('%s: %s', (_name, texts, undecodable) => expect(isUndecodable(count(...texts))).toBe(undecodable));

  it('reads a page of items that hold only spaces as decoding to nothing, and no items as no text', () => {
    expect(readGlyphs([item(' ', 700), item(' ', 680), item('  ', 660)]).undecodable).toBe(true);
    expect(readGlyphs([]).undecodable).toBe(false);
  });

  it('lists pages in runs', () => {
    expect(pageList([1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7–8');
    expect(pageList([4])).toBe('4');
  });
});

describe('a paragraph whose items carry ligatures and hyphens', () => {
  it('is joined with the word broken at the soft hyphen made whole', () => {
    const { items } = readGlyphs([
      item('The ﬁrst organi\u00ad', 700, 400),
      item('zation uses a non\u2011breaking hyphen and co\u00adoperation.', 688, 260),
    ]);
    const outcome = importPdfPages({ pages: [pageLines(items)] }, 'a.pdf');
    expect(outcome.ok && outcome.doc.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'The first organization uses a non-breaking hyphen and cooperation.',
        pageBefore: 1,
      },
    ]);
  });
});

describe('roman folios', () => {
  it.each([
    ['iv', 4],
    ['xii', 12],
    ['XIV', 14],
    ['- ix -', 9],
    ['· xl ·', 40],
    ['iiii', undefined],
    ['Iv', undefined],
    ['vivid', undefined],
    ['12', undefined],
    ['', undefined],
  ])('%j → %s', (line, value) => expect(romanFolioOf(line)).toBe(value));

  it('writes numbers in roman', () => {
    expect([1, 4, 9, 14, 40, 90, 1999].map((n) => toRoman(n))).toEqual([
      'i',
      'iv',
      'ix',
      'xiv',
      'xl',
      'xc',
      'mcmxcix',
    ]);
    expect(toRoman(12, true)).toBe('XII');
  });

  it('labels front matter by its roman folios and the rest by its Arabic numbers', () => {
    // An unnumbered title page, ii, iii, then 1–3 printed: the offset alone gives -2 … 3.
    const r = (value: number) => ({ value, upper: false });
    expect(
      pageLabels([-2, -1, 0, 1, 2, 3], [undefined, r(2), r(3), undefined, undefined, undefined]),
    ).toEqual(['i', 'ii', 'iii', 1, 2, 3]);
    // No roman folio printed: front pages have no label; a stray roman on an Arabic page is not believed.
    expect(pageLabels([-1, 0, 1, 2], [undefined, undefined, r(100), undefined])).toEqual([
      undefined,
      undefined,
      1,
      2,
    ]);
    expect(pageLabels([0, 1], [{ value: 4, upper: true }, undefined])).toEqual(['IV', 1]);
  });
});
