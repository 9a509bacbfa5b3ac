/**
 * Pandoc citations in drafts (`[@002, p. 54]`): parsed into the same citations as `[[002@54]]`,
 * so diagnostics, hover and definition treat both syntaxes alike.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../server/src/engine/config.js';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { checkDraft } from '../../server/src/engine/features/diagnostics.js';
import { styleDraft, type LoadedStyle } from '../../server/src/engine/export/paper.js';
import { printedLine, provideInlayHints } from '../../server/src/engine/features/inlayHints.js';
import { paperTable } from '../../server/src/engine/features/paperTable.js';
import { sourcesReport } from '../../server/src/engine/features/sourcesReport.js';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { citationsPlugin } from '../../server/src/engine/drafts/markdownItCitations.js';
import { createService } from '../../server/src/engine/service.js';
import { indexOf, lines, withCursor } from '../helpers/engine.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const bundled002 = parseSource(
  'file:///repo/corpus/002-us-taliban-internal-games.md',
  readFileSync(`${REPO}/corpus/002-us-taliban-internal-games.md`, 'utf8'),
);
const service = createService(indexOf(bundled002));
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});
/** What a test compares: where each citation is, and what it cites. */
const brief = (text: string) =>
  parseDraft(text).citations.map((c) => ({
    raw: c.raw,
    range: c.range,
    target: c.target,
    docRange: c.docRange,
    locator: c.locator?.text,
    locatorRange: c.locatorRange,
    pandoc: c.pandoc,
  }));

describe('Pandoc citations in a draft', () => {
  it('makes each item of a bracket a citation, with ranges for the item, the key and the pages', () => {
    expect(brief('见[[002#a]]与[see @lan2022, p. 54; @qian2021, chap. 2]。')).toEqual([
      {
        raw: '[[002#a]]',
        range: at(0, 1, 10),
        target: '002#a',
        docRange: at(0, 3, 6),
        locator: undefined,
        locatorRange: undefined,
        pandoc: undefined,
      },
      {
        raw: 'see @lan2022, p. 54',
        range: at(0, 12, 31),
        target: 'lan2022',
        docRange: at(0, 17, 24),
        locator: '54',
        locatorRange: at(0, 29, 31),
        pandoc: {
          clusterStart: 11,
          clusterEnd: 52,
          inText: false,
          suppressAuthor: false,
          prefix: 'see',
          suffix: 'p. 54',
        },
      },
      {
        raw: '@qian2021, chap. 2',
        range: at(0, 33, 51),
        target: 'qian2021',
        docRange: at(0, 34, 42),
        locator: undefined,
        locatorRange: undefined,
        pandoc: { clusterStart: 11, clusterEnd: 52, inText: false, suppressAuthor: false, suffix: 'chap. 2' },
      },
    ]);
  });

  it('reads a one-item bracket with its brackets, -@, @{…} and @key [pp. …] in the text', () => {
    expect(
      brief('[-@002] @{odd key} @002 [pp. 53–55] and [@002, 54]').map((c) => [c.raw, c.range, c.locator]),
    ).toEqual([
      ['[-@002]', at(0, 0, 7), undefined],
      ['@{odd key}', at(0, 8, 18), undefined],
      ['@002 [pp. 53–55]', at(0, 19, 35), '53–55'],
      ['[@002, 54]', at(0, 40, 50), '54'],
    ]);
  });

  it('reads none in code, in e-mail addresses, after a backslash, or as a link text', () => {
    const text = lines(
      '`[@a]` and ``x [@b] y`` me@c.org \\@d \\[@e] [@f](https://x.org/@g) [@h][ref]',
      '',
      '```',
      '[@i]',
      '```',
      '',
      '    [@j]',
      '',
      '[[002|see @k]] [[002]][@l]',
    );
    expect(brief(text).map((c) => c.raw)).toEqual(['@e', '[[002|see @k]]', '[[002]]', '[@l]']);
  });
});

