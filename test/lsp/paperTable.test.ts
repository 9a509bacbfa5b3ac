/** The Markdown preview's paper table over LSP: pushed for an open draft, and again after edits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperTableParams } from '../../server/src/lsp/protocolTypes.js';
import { makeWorkspace, REPO, startServer, type LspClient, type Workspace } from './harness.js';

const EXAMPLE = readFileSync(join(REPO, 'examples/draft.md'), 'utf8');

let ws: Workspace;
let lsp: LspClient;
const tables: PaperTableParams[] = [];

beforeAll(async () => {
  ws = makeWorkspace({ 'examples/draft.md': EXAMPLE });
  lsp = await startServer(ws, { initializationOptions: { paperTables: true } });
  lsp.connection.onNotification('sourceAnchors/paperTable', (p: PaperTableParams) => void tables.push(p));
  await lsp.waitForStatus((s) => s.state === 'ready');
});
afterAll(async () => {
  await lsp.stop();
  ws.dispose();
});

async function tableFor(uri: string, version: number): Promise<PaperTableParams> {
  for (let i = 0; i < 200; i++) {
    const t = tables.find((x) => x.uri === uri && x.version === version);
    if (t) return t;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no paper table for ${uri} version ${version}`);
}

/** A table's citations as `line target note text`, or `line target ✖ message` when broken. */
const rows = (t: PaperTableParams) =>
  t.citations.map((c) =>
    c.broken ? `${c.line} ${c.target} ✖ ${c.broken}` : `${c.line} ${c.target} ${c.note ?? '-'} ${c.text}`,
  );

describe('sourceAnchors/paperTable', () => {
  it('arrives for examples/draft.md with every citation as GB/T 7714 notes, and the bibliography', async () => {
    const uri = ws.uri('examples/draft.md');
    lsp.open(uri, EXAMPLE);
    const t = await tableFor(uri, 1);
    expect({ ...t, citations: undefined }).toEqual({
      uri,
      version: 1,
      style: { title: 'China National Standard GB/T 7714-2015 (note, 中文)', kind: 'note' },
      locale: 'zh-CN',
      citations: undefined,
      bibliography: [
        '[1] 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
        '[2] 巴阿冲突与美国的介入[EB]//网易号. 2026.',
        '[3] “最后一搏”:巴基斯坦-阿富汗谈判因深度不信任而受挫[EB]//半岛电视台（Al Jazeera）. 2025.',
        '[4] 丽贝卡·利斯纳. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院, 2025.',
        '[5] 朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論. 2025.',
      ],
      heading: '参考文献',
    });
    expect(rows(t)).toEqual([
      '7 002 1 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
      '7 002#abstract 2 同上: 47.',
      '8 002#us-phase3 3 同上: 53–55.',
      '9 002#us-phase3 4 同上.',
      '10 002#theory-framework 5 同上: 47–48.',
      '10 002#fn-47b 6 同上: 47.',
      '13 002#conclusion 7 同上: 65–66.',
      '17 000#relationship-shift 8 巴阿冲突与美国的介入[EB]//网易号. 2026.',
      '17 000#background 9 同上.',
      '18 001#最后一搏巴基斯坦-阿富汗谈判因深度不信任而受挫 10 “最后一搏”:巴基斯坦-阿富汗谈判因深度不信任而受挫[EB]//半岛电视台（Al Jazeera）. 2025.',
      '19 001#saeed-ideology 11 同上.',
      '20 001#casualties 12 同上.',
      '24 003#vital-interests 13 丽贝卡·利斯纳. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院, 2025.',
      '25 003#p8 14 同上.',
      '29 004#rimland 15 朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論. 2025.',
      '31 004#defense-industry 16 同上.',
    ]);
    expect(t.citations[2]).toEqual({
      offset: 204,
      line: 8,
      target: '002#us-phase3',
      label: '第三阶段',
      href: '../corpus/002-us-taliban-internal-games.md#L116',
      preview:
        '（三）美国重启撤军至塔利班重返执政的美国内部博弈 — 第三阶段美国内部博弈主要围绕和谈主导权与以何种方式帮助阿富汗政府抵御塔利班攻势。美国内部博弈选项包括四种方案：1.阿富汗政府主导和谈，武力帮助阿富汗政府；2.阿富汗政府主导和谈，经济援助阿富汗政府；3.塔利班主导和谈，武力帮助阿富汗政府；4.塔利班主导和谈，经济援助…',
      text: '同上: 53–55.',
      note: 3,
    });
    expect(t.citations[0]!.preview).toBe('美塔协议签署后的美阿塔三方内部博弈 — 兰江, 杨秀琴');
  });

  it('follows an edit: a broken citation is marked and numbered notes skip it', async () => {
    const uri = ws.uri('examples/draft.md');
    lsp.change(uri, '# 草稿\n\n见[[002#us-phase9]]与[[003#p8@3]]，再见[[004#rimland]]。`[[000]]`\n');
    const t = await tableFor(uri, 2);
    expect(rows(t)).toEqual([
      "2 002#us-phase9 ✖ Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
      '2 003#p8 1 丽贝卡·利斯纳. 准盟友关系中固有的战略困境[EB]. 李政儒, 译//IPP评论. 华南理工大学公共政策研究院, 2025: 3.',
      '2 004#rimland 2 朱莉安·史密斯, 林賽·福特. 美國應該努力影響其盟友正在建構的新網路[EB]//IPP評論. 2025.',
    ]);
    expect(t.bibliography).toHaveLength(2);
  });

  it('takes the style from the editor setting sourceAnchors.citationStyle over the default', async () => {
    const w = makeWorkspace({ 'd.md': 'As [[002#us-phase3|Lan]] says.\n' });
    const other = await startServer(w, {
      initializationOptions: { paperTables: true },
      settings: { citationStyle: 'apa', corpus: null, drafts: null, exclude: null, severity: {} },
    });
    try {
      const got: PaperTableParams[] = [];
      other.connection.onNotification('sourceAnchors/paperTable', (p: PaperTableParams) => void got.push(p));
      await other.waitForStatus((s) => s.state === 'ready');
      other.open(w.uri('d.md'), 'As [[002#us-phase3|Lan]] says.\n');
      for (let i = 0; i < 200 && !got.length; i++) await new Promise((r) => setTimeout(r, 25));
      expect(
        got.map((t) => [t.style.kind, t.style.title, t.citations.map((c) => [c.label, c.note])]),
      ).toEqual([['in-text', 'American Psychological Association 7th edition', [['Lan', undefined]]]]);
    } finally {
      await other.stop();
      w.dispose();
    }
  });

  it('follows the citationStyle setting: author-date prints in the text, without note numbers', async () => {
    const w = makeWorkspace({
      'd.md': '见[[002#us-phase3]]。\n',
      'source-anchors.json': '{"citationStyle":"gb-author-date"}',
    });
    const other = await startServer(w, { initializationOptions: { paperTables: true } });
    try {
      const got: PaperTableParams[] = [];
      other.connection.onNotification('sourceAnchors/paperTable', (p: PaperTableParams) => void got.push(p));
      await other.waitForStatus((s) => s.state === 'ready');
      other.open(w.uri('d.md'), '见[[002#us-phase3]]。\n');
      for (let i = 0; i < 200 && !got.length; i++) await new Promise((r) => setTimeout(r, 25));
      expect(got.map((t) => [t.style.kind, t.heading, rows(t)])).toEqual([
        ['in-text', '参考文献', ['0 002#us-phase3 - (兰江\u00a0等)']],
      ]);
    } finally {
      await other.stop();
      w.dispose();
    }
  });
});
