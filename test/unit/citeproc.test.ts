/**
 * Citations of the bundled 002, 003 and 004 formatted by citeproc-js with the built-in GB/T 7714-2015
 * styles, against strings checked by hand with the standard's patterns: `主要责任者. 题名[文献类型标识].
 * 其他责任者, 译//出版物. 出版者, 年.` (note, 顺序编码制) and `主要责任者, 年. 题名[…]` (author-date).
 * The bundled sources' originals name no journal, volume or URL, so those parts are absent, never
 * invented. Needs the built styles (dist/csl, made by `npm run build`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cslName, cslDate, toCslItem } from '../../server/src/engine/biblio/cslItem.js';
import { formatPaper } from '../../server/src/engine/biblio/formatter.js';
import { patchStyle } from '../../server/src/engine/biblio/stylePatches.js';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CSL = join(REPO, 'dist/csl');
const docs = readdirSync(join(REPO, 'corpus')).map((f) =>
  parseSource(`file:///repo/corpus/${f}`, readFileSync(join(REPO, 'corpus', f), 'utf8')),
);
const items = docs.map(toCslItem);
const style = (id: string) => patchStyle(id, readFileSync(join(CSL, `${id}.csl`), 'utf8'));
const retrieveLocale = (lang: string) => readFileSync(join(CSL, `locales-${lang}.xml`), 'utf8');

function format(id: string, cites: { itemId: string; locator?: string }[]) {
  return formatPaper({ style: style(id), locale: 'zh-CN', retrieveLocale, items, format: 'text' }, cites);
}

describe('CSL items from front matter', () => {
  it('keeps CJK names whole and drops a Latin gloss', () => {
    expect(cslName('兰江')).toEqual({ literal: '兰江' });
    expect(cslName('丽贝卡·利斯纳 (Rebecca Lissner)')).toEqual({ literal: '丽贝卡·利斯纳' });
    expect(cslName('Robert D. Putnam')).toEqual({ family: 'Putnam', given: 'Robert D.' });
    expect(cslName('Putnam, Robert D.')).toEqual({ family: 'Putnam', given: 'Robert D.' });
  });

  it('reads dates as writers write them', () => {
    expect(cslDate('2021-08-15')).toEqual({ 'date-parts': [[2021, 8, 15]] });
    expect(cslDate('2025年11月')).toEqual({ 'date-parts': [[2025, 11]] });
    expect(cslDate('spring 2020')).toEqual({ literal: 'spring 2020' });
  });

  it('makes 002 a journal article on pages 47–66 with its two authors', () => {
    expect(items.find((i) => i.id === '002')).toEqual({
      id: '002',
      type: 'article-journal',
      title: '美塔协议签署后的美阿塔三方内部博弈',
      author: [{ literal: '兰江' }, { literal: '杨秀琴' }],
      page: '47-66',
      language: 'zh-CN',
    });
  });

  it('takes raw CSL fields pasted under csl:', () => {
    const doc = parseSource(
      'file:///c/z.md',
      '---\ntitle: T\ncsl:\n  container-title: 南亚研究季刊\n  issued:\n    date-parts: [[2021, 4]]\n---\n正文。',
    );
    expect(toCslItem(doc)).toMatchObject({
      'container-title': '南亚研究季刊',
      issued: { 'date-parts': [[2021, 4]] },
    });
  });
});

describe('GB/T 7714-2015, note (顺序编码制脚注)', () => {
  const paper = format('china-national-standard-gb-t-7714-2015-note', [
    { itemId: '002', locator: '53–55' },
    { itemId: '002', locator: '54' },
    { itemId: '002', locator: '54' },
    { itemId: '003' },
    { itemId: '004' },
    { itemId: '002', locator: '60' },
  ]);

  it('prints full notes, 同上 for a repeat, and 同N for a later repeat', () => {
    expect(paper.citations).toEqual([
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.',
      '同上: 54.',
      '同上.',
      '丽贝卡·利斯纳. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院, 2025.',
      '朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論. 2025.',
      '同1: 60.',
    ]);
  });

  it('numbers the bibliography in order of first citation', () => {
    expect(paper.bibliography).toEqual([
      '[1] 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
      '[2] 丽贝卡·利斯纳. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院, 2025.',
      '[3] 朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論. 2025.',
    ]);
  });
});

describe('GB/T 7714-2015, author-date (著者-出版年制)', () => {
  const paper = format('china-national-standard-gb-t-7714-2015-author-date', [
    { itemId: '002', locator: '53–55' },
    { itemId: '003' },
    { itemId: '004' },
  ]);

  it('cites the first author and 等 for more, with the year when the source has one', () => {
    // The style puts a no-break space before 等.
    expect(paper.citations).toEqual([
      '(兰江\u00a0等)',
      '(丽贝卡·利斯纳, 2025)',
      '(朱莉安·史密斯\u00a0等, 2025)',
    ]);
  });

  it('lists author, year, title', () => {
    expect(paper.bibliography).toEqual([
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
      '丽贝卡·利斯纳, 2025. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院.',
      '朱莉安·史密斯, 林賽·福特, 2025. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論.',
    ]);
  });
});

describe('engine reuse', () => {
  it('gives the same notes as a fresh engine after formatting other citations', () => {
    const id = 'china-national-standard-gb-t-7714-2015-note';
    const a = [{ itemId: '003' }, { itemId: '003' }, { itemId: '002', locator: '50' }];
    const first = format(id, a);
    format(id, [{ itemId: '002', locator: '47' }, { itemId: '004' }]);
    // One more citation at the end: not in the memo, so the reused engine formats it all again.
    const again = format(id, [...a, { itemId: '004' }]);
    expect(again.citations.slice(0, 3)).toEqual(first.citations);
    expect(first.citations).toEqual([
      '丽贝卡·利斯纳. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院, 2025.',
      '同上.',
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 50.',
    ]);
  });
});
