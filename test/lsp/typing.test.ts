/**
 * Typing into drafts over real LSP: a change only stores the text, so a version superseded before
 * anything asked for it is never parsed (the server's parse count says so); requests answer from
 * the cursor's line while typing; and the hostile draft edited 400 times at random ends with the
 * diagnostics a fresh server gives its final text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidChangeTextDocumentNotification,
  HoverRequest,
  ReferencesRequest,
  type Diagnostic,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { makeWorkspace, positionOf, startServer, type LspClient, type Workspace } from './harness.js';
import { prng } from '../helpers/prng.js';

const parses = (lsp: LspClient, uri: string) =>
  lsp.connection.sendRequest('sourceAnchors/draftParses', { uri }) as Promise<number>;

const hover = (lsp: LspClient, uri: string, position: { line: number; character: number }) =>
  lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Promise<Hover | null>;

const codes = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code}`);

describe('versions superseded before anything asks for them', () => {
  let ws: Workspace;
  let lsp: LspClient;
  let uri: string;
  const V1 = '第一段[[002#us-phase3]]。\n\n第二段[[002#nope]]。\n';

  beforeAll(async () => {
    ws = makeWorkspace({ 'drafts/a.md': V1 });
    uri = ws.uri('drafts/a.md');
    lsp = await startServer(ws);
  });
  afterAll(async () => {
    await lsp.stop();
    ws.dispose();
  });

  it('are never parsed: 30 changes, a hover and the diagnostics cost one parse', async () => {
    lsp.open(uri, V1);
    await lsp.waitForDiagnostics(uri, (d) => codes(d).join() === '2:9 unknown-anchor');
    expect(await parses(lsp, uri)).toBe(1);
    let text = V1;
    for (let i = 0; i < 30; i++) {
      text = V1.replace('第二段', `${'新'.repeat(i + 1)}第二段`);
      lsp.change(uri, text);
    }
    // The hover is answered from its line while the parse is not current: no parse for it.
    const h = await hover(lsp, uri, positionOf(text, '[[002#us-phase3]]', 4));
    expect((h?.contents as MarkupContent).value).toContain('**美塔协议签署后的美阿塔三方内部博弈**');
    expect(h?.range).toEqual({ start: { line: 0, character: 3 }, end: { line: 0, character: 20 } });
    // The diagnostics of the last version (the broken citation moved by 30 characters), and of no other.
    await lsp.waitForDiagnostics(uri, (d) => codes(d).join() === '2:39 unknown-anchor');
    expect(await parses(lsp, uri)).toBe(2);
  });

  it('a request that needs every draft parses the newest version once', async () => {
    let text = V1;
    for (let i = 0; i < 10; i++) {
      text = `${V1}\n第三段${'又'.repeat(i)}[[002#us-phase3]]。\n`;
      lsp.change(uri, text);
    }
    const refs = await lsp.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '[[002#us-phase3]]', 4),
      context: { includeDeclaration: false },
    });
    expect(refs?.map((r) => r.range.start.line)).toEqual([0, 4]);
    expect(await parses(lsp, uri)).toBe(3);
    await lsp.waitForDiagnostics(uri, (d) => codes(d).join() === '2:9 unknown-anchor');
    // The check after the changes found the parse current.
    expect(await parses(lsp, uri)).toBe(3);
  });
});

/** ≈ 460k characters: prose with citations, 10,000 `[[`, 20,000 citations on one line, 50,000 brackets. */
function hostileDraft(): string {
  const prose = Array.from(
    { length: 1500 },
    (_, i) => `第${i}段，“核心问题是意识形态的一致性”[[001#saeed-ideology]]，另见[[002#us-phase3]]。`,
  ).join('\n\n');
  const citations = `见${'[[002#us-phase3]]，'.repeat(20_000)}`;
  return `${prose}\n\n${'[['.repeat(10_000)}\n\n${citations}\n\n${'['.repeat(25_000)}${']'.repeat(25_000)}\n`;
}

const PIECES = ['[[002#us-phase3]]', '[[', ']]', '```\n', '\n\n', '> ', '“引文”', 'x', '[[001#nope]]', '`'];

describe('the hostile draft, edited 400 times at random', () => {
  let ws: Workspace;
  let lsp: LspClient;
  let fresh: LspClient | undefined;

  beforeAll(async () => {
    ws = makeWorkspace({});
    lsp = await startServer(ws, { waitMs: 60_000 });
  });
  afterAll(async () => {
    await lsp.stop();
    await fresh?.stop();
    ws.dispose();
  });

  it('answers every hover and ends with a fresh server’s diagnostics', async () => {
    const uri = ws.uri('drafts/hostile.md');
    let text = hostileDraft();
    expect(text.length).toBeGreaterThan(450_000);
    lsp.open(uri, text);
    const random = prng(17);
    const positionAt = (offset: number) => {
      const before = text.slice(0, offset);
      const line = before.split('\n').length - 1;
      return { line, character: offset - before.lastIndexOf('\n') - 1 };
    };
    let answered = 0;
    for (let i = 1; i <= 400; i++) {
      const start = Math.floor(random() * text.length);
      const end = Math.min(text.length, start + (random() < 0.5 ? 0 : Math.floor(random() * 20)));
      const insert = random() < 0.8 ? PIECES[Math.floor(random() * PIECES.length)]! : '';
      const range = { start: positionAt(start), end: positionAt(end) };
      text = text.slice(0, start) + insert + text.slice(end);
      lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: i + 1 },
        contentChanges: [{ range, text: insert }],
      });
      if (i % 40 === 0) {
        await hover(lsp, uri, positionAt(Math.floor(random() * text.length)));
        answered++;
      }
    }
    expect(answered).toBe(10);

    fresh = await startServer(ws, { waitMs: 60_000 });
    fresh.open(uri, text);
    const expected = await fresh.waitForDiagnostics(uri);
    expect(expected.length).toBeGreaterThan(0);
    const got = await lsp.waitForDiagnostics(uri, (d) => JSON.stringify(d) === JSON.stringify(expected));
    expect(got).toEqual(expected);
  }, 180_000);
});
