/** Passage search over LSP: `[[` + words completes citations; the insert command's search request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  type CompletionList,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from './edits.js';
import { makeWorkspace, positionOf, startServer, type LspClient, type Workspace } from './harness.js';

let ws: Workspace;
let lsp: LspClient;

beforeAll(async () => {
  ws = makeWorkspace();
  lsp = await startServer(ws);
  await lsp.waitForStatus((s) => s.searchReady);
});
afterAll(async () => {
  await lsp.stop();
  ws.dispose();
});

async function complete(text: string, cursor: string, delta: number) {
  const uri = ws.uri('drafts/search.md');
  lsp.open(uri, text);
  return (await lsp.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: positionOf(text, cursor, delta),
  })) as CompletionList;
}

describe('passage completion', () => {
  it('lists the best passages for words after [[ and inserts the citation', async () => {
    const text = '美国的撤军之争[[撤军派 胜出';
    const list = await complete(text, '胜出', 2);
    expect(list.isIncomplete).toBe(true);
    const first = list.items[0]!;
    expect(first.label).toBe('002#abstract');
    expect(first.filterText).toBe('撤军派 胜出');
    expect((first.documentation as MarkupContent).value).toBe(
      '最终“**撤军派**”主张在美国内部博弈中**胜出**成为美国政策。',
    );
    expect(first.detail).toBe('美塔协议签署后的美阿塔三方内部博弈 — 美塔协议签署后的美阿塔三方内部博弈');
    expect(applyEdits(text, [first.textEdit as TextEdit])).toBe('美国的撤军之争[[002#abstract]]');
  });

  it('finds Traditional passages with Simplified words', async () => {
    const text = '[[谁控制了边缘地带]]';
    const list = await complete(text, '地带', 2);
    expect(list.items[0]!.label).toBe('004#rimland');
    expect(applyEdits(text, [list.items[0]!.textEdit as TextEdit])).toBe('[[004#rimland]]');
  });

  it('still lists documents for an id being typed', async () => {
    const list = await complete('[[00', '[[00', 4);
    expect(list.items.map((i) => i.label)).toEqual(['000', '001', '002', '003', '004']);
  });
});

describe('Insert Citation… search', () => {
  it('answers passages with their citation, heading and sentence', async () => {
    const r = (await lsp.connection.sendRequest('sourceAnchors/searchPassages', {
      query: '美國盟友 國防工業',
      limit: 3,
    })) as {
      ready: boolean;
      items: { target: string; heading: string; sentence: string; uri: string; line: number }[];
    };
    expect(r.ready).toBe(true);
    expect(r.items[0]).toMatchObject({
      target: '004#defense-industry',
      sentence: '美國及其盟友應協調國防工業生產,以彌補彼此武器庫的缺口。',
      uri: ws.uri('corpus/004-us-allies-eurasia-network.md'),
    });
  });
});
