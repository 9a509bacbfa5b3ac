import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  HeadingNumbering,
  numberingOf,
} from '../../../server/src/engine/import/numberedHeadings.js';

describe('numbered headings', () => {
  it('reads Chinese numerals', () => {
    expect(['一', '九', '十', '十二', '二十', '二十三', '百', '一二'].map(chineseNumeral)).toEqual([
      1,
      9,
      10,
      12,
      20,
      23,
      undefined,
      undefined,
    ]);
  });

  it('knows the numbering styles, and not dates or amounts', () => {
    expect(numberingOf('一、“双层博弈论”：理论的选择与修正')).toEqual({ style: 'cn', numbers: [1] });
    expect(numberingOf('（三）以阿富汗和平进程为基础的理论修正')).toEqual({
      style: 'cn-paren',
      numbers: [3],
    });
    expect(numberingOf('1.2 Data')).toEqual({ style: 'outline', numbers: [1, 2] });
    expect(numberingOf('3. Results')).toEqual({ style: 'decimal', numbers: [3] });
    expect(numberingOf('1988年美国学者普特南')).toBeUndefined();
    expect(numberingOf('2.5万至3万人')).toBeUndefined();
  });

  it('nests styles in the order they appear and gives path ids', () => {
    const n = new HeadingNumbering();
    const heads = [
      '一、理论',
      '（一）选择',
      '（二）框架',
      '1. 细节',
      '二、美国',
      '（一）第一阶段',
      '二、又是二',
    ];
    expect(heads.map((h) => n.next(numberingOf(h)!))).toEqual([
      { level: 2, id: 's1' },
      { level: 3, id: 's1-1' },
      { level: 3, id: 's1-2' },
      { level: 4, id: 's1-2-1' },
      { level: 2, id: 's2' },
      { level: 3, id: 's2-1' },
      { level: 2, id: 's2-b' },
    ]);
  });

  it('puts 1.1 one level below 1.', () => {
    const n = new HeadingNumbering();
    expect(['1. Intro', '1.1 Scope', '1.1.2 Terms', '2. Method'].map((h) => n.next(numberingOf(h)!))).toEqual(
      [
        { level: 2, id: 's1' },
        { level: 3, id: 's1-1' },
        { level: 4, id: 's1-1-2' },
        { level: 2, id: 's2' },
      ],
    );
  });
});
