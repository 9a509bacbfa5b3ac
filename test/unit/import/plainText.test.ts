/**
 * The plain-text importer on small texts written here: a hard-wrapped page pair as a PDF's text
 * layer gives it (running heads, footnotes at the foot, a printed page number, figure residue),
 * and a web copy with one paragraph per line.
 */
import { describe, expect, it } from 'vitest';
import { importPlainText } from '../../../server/src/engine/import/plainText.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';

/** Full lines of the printed width (27 characters), each different (a line printed three times is a running head). */
const W = (n: number) => `这是一个用于测试的句子的长度恰好是二十个字符宽度甲乙${'一二三四五'[n]}`;

describe('importPlainText', () => {
  it('joins a hard-wrapped PDF text, numbers its pages and labels its footnotes by page', () => {
    const text = [
      ' 论双层博弈',
      '… 政治·外交',
      '论双层博弈',
      '一、理论的选择',
      `${W(0)}`,
      `${W(1)}`,
      `${W(2)}a`,
      '短句结束。',
      '（一）竞争性理论',
      `${W(3)}`,
      `${W(4)}`,
      '甲乙丙丁。b本页的最后一行也是满的宽度甲乙丙丁戊己庚',
      'a 申玉辉：《特朗普时期的美塔和谈》，2020年第3期。',
      'b Robert D. Putnam, “Diplomacy and Domestic Politics”, International Organi-',
      'zation, Vol.42, 1988, p.343.',
      '·47·',
      '����',
      '论双层博弈',
      '接上页的文字。a结束。',
      'a Ibid., p.430.',
    ].join('\n');
    const doc = importPlainText(text);
    expect(toMarkdown(doc, '005', { file: 'x.txt', sha256: 'abc' })).toBe(
      [
        '---',
        'id: "005"',
        'title: "论双层博弈"',
        'authors: []',
        'pages: "47-48"',
        'language: "zh-Hans"',
        'original:',
        '  file: "x.txt"',
        '  sha256: "abc"',
        '---',
        '',
        '<!-- page 47 -->',
        '',
        '# 论双层博弈',
        '',
        '## 一、理论的选择 {#s1}',
        '',
        `${W(0)}${W(1)}${W(2)}[^47a]短句结束。`,
        '',
        '[^47a]: 申玉辉：《特朗普时期的美塔和谈》，2020年第3期。',
        '',
        '### （一）竞争性理论 {#s1-1}',
        '',
        `${W(3)}${W(4)}甲乙丙丁。[^47b]本页的最后一行也是满的宽度甲乙丙丁戊己庚<!-- page 48 -->接上页的文字。[^48a]结束。`,
        '',
        '[^47b]: Robert D. Putnam, “Diplomacy and Domestic Politics”, International Organization, Vol.42, 1988, p.343.',
        '',
        '[^48a]: Ibid., p.430.',
        '',
      ].join('\n'),
    );
    expect(Object.fromEntries(doc.dropped)).toEqual({
      'running-head': { count: 3, example: '… 政治·外交' },
      'page-number': { count: 1, example: '·47·' },
      garbage: { count: 1, example: '����' },
    });
  });

  it('reads a web copy one paragraph per line', () => {
    const doc = importPlainText(
      'Quasi Allies\nThe first paragraph, long enough.\n\n![]()\n1. Ukraine\nThe second one.\n',
    );
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Quasi Allies' },
      { kind: 'paragraph', text: 'The first paragraph, long enough.' },
      { kind: 'heading', level: 2, id: 's1', text: '1\\. Ukraine' },
      { kind: 'paragraph', text: 'The second one.' },
    ]);
    expect(doc.meta).toEqual({ authors: [], title: 'Quasi Allies', language: 'en' });
  });

  it('finds headings without numbers in a web copy: short Chinese words before a paragraph', () => {
    // Paragraphs of different lengths: one paragraph per line, not a hard-wrapped text.
    let n = 0;
    const para = () =>
      `在历史上，巴基斯坦长期被视为阿富汗塔利班运动的主要支持者，${'但自那以后'.repeat(++n)}。`;
    const doc = importPlainText(
      [
        '巴阿关系',
        para(),
        '紧张的友谊', // a heading
        para(),
        '外交告败?', // a heading, as a question
        para(),
        '审校|刘深', // a credit: `|`
        para(),
        '丽贝卡·利斯纳(Rebecca Lissner)', // a name: Latin letters, brackets
        para(),
        '编者按：', // ends a clause
        para(),
        '阅读更多', // not before a paragraph
        '相关阅读的链接',
      ].join('\n'),
    );
    expect(
      doc.blocks.map((b) => `${b.kind === 'heading' ? `h${b.level}` : 'p'} ${b.text.slice(0, 5)}`),
    ).toEqual([
      'h1 巴阿关系',
      'p 在历史上，',
      'h2 紧张的友谊',
      'p 在历史上，',
      'h2 外交告败?',
      'p 在历史上，',
      'p 审校|刘深',
      'p 在历史上，',
      'p 丽贝卡·利',
      'p 在历史上，',
      'p 编者按：',
      'p 在历史上，',
      'p 阅读更多',
      'p 相关阅读的',
    ]);
  });
});

describe('front matter written by import', () => {
  it('is read back: original is the file name', async () => {
    const { parseSource } = await import('../../../server/src/engine/corpus/parseSource.js');
    const doc = importPlainText('Quasi Allies\nThe first paragraph.\n');
    const md = toMarkdown(doc, '005', { file: 'web-copy.txt', sha256: 'abc' });
    expect(parseSource('file:///c/005-quasi-allies.md', md).meta).toEqual({
      authors: [],
      editors: [],
      translators: [],
      title: 'Quasi Allies',
      original: 'web-copy.txt',
    });
  });
});
