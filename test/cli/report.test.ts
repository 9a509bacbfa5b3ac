/**
 * `source-anchors report` over the bundled corpus: exact text and JSON, and exit codes.
 * The whole text report of examples/draft.md is a golden file (UPDATE_GOLDEN=1 rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, REPO, type Workspace } from '../lsp/harness.js';

const GOLDEN = join(REPO, 'test/cli/golden/report-example.txt');

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace({
    'drafts/a.md':
      '# A\n\n[[002#us-phase3]]和[[002#us-phase3|x]]，[[003#p8]]。\n[[004]] [[002#nope]] [[]] [[009]]\n',
    'drafts/b.md': '见[[002#fn-48a]]。\n',
  });
});
afterAll(() => ws.dispose());

interface JsonSite {
  path: string;
  line: number;
  column: number;
  target: string;
}
interface JsonAnchor {
  id: string;
  kind: string;
  name: string;
  level?: number;
  line: number;
  cited: number;
  sites: JsonSite[];
  children: JsonAnchor[];
}
interface JsonReport {
  documents: {
    id: string;
    path: string;
    title: string;
    cited: number;
    sites: JsonSite[];
    anchors: JsonAnchor[];
  }[];
  summary: { sources: number; uncited: number; drafts: number; citations: number };
}

/** Every anchor of a tree, depth first, as `id@depth cited`. */
function flatten(anchors: JsonAnchor[], depth = 0): string[] {
  return anchors.flatMap((a) => [`${a.id}@${depth} ${a.cited}`, ...flatten(a.children, depth + 1)]);
}

describe('source-anchors report', () => {
  it('prints every source of the bundled corpus with what examples/draft.md cites, exactly', () => {
    const r = runCli(['report', 'examples/']);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, r.stdout);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
    // What the golden file says about 002, spelled out: nesting by heading level, counts, lines.
    const lines = r.stdout.split('\n');
    const start = lines.indexOf('002 美塔协议签署后的美阿塔三方内部博弈 — cited 7×');
    expect(lines.slice(start, start + 10)).toEqual([
      '002 美塔协议签署后的美阿塔三方内部博弈 — cited 7×',
      '  [[002]] the whole document — 1×: examples/draft.md:8',
      '  #美塔协议签署后的美阿塔三方内部博弈',
      '    ^abstract 摘要：美塔协议签署后，阿富汗和平进程深受美国、阿富汗政府与塔利班三个行为体各自内… — 1×: examples/draft.md:8',
      '    #intro [引言]',
      '    #theory 一、“双层博弈论”：理论的选择与修正',
      '      #theory-choice （一）竞争性理论和理论选择',
      '        #fn-47b Robert D. Putnam, “Diplomacy and… — 1×: examples/draft.md:11',
      '      #theory-framework （二）“双层博弈论”的理论框架 — 1×: examples/draft.md:11',
      '        ^two-level-assumption 双层博弈论假定各行为体的政治领导人都同时出现在国内与国际两个棋盘上进行博弈。根据…',
    ]);
    expect(lines).toContain(
      '      #us-phase3 （三）美国重启撤军至塔利班重返执政的美国内部博弈 — 2×: examples/draft.md:9, examples/draft.md:10',
    );
    expect(lines.at(-2)).toBe('5 sources (0 uncited), 16 citations in 1 draft.');
  });

  it('marks uncited sources, lists cited paragraphs and footnotes only, and skips broken citations', () => {
    const r = runCli(['report', 'drafts/'], ws.dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\d{3} /.test(l))).toEqual([
      '000 巴阿冲突与美国的介入 — uncited',
      '001 “最后一搏”:巴基斯坦-阿富汗谈判因深度不信任而受挫 — uncited',
      '002 美塔协议签署后的美阿塔三方内部博弈 — cited 3×',
      '003 准盟友关系中固有的战略困境 — cited 1×',
      '004 美國應該努力影響其盟友正在建構的新網路 — cited 1×',
    ]);
    expect(lines.filter((l) => / — \d+×/.test(l) && !/^\d{3} /.test(l))).toEqual([
      '        #fn-48a Robert D. Putnam, “Diplomacy and… — 1×: drafts/b.md:1',
      '      #us-phase3 （三）美国重启撤军至塔利班重返执政的美国内部博弈 — 2×: drafts/a.md:3, drafts/a.md:3',
      '    #p8 自二战结束以来,美国逐步培育了这一类伙伴关系,使其介于伙伴与正式条约盟友之间。准… — 1×: drafts/a.md:3',
      '  [[004]] the whole document — 1×: drafts/a.md:4',
    ]);
    expect(lines.filter((l) => /#p\d+ |#fn-/.test(l))).toHaveLength(2);
    expect(lines.at(-2)).toBe('5 sources (2 uncited), 5 citations in 2 drafts.');
  });

  it('prints the same data as JSON, with 1-based lines and columns and each site’s target', () => {
    const r = runCli(['report', '--format', 'json', 'drafts/a.md', 'drafts/b.md'], ws.dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonReport;
    expect(out.summary).toEqual({ sources: 5, uncited: 2, drafts: 2, citations: 5 });
    expect(out.documents.map((d) => [d.id, d.path, d.cited])).toEqual([
      ['000', 'corpus/000-pakistan-afghanistan-us-strategy.md', 0],
      ['001', 'corpus/001-pakistan-afghanistan-talks-mistrust.md', 0],
      ['002', 'corpus/002-us-taliban-internal-games.md', 3],
      ['003', 'corpus/003-us-quasi-allies-dilemma.md', 1],
      ['004', 'corpus/004-us-allies-eurasia-network.md', 1],
    ]);
    const d002 = out.documents[2]!;
    expect(d002.sites).toEqual([
      { path: 'drafts/a.md', line: 3, column: 1, target: '002#us-phase3' },
      { path: 'drafts/a.md', line: 3, column: 19, target: '002#us-phase3' },
      { path: 'drafts/b.md', line: 1, column: 2, target: '002#fn-48a' },
    ]);
    expect(flatten(d002.anchors).filter((a) => a.startsWith('us'))).toEqual([
      'us@1 0',
      'us-phase1@2 0',
      'us-phase2@2 0',
      'us-phase3@2 2',
    ]);
    const d003 = out.documents[3]!;
    expect(
      d003.anchors.find((a) => a.id === 'opening')!.children.map((a) => [a.id, a.kind, a.cited]),
    ).toEqual([
      ['quasi-allies-defined', 'block', 0],
      ['p8', 'paragraph', 1],
      ['taiwan-lesson', 'block', 0],
    ]);
    expect(out.documents[4]!.sites).toEqual([{ path: 'drafts/a.md', line: 4, column: 1, target: '004' }]);
  });

  it.each([
    [['report', '--format', 'xml'], "source-anchors: --format must be text or json, not 'xml'"],
    [['report', 'missing.md'], 'source-anchors: no such file or folder: missing.md'],
    [['report', '--corpus', 'nowhere/'], "source-anchors: cannot read the corpus folder 'nowhere'"],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const r = runCli(args, ws.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain(message);
  });
});