describe('diagnostics of Pandoc citations', () => {
  const check = (text: string) => checkDraft(parseDraft(text), service.index, mergeConfig());

  it('accepts a known key with pages inside the source, and any other locator', () => {
    expect(check('[@002, p. 54] [see @002, pp. 47–66; @002, chap. 2] @002 [54]')).toEqual([]);
  });

  it('reports an unknown key on the key, with suggestions written as keys', () => {
    expect(check('见[see @0002, p. 54]。')).toEqual([
      {
        range: at(0, 7, 11),
        severity: 'error',
        code: 'unknown-document',
        message: "Unknown document '0002' in [see @0002, p. 54]: no source has this id. Did you mean @002?",
        citation: '0002',
        suggestions: ['002'],
      },
    ]);
  });

  it('reports pages outside the source on the pages', () => {
    expect(check('[@002, p. 54; @002, pp. 98–99]')).toEqual([
      {
        range: at(0, 24, 29),
        severity: 'error',
        code: 'page-out-of-range',
        message:
          'Page 98–99 in @002, pp. 98–99 is not in document 002 (美塔协议签署后的美阿塔三方内部博弈), which has pages 47–66.',
        citation: '002',
      },
    ]);
  });
});

describe('hover and definition on a Pandoc citation', () => {
  const draft = parseDraft('如[@002, p. 54]所述');

  it('hovers the document, with the page', () => {
    const hover = service.hover.provideHover(draft, { line: 0, character: 4 });
    expect(hover?.range).toEqual(at(0, 1, 14));
    expect(JSON.stringify(hover?.contents)).toContain('美塔协议签署后的美阿塔三方内部博弈');
  });

  it('goes to the document', () => {
    const links = service.definition.provideDefinition(draft, { line: 0, character: 4 });
    expect(links.map((l) => [l.targetUri, l.originSelectionRange])).toEqual([
      ['file:///repo/corpus/002-us-taliban-internal-games.md', at(0, 1, 14)],
    ]);
  });
});

describe('completion of Pandoc keys', () => {
  const complete = (marked: string) => {
    const { text, position } = withCursor(marked);
    const list = service.completion.provideCompletion(parseDraft(text), position);
    return list?.items.map((i) => [i.label, i.detail, i.filterText, i.textEdit]);
  };
  const item002 = (from: number, to: number) => [
    '002',
    '美塔协议签署后的美阿塔三方内部博弈',
    '002 美塔协议签署后的美阿塔三方内部博弈 兰江 杨秀琴',
    { range: at(0, from, to), newText: '002' },
  ];

  it('offers the documents after [@, [-@, ; @ and a prefix, replacing the key typed', () => {
    expect(complete('见[@$0]')).toEqual([item002(3, 3)]);
    expect(complete('见[-@0$0]')).toEqual([item002(4, 5)]);
    expect(complete('[@001; @$0')).toEqual([item002(8, 8)]);
    expect(complete('[see @0$002, p. 54]')).toEqual([item002(6, 9)]);
  });

  it('offers nothing after an @ in the text, in an address, in code or after \\[', () => {
    expect(complete('as @$0')).toBeUndefined();
    expect(complete('[me@$0]')).toBeUndefined();
    expect(complete('`[@$0]`')).toBeUndefined();
    expect(complete('\\[@$0]')).toBeUndefined();
  });
});

describe('quotes before a Pandoc citation', () => {
  const check = (text: string) =>
    checkDraft(parseDraft(text), service.index, mergeConfig(), service.quotes).map((d) => [
      d.range,
      d.code,
      d.message,
    ]);
  const ON_55 = '五角大楼对塔利班推进之快和拜登总统拒绝大力干预感到无奈';
  const ON_53 = '美国内部博弈选项包括四种方案';

  it('verifies against the pages named, or the whole document', () => {
    expect(check(`“${ON_55}”[@002, p. 55]，“${ON_53}”[@002]，“${ON_53}” @002 [pp. 53–55]`)).toEqual([]);
  });

  it('finds a quote that is not on the pages named, elsewhere in the document', () => {
    expect(check(`他说“${ON_53}”[see @002, p. 55; @001]。`)).toEqual([
      [at(0, 3, 17), 'quote-elsewhere', 'Quote not in @002, p. 55; found in [[002#us-phase3]].'],
      [
        at(0, 37, 40),
        'unknown-document',
        "Unknown document '001' in @001: no source has this id. Did you mean @002?",
      ],
    ]);
  });

  it('takes a blockquote before a bracket of several items as the first item’s', () => {
    const draft = parseDraft(lines(`> ${ON_53}`, '[@002, p. 55; @001]'));
    const [j] = service.quotes.judge(draft);
    expect([j?.quote.kind, j?.quote.text, j?.quote.citation.raw, j?.verdict.kind]).toEqual([
      'block',
      ON_53,
      '@002, p. 55',
      'elsewhere',
    ]);
  });
});

