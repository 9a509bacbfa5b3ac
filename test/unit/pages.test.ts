/**
 * Page marks and page locators: `<!-- page 53 -->` in sources, `[[002#us-phase3@54]]` in drafts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchorPages, citationLocator, documentPages } from '../../server/src/engine/biblio/pages.js';
import { mergeConfig } from '../../server/src/engine/config.js';
import { parsePages, scanCitation } from '../../server/src/engine/drafts/citation.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { checkDraft } from '../../server/src/engine/features/diagnostics.js';
import { createService } from '../../server/src/engine/service.js';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { indexOf, lines, source, withCursor } from '../helpers/engine.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const bundled002 = parseSource(
  'file:///repo/corpus/002-us-taliban-internal-games.md',
  readFileSync(`${REPO}/corpus/002-us-taliban-internal-games.md`, 'utf8'),
);

describe('locator grammar', () => {
  it('reads pages after @, before the label', () => {
    expect(scanCitation('[[002#us-phase3@53-55|第三阶段]]', 0)).toEqual({
      start: 0,
      end: 28,
      closed: true,
      doc: { text: '002', start: 2, end: 5 },
      hash: 5,
      anchor: { text: 'us-phase3', start: 6, end: 15 },
      at: 15,
      locator: { text: '53-55', start: 16, end: 21 },
      pipe: 21,
      label: { text: '第三阶段', start: 22, end: 26 },
    });
    expect(scanCitation('[[002@54]]', 0)).toMatchObject({ doc: { text: '002' }, locator: { text: '54' } });
  });

  it('leaves an @ in the label to the label', () => {
    const c = scanCitation('[[002#a|mail me@home]]', 0)!;
    expect(c.locator).toBeUndefined();
    expect(c.label?.text).toBe('mail me@home');
  });

  it.each([
    ['[[002#a@]]', 'empty-locator'],
    ['[[002#a@p.5]]', 'bad-locator'],
    ['[[002#a@55-53]]', 'bad-locator'],
  ])('%j is malformed: %s', (src, problem) => expect(scanCitation(src, 0)?.problem).toBe(problem));

  it('reads pages, ranges and lists', () => {
    expect(parsePages('54')).toEqual([{ first: 54, last: 54 }]);
    expect(parsePages('53–55')).toEqual([{ first: 53, last: 55 }]);
    expect(parsePages('53, 55-56')).toEqual([
      { first: 53, last: 53 },
      { first: 55, last: 56 },
    ]);
    expect(parsePages('p. 54')).toBeUndefined();
  });
});

describe('page marks', () => {
  const doc = source(
    'paged.md',
    lines(
      '---',
      'pages: "10-12"',
      '---',
      '<!-- page 10 -->',
      '',
      '## 甲 {#a}',
      '',
      '第一段。 ^one',
      '',
      '第二段跨页<!-- page 11 -->到下一页。',
      '',
      '<!-- page 12 -->',
      '',
      '## 乙 {#b}',
      '',
      '第三段。',
    ),
  );

  it('gives each anchor the pages its passage spans', () => {
    const pages = (id: string) => anchorPages(doc, doc.anchorMap.get(id)!);
    expect(pages('a')).toEqual({ first: 10, last: 11 });
    expect(pages('one')).toEqual({ first: 10, last: 10 });
    expect(pages('p2')).toEqual({ first: 10, last: 11 });
    expect(pages('b')).toEqual({ first: 12, last: 12 });
    expect(documentPages(doc)).toEqual({ first: 10, last: 12 });
  });

  it('keeps the marks out of the passage text', () => {
    expect(doc.blocks.find((b) => b.text.startsWith('第二段'))?.text).toBe('第二段跨页到下一页。');
  });

  it('computes a locator, and lets the writer override it', () => {
    const a = doc.anchorMap.get('a')!;
    expect(citationLocator(doc, a, undefined)).toEqual({
      pages: [{ first: 10, last: 11 }],
      text: '10–11',
      written: false,
    });
    expect(citationLocator(doc, a, '12')).toEqual({
      pages: [{ first: 12, last: 12 }],
      text: '12',
      written: true,
    });
    expect(citationLocator(doc, undefined, undefined)).toBeUndefined();
  });

  it('says nothing of pages in a source without marks', () => {
    const plain = source('plain.md', '## 甲 {#a}\n\n段落。');
    expect(anchorPages(plain, plain.anchorMap.get('a')!)).toBeUndefined();
    expect(documentPages(plain)).toBeUndefined();
  });
});

describe('the bundled 002, a journal article on pages 47–66', () => {
  const pages = (id: string) => anchorPages(bundled002, bundled002.anchorMap.get(id)!);

  it('knows the pages of its sections and paragraphs', () => {
    expect(documentPages(bundled002)).toEqual({ first: 47, last: 66 });
    expect(pages('abstract')).toEqual({ first: 47, last: 47 });
    expect(pages('theory-framework')).toEqual({ first: 47, last: 48 });
    expect(pages('us-phase3')).toEqual({ first: 53, last: 55 });
    expect(pages('conclusion')).toEqual({ first: 65, last: 66 });
  });

  it('has a page mark for every page from 47 to 66, in order', () => {
    const text = readFileSync(`${REPO}/corpus/002-us-taliban-internal-games.md`, 'utf8');
    const marks = [...text.matchAll(/<!-- page (\d+) -->/g)].map((m) => Number(m[1]));
    expect(marks).toEqual(Array.from({ length: 20 }, (_, i) => 47 + i));
  });
});

describe('002 as printed: the PDF’s U+2026 are spaces again', () => {
  const service = createService(indexOf(bundled002));
  // Each place where the PDF text had `…` for a space, quoted as the printed page reads.
  const PRINTED = [
    '普特南（Robert D. Putnam）提出双层博弈模式',
    '第一层次是国际博弈（Level Ⅰ）：谈判者讨价还价',
    '第二层次是国内博弈（Level Ⅱ），主要涉及国际谈判前的协商与谈判前后的批准',
    '美国驻中东部队指挥官麦肯齐（Frank McKenzie）将军',
    '驻阿富汗联军指挥官米勒（Scott Miller）将军',
    '参谋长联席会议主席米利（Mark Milley）将军',
    '中情局长伯恩斯（William Burns）在参议院情报委员会',
    '众议院议长佩洛西（Nancy Pelosi）立即表达支持',
    '参议院多数党（民主党）领袖舒默（Chuck Schumer）在参议院',
    '国家安全事务顾问苏利文（Jake Sullivan）接受美',
    '从 73个增加到 221个区',
    '中央司令部司令麦肯齐（Frank McKenzie）将军在喀布',
    '英国皇家联合军种研究所的尼克雷诺兹（Nick Reynolds）认为',
    '第一副总统萨利赫（Amrullah Saleh）认为',
    '拉巴尼（Salahuddin Rabbani）批评加尼',
    '1.美国主导和谈，撤军；2. 美国主导和谈，不撤军',
    '从 2月21日午夜开始的暴力',
  ];

  it.each(PRINTED)('verifies “%s”', (quote) => {
    const draft = parseDraft(`“${quote}”[[002]]`);
    expect(checkDraft(draft, service.index, mergeConfig(), service.quotes)).toEqual([]);
    expect(bundled002.blocks.some((b) => b.text.includes('…') && !b.text.includes('……'))).toBe(false);
  });
});

describe('page diagnostics', () => {
  const service = createService(indexOf(bundled002));
  const check = (text: string) => checkDraft(parseDraft(text), service.index, mergeConfig());

  it('accepts pages inside the source', () => {
    expect(check('见[[002#us-phase3@54]]与[[002@47-66]]。')).toEqual([]);
  });

  it('reports a page outside the source, on the locator', () => {
    expect(check('见[[002#us-phase3@99]]。')).toEqual([
      {
        range: { start: { line: 0, character: 17 }, end: { line: 0, character: 19 } },
        severity: 'error',
        code: 'page-out-of-range',
        message:
          'Page 99 in [[002#us-phase3@99]] is not in document 002 (美塔协议签署后的美阿塔三方内部博弈), which has pages 47–66.',
        citation: '002#us-phase3',
      },
    ]);
  });

  it('reports a locator that is not pages as malformed', () => {
    expect(check('[[002#us-phase3@p.5]]')).toMatchObject([{ code: 'malformed-citation' }]);
  });

  it('completes the pages of the cited passage after @', () => {
    const { text, position } = withCursor('见[[002#us-phase3@$0');
    const list = service.completion.provideCompletion(parseDraft(text), position)!;
    expect(
      list.items.map((i) => [
        i.label,
        i.detail,
        i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : '',
      ]),
    ).toEqual([
      ['53-55', 'the pages of [[002#us-phase3]]', '53-55]]'],
      ['53', 'page 53 of [[002#us-phase3]]', '53]]'],
      ['54', 'page 54 of [[002#us-phase3]]', '54]]'],
      ['55', 'page 55 of [[002#us-phase3]]', '55]]'],
    ]);
  });

  it('shows the pages in the hover', () => {
    const hover = (t: string) => {
      const { text, position } = withCursor(t);
      const h = service.hover.provideHover(parseDraft(text), position)!;
      return (h.contents as { value: string }).value.split('\n\n')[1];
    };
    expect(hover('[[002#us-p$0hase3]]')).toBe(
      '002\\#us\\-phase3 · （三）美国重启撤军至塔利班重返执政的美国内部博弈 · pp. 53–55',
    );
    expect(hover('[[002#us-p$0hase3@54]]')).toBe(
      '002\\#us\\-phase3 · （三）美国重启撤军至塔利班重返执政的美国内部博弈 · cited at p. 54 (the passage is on pp. 53–55)',
    );
  });
});
