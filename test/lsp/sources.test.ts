/** The Sources view's request over LSP: the tree, counted in the active draft and the workspace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceNode, SourcesResult } from '../../server/src/lsp/protocolTypes.js';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

const A = '# A\n\n[[002#us-phase3]]和[[002#us-phase3|x]]，[[003#p8]]。\n[[004]] [[002#nope]]\n';
const B = '见[[002#us-phase3]]与[[002#fn-48a]]。\n';

let ws: Workspace;
let lsp: LspClient;

beforeAll(async () => {
  ws = makeWorkspace({ 'drafts/a.md': A, 'drafts/b.md': B });
  lsp = await startServer(ws);
  await lsp.waitForStatus((s) => s.state === 'ready' && s.drafts === 2);
});
afterAll(async () => {
  await lsp.stop();
  ws.dispose();
});

const sources = (uri?: string) =>
  lsp.connection.sendRequest('sourceAnchors/sources', uri ? { uri } : {}) as Promise<SourcesResult>;

/** `target here/workspace` for every node of a tree, depth first, indented by depth. */
function counts(nodes: SourceNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.target} ${n.here}/${n.workspace}`,
    ...counts(n.children, depth + 1),
  ]);
}

describe('sourceAnchors/sources', () => {
  it('counts each document and anchor in the active draft and in the whole workspace', async () => {
    const uri = ws.uri('drafts/a.md');
    lsp.open(uri, A);
    const r = await sources(uri);
    expect(r.draft).toBe(true);
    expect(r.documents.map((d) => `${d.target} ${d.label} ${d.here}/${d.workspace}`)).toEqual([
      '000 巴阿冲突与美国的介入 0/0',
      '001 “最后一搏”:巴基斯坦-阿富汗谈判因深度不信任而受挫 0/0',
      '002 美塔协议签署后的美阿塔三方内部博弈 2/4',
      '003 准盟友关系中固有的战略困境 1/1',
      '004 美國應該努力影響其盟友正在建構的新網路 1/1',
    ]);
    const d002 = r.documents[2]!;
    expect(counts(d002.children).filter((l) => !l.endsWith(' 0/0'))).toEqual([
      '      002#fn-48a 0/1',
      '    002#us-phase3 2/3',
    ]);
    expect(counts(d002.children.slice(0, 1)[0]!.children).slice(0, 4)).toEqual([
      '002#abstract 0/0',
      '002#intro 0/0',
      '002#theory 0/0',
      '  002#theory-choice 0/0',
    ]);
    const phase3 = d002.children[0]!.children.find((n) => n.target === '002#us')!.children[2]!;
    expect(phase3).toMatchObject({
      kind: 'heading',
      target: '002#us-phase3',
      label: '（三）美国重启撤军至塔利班重返执政的美国内部博弈',
      uri: ws.uri('corpus/002-us-taliban-internal-games.md'),
      here: 2,
      workspace: 3,
    });
    expect(phase3.range).toEqual({ start: { line: 115, character: 0 }, end: { line: 115, character: 41 } });
    const p8 = r.documents[3]!.children.flatMap((n) => [n, ...n.children]).find((n) => n.target === '003#p8');
    expect(p8).toMatchObject({ kind: 'paragraph', here: 1, workspace: 1 });
  });

  it('follows edits of the active draft, and counts nothing as here without one', async () => {
    const uri = ws.uri('drafts/a.md');
    lsp.change(uri, '[[000#background]]\n');
    const r = await sources(uri);
    expect(r.documents.map((d) => `${d.target} ${d.here}/${d.workspace}`)).toEqual([
      '000 1/1',
      '001 0/0',
      '002 0/2',
      '003 0/0',
      '004 0/0',
    ]);
    const none = await sources();
    expect(none.draft).toBe(false);
    expect(none.documents.map((d) => `${d.target} ${d.here}/${d.workspace}`)).toEqual([
      '000 0/1',
      '001 0/0',
      '002 0/2',
      '003 0/0',
      '004 0/0',
    ]);
  });
});
