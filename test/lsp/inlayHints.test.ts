/**
 * Inlay hints over real LSP: after each citation, what the paper prints there in the configured
 * style (GB/T 7714 note by default; `citationStyle` in source-anchors.json), none on broken ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HoverRequest,
  InlayHintRequest,
  type Hover,
  type InlayHint,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

const DRAFT = [
  '# 草稿',
  '',
  '撤军派胜出[[002#us-phase3]]，再见[[002#us-phase3@54]]。',
  '坏的[[002#us-phase9]]。',
  '',
].join('\n');

async function hints(
  lsp: LspClient,
  uri: string,
): Promise<{ at: string; label: string; tooltip?: string }[]> {
  const list = (await lsp.connection.sendRequest(InlayHintRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
  })) as InlayHint[];
  return list.map((h) => ({
    at: `${h.position.line}:${h.position.character}`,
    label: h.label as string,
    ...(h.tooltip ? { tooltip: h.tooltip as string } : {}),
  }));
}

describe('inlay hints', () => {
  let ws: Workspace;
  let lsp: LspClient;
  beforeAll(async () => {
    ws = makeWorkspace({ 'drafts/a.md': DRAFT });
    lsp = await startServer(ws);
    lsp.open(ws.uri('drafts/a.md'), DRAFT);
  });
  afterAll(async () => {
    await lsp?.stop();
    ws?.dispose();
  });

  it('show the GB/T 7714 notes, cut short, after each citation that resolves', async () => {
    expect(await hints(lsp, ws.uri('drafts/a.md'))).toEqual([
      {
        at: '2:22',
        label: '¹ 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[…',
        tooltip: '¹ 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.',
      },
      { at: '2:45', label: '² 同上: 54.' },
    ]);
  });
});

describe('inlay hints in an author-date style, in full', () => {
  let ws: Workspace;
  let lsp: LspClient;
  beforeAll(async () => {
    ws = makeWorkspace({
      'drafts/a.md': DRAFT,
      'source-anchors.json': JSON.stringify({ citationStyle: 'apa', inlayHints: 'full' }),
    });
    lsp = await startServer(ws);
    lsp.open(ws.uri('drafts/a.md'), DRAFT);
  });
  afterAll(async () => {
    await lsp?.stop();
    ws?.dispose();
  });

  it('show the in-text form', async () => {
    expect(await hints(lsp, ws.uri('drafts/a.md'))).toEqual([
      { at: '2:22', label: '(兰江 & 杨秀琴, 不详, 页 53–55)' },
      { at: '2:45', label: '(兰江 & 杨秀琴, 不详, 页 54)' },
    ]);
  });
});

describe("the hover's printed line", () => {
  let ws: Workspace;
  let lsp: LspClient;
  beforeAll(async () => {
    ws = makeWorkspace({ 'drafts/a.md': DRAFT });
    lsp = await startServer(ws);
    lsp.open(ws.uri('drafts/a.md'), DRAFT);
  });
  afterAll(async () => {
    await lsp?.stop();
    ws?.dispose();
  });

  const hover = async () => {
    const h = (await lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: ws.uri('drafts/a.md') },
      position: { line: 2, character: 10 },
    })) as Hover | null;
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('is styled off the request: a first hover starts it, a later one shows what the paper prints', async () => {
    const first = await hover();
    expect(first).toContain('第三阶段');
    expect(first).not.toContain('In the paper');
    let value = first;
    for (let i = 0; i < 100 && !value.includes('In the paper'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      value = await hover();
    }
    expect(value.split('\n---\n').at(-1)?.trim()).toBe(
      String.raw`*In the paper (China National Standard GB\/T 7714\-2015 \(note\, 中文\)):* note 1\: 兰江\, 杨秀琴\. 美塔协议签署后的美阿塔三方内部博弈\[J\]\. 53–55\.`,
    );
  });
});