describe('inlay hints of Pandoc citations', () => {
  const CSL = join(REPO, 'dist/csl');
  const style: LoadedStyle = {
    xml: readFileSync(join(CSL, 'china-national-standard-gb-t-7714-2015-note.csl'), 'utf8'),
    locale: 'zh-CN',
    retrieveLocale: (lang) => readFileSync(join(CSL, `locales-${lang}.xml`), 'utf8'),
  };

  it('gives a bracket one hint, after the bracket, numbered as its note', () => {
    const paper = styleDraft(
      parseDraft('甲[[002]]乙[see @002, p. 54; @002, p. 55]丙'),
      service.index,
      style,
      'html',
    );
    expect(provideInlayHints(paper, 'full').map((h) => [h.position, h.label])).toEqual([
      [{ line: 0, character: 8 }, '¹ 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.'],
      [{ line: 0, character: 39 }, '² see 同上54; 同上55.'],
    ]);
    expect(printedLine(paper, paper.cites[2]!.citation.start)).toBe(
      String.raw`*In the paper (China National Standard GB\/T 7714\-2015 \(note\, 中文\)):* note 2\: see 同上54\; 同上55\.`,
    );
  });

  it('gives the preview one row per citation and per Pandoc bracket, numbered as the paper’s notes', () => {
    const table = paperTable(
      'file:///repo/drafts/a.md',
      parseDraft('甲[[002]]乙[@002, p. 54; @002]丙[[002#us-phase3]]'),
      service.index,
      style,
    );
    expect(table.citations.map((c) => [c.target, c.note, c.text])).toEqual([
      ['002', 1, '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.'],
      ['002', 2, '同上54同1.'],
      ['002#us-phase3', 3, '同1: 53–55.'],
    ]);
  });
});

describe('the Sources view', () => {
  it('counts the citations of a document in both syntaxes', () => {
    const draft = parseDraft('甲[[002]]乙[see @002, p. 54; @002]丙 @002 [p. 60] 丁[[002#us-phase3]]');
    const report = sourcesReport(service.index, [{ uri: 'file:///repo/drafts/a.md', draft }]);
    const doc = report.documents.find((d) => d.id === '002')!;
    expect(doc.sites.map((s) => [s.target, s.range.start.character])).toEqual([
      ['002', 1],
      ['002', 10],
      ['002', 27],
      ['002', 34],
      ['002#us-phase3', 48],
    ]);
  });
});

describe('the preview plugin', () => {
  const md = new MarkdownIt().use(citationsPlugin);

  it('shows a Pandoc bracket or in-text citation as one chip, as written', () => {
    expect(md.renderInline('见[see @002, p. 54; @004]与 @002 [p. 55]和[[004]]')).toBe(
      '见<cite class="source-anchors-citation" title="002">[see @002, p. 54; @004]</cite>与 <cite class="source-anchors-citation" title="002">@002 [p. 55]</cite>和<cite class="source-anchors-citation" title="004">004</cite>',
    );
  });

  it('leaves code, links, escapes and addresses as they are', () => {
    expect(md.renderInline('`[@a]` [@b](https://x.org) \\[@c] me@d.org')).toBe(
      '<code>[@a]</code> <a href="https://x.org">@b</a> [<cite class="source-anchors-citation" title="c">@c</cite>] me@d.org',
    );
  });
});
