import { describe, expect, it } from 'vitest';
import { idFromFileName, parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { passageText } from '../../server/src/engine/corpus/sourceDoc.js';
import { lines, source } from '../helpers/engine.js';

const PAPER = lines(
  '---',
  'id: "002"',
  'title: 美塔协议签署后的美阿塔三方内部博弈',
  'authors: [兰江, 杨秀琴]',
  'date: 2022-06',
  'language: zh-Hans',
  '---',
  '# 美塔协议签署后的美阿塔三方内部博弈',
  '',
  '摘要：美塔协议签署后，阿富汗和平进程深受影响。 ^abstract',
  '',
  '## 二、“撤军”还是“驻军”：美国内部博弈 {#us}',
  '',
  '美国内部博弈在两派间展开。',
  '',
  '### （一）第一阶段 {#us-phase1}',
  '',
  '第一阶段的博弈[^48a]。',
  '',
  '[^48a]: 申玉辉：《特朗普时期的美塔和谈》。',
  '',
  '### （三）第三阶段',
  '',
  '**撤军派**胜出。',
  '',
  '## 三、阿富汗政府',
  '',
  '抵抗派胜出。',
);

describe('parseSource: Markdown', () => {
  const doc = source('002-paper.md', PAPER);

  it('reads the front matter into the id and metadata', () => {
    expect(doc.id).toBe('002');
    expect(doc.meta).toEqual({
      title: '美塔协议签署后的美阿塔三方内部博弈',
      authors: ['兰江', '杨秀琴'],
      editors: [],
      translators: [],
      date: '2022-06',
      language: 'zh-Hans',
    });
    expect(doc.problems).toEqual([]);
  });

  it('lists every anchor in document order, with kinds and names', () => {
    expect(doc.anchors.map((a) => [a.id, a.kind, a.name])).toEqual([
      ['美塔协议签署后的美阿塔三方内部博弈', 'slug', '美塔协议签署后的美阿塔三方内部博弈'],
      ['abstract', 'block', '摘要：美塔协议签署后，阿富汗和平进程深受影响。'],
      ['p1', 'paragraph', '摘要：美塔协议签署后，阿富汗和平进程深受影响。'],
      ['us', 'heading', '二、“撤军”还是“驻军”：美国内部博弈'],
      ['p2', 'paragraph', '美国内部博弈在两派间展开。'],
      ['us-phase1', 'heading', '（一）第一阶段'],
      ['p3', 'paragraph', '第一阶段的博弈。'],
      ['fn-48a', 'footnote', '申玉辉：《特朗普时期的美塔和谈》。'],
      ['三第三阶段', 'slug', '（三）第三阶段'],
      ['p4', 'paragraph', '撤军派胜出。'],
      ['三阿富汗政府', 'slug', '三、阿富汗政府'],
      ['p5', 'paragraph', '抵抗派胜出。'],
    ]);
  });

  it('gives the exact range of a written id, CJK before it included', () => {
    const us = doc.anchorMap.get('us')!;
    // `## 二、“撤军”还是“驻军”：美国内部博弈 {#us}` is line 11; `us` starts after `{#`.
    expect(us.idRange).toEqual({ start: { line: 11, character: 25 }, end: { line: 11, character: 27 } });
    expect(PAPER.split('\n')[11]!.slice(25, 27)).toBe('us');
    expect(us.range).toEqual({ start: { line: 11, character: 0 }, end: { line: 11, character: 28 } });
    const abstract = doc.anchorMap.get('abstract')!;
    expect(abstract.idRange).toEqual({ start: { line: 9, character: 25 }, end: { line: 9, character: 33 } });
    expect(PAPER.split('\n')[9]!.slice(25, 33)).toBe('abstract');
  });

  it('runs a heading passage to the next heading of the same or a higher level', () => {
    expect(passageText(doc, doc.anchorMap.get('us'))).toBe(
      lines(
        '美国内部博弈在两派间展开。',
        '',
        '（一）第一阶段',
        '',
        '第一阶段的博弈。',
        '',
        '申玉辉：《特朗普时期的美塔和谈》。',
        '',
        '（三）第三阶段',
        '',
        '撤军派胜出。',
      ),
    );
    expect(passageText(doc, doc.anchorMap.get('us-phase1'))).toBe(
      '第一阶段的博弈。\n\n申玉辉：《特朗普时期的美塔和谈》。',
    );
  });

  it('keeps ^id, footnote markers and emphasis out of passage text', () => {
    expect(passageText(doc, doc.anchorMap.get('abstract'))).toBe(
      '摘要：美塔协议签署后，阿富汗和平进程深受影响。',
    );
    expect(passageText(doc, doc.anchorMap.get('p4'))).toBe('撤军派胜出。');
  });

  it('reports an id defined twice, on the second definition', () => {
    const dup = source('x.md', lines('## A {#a}', '', 'text ^a', '', 'more ^b', '', '## B {#b}'));
    expect(dup.problems.map((p) => [p.code, p.anchor, p.range.start.line])).toEqual([
      ['duplicate-anchor', 'a', 2],
      ['duplicate-anchor', 'b', 6],
    ]);
    expect(dup.anchorMap.get('a')!.kind).toBe('heading');
    // The citation it names carries the document id, here from the file name.
    const named = source('005-notes.md', lines('## A {#a}', '', 'text ^a'));
    expect(named.problems[0]!.message).toBe(
      "Anchor 'a' is already defined on line 1; citations of [[005#a]] go to the first one. Rename one of them.",
    );
  });

  it('makes GitHub slugs, numbering repeated headings', () => {
    const d = source('x.md', lines('# Hello World!', '## 背景', '## 背景', '## Über Café'));
    expect(d.anchors.map((a) => a.id)).toEqual(['hello-world', '背景', '背景-1', 'über-café']);
  });

  it('lets an explicit id win over a paragraph number, and says so', () => {
    const d = source('x.md', lines('one', '', '## Two {#p1}', '', 'three'));
    expect(d.anchorMap.get('p1')!.kind).toBe('heading');
    expect(d.problems.map((p) => p.code)).toEqual(['duplicate-anchor']);
  });

  it('reports invalid front matter and still indexes the body', () => {
    const d = source('007-x.md', lines('---', 'title: [unclosed', '---', '', 'body'));
    expect(d.id).toBe('007');
    expect(d.problems.map((p) => p.code)).toEqual(['invalid-front-matter']);
    expect(d.anchors.map((a) => a.id)).toEqual(['p1']);
  });

  it('reads CRLF files with the same lines', () => {
    const d = source('x.md', '# T {#t}\r\n\r\npara ^b\r\n');
    expect(d.anchorMap.get('b')!.idRange).toEqual({
      start: { line: 2, character: 6 },
      end: { line: 2, character: 7 },
    });
  });
});

describe('parseSource: plain text', () => {
  it('numbers blank-line separated paragraphs', () => {
    const d = parseSource('file:///w/corpus/010_abc.txt', 'first line\nwraps here\n\nsecond\n');
    expect(d.id).toBe('010');
    expect(d.format).toBe('text');
    expect(d.anchors.map((a) => [a.id, passageText(d, a)])).toEqual([
      ['p1', 'first line\nwraps here'],
      ['p2', 'second'],
    ]);
  });

  it('reads a file without blank lines one paragraph per line', () => {
    const d = parseSource('file:///w/corpus/notes.txt', '甲。\n乙。\n丙。');
    expect(d.id).toBe('notes');
    expect(d.anchors.map((a) => a.id)).toEqual(['p1', 'p2', 'p3']);
    expect(d.anchorMap.get('p3')!.range).toEqual({
      start: { line: 2, character: 0 },
      end: { line: 2, character: 2 },
    });
  });
});

describe('idFromFileName', () => {
  it.each([
    ['002_3984c6b6c7c0bc8d.txt', '002'],
    ['002-us-taliban.md', '002'],
    ['notes.v2.md', 'notes.v2'],
    ['资料.md', '资料'],
  ])('%s → %s', (name, id) => expect(idFromFileName(name)).toBe(id));
});
