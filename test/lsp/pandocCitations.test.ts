/**
 * Pandoc citations over LSP: a draft mixing `[[…]]` and `[@…]` gets hover, definition, references
 * and diagnostics for both syntaxes from the bundled server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  ReferencesRequest,
  type CompletionList,
  type Hover,
  type LocationLink,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol';
import { makeWorkspace, positionOf, startServer, type LspClient, type Workspace } from './harness.js';

const DRAFT = [
  '# 草稿',
  '',
  '美国内部“撤军派”最终胜出[[002#us-phase3]]，兰江等也这样说[@002, p. 54]。',
  '另见 @002 [pp. 53–55] 与[see @0002, p. 54; @002, p. 99]。',
  '`[@inside-code]` 不是引用。',
  '',
].join('\n');

let ws: Workspace;
let lsp: LspClient;
let uri: string;

beforeAll(async () => {
  ws = makeWorkspace({ 'drafts/mixed.md': DRAFT });
  uri = ws.uri('drafts/mixed.md');
  lsp = await startServer(ws);
  lsp.open(uri, DRAFT);
});

afterAll(async () => {
  await lsp?.stop();
  ws?.dispose();
});

/** The range of `written` in the draft (its first occurrence at or after `after`). */
function rangeOf(written: string, after = ''): { start: Position; end: Position } {
  const from = DRAFT.indexOf(after);
  const before = DRAFT.slice(0, DRAFT.indexOf(written, from));
  const l = before.split('\n').length - 1;
  const c = before.length - before.lastIndexOf('\n') - 1;
  return { start: { line: l, character: c }, end: { line: l, character: c + written.length } };
}

describe('a draft mixing [[…]] and [@…]', () => {
  it('reports an unknown key on the key and a page outside the source on the pages', async () => {
    const diagnostics = await lsp.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(diagnostics.map((d) => [d.range, d.code, d.message])).toEqual([
      [
        rangeOf('0002'),
        'unknown-document',
        "Unknown document '0002' in see @0002, p. 54: no source has this id. Did you mean @000, @002?",
      ],
      [
        rangeOf('99'),
        'page-out-of-range',
        'Page 99 in @002, p. 99 is not in document 002 (美塔协议签署后的美阿塔三方内部博弈), which has pages 47–66.',
      ],
    ]);
  });

  it('hovers the key with the document and its page', async () => {
    const hover = (await lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(DRAFT, '@002, p. 54]', 2),
    })) as Hover;
    expect(hover.range).toEqual(rangeOf('[@002, p. 54]'));
    expect((hover.contents as MarkupContent).value).toContain('美塔协议签署后的美阿塔三方内部博弈');
    expect((hover.contents as MarkupContent).value).toContain('54');
  });

  it('goes to the document from the key', async () => {
    const links = (await lsp.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: positionOf(DRAFT, '@002 [pp.', 2),
    })) as LocationLink[];
    expect(links.map((l) => [l.targetUri, l.originSelectionRange])).toEqual([
      [ws.uri('corpus/002-us-taliban-internal-games.md'), rangeOf('@002 [pp. 53–55]')],
    ]);
  });

  it('lists the citations of the whole document, in either syntax, as its references', async () => {
    const refs = await lsp.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(DRAFT, '@002, p. 54]', 2),
      context: { includeDeclaration: false },
    });
    expect(refs!.filter((r) => r.uri === uri).map((r) => r.range)).toEqual([
      rangeOf('[@002, p. 54]'),
      rangeOf('@002 [pp. 53–55]'),
      rangeOf('@002, p. 99'),
    ]);
  });

  it('completes keys after [@, from the line while the parse is stale', async () => {
    const text = `${DRAFT}兰江认为[see @00]。\n`;
    lsp.change(uri, text);
    const list = (await lsp.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '@00]', 3),
      context: { triggerKind: 1 },
    })) as CompletionList;
    const item = list.items.find((i) => i.label === '002')!;
    expect([item.detail, item.textEdit]).toEqual([
      '美塔协议签署后的美阿塔三方内部博弈',
      { range: { start: positionOf(text, '@00]', 1), end: positionOf(text, '@00]', 3) }, newText: '002' },
    ]);
    expect(list.items.map((i) => i.label)).toEqual(['000', '001', '002', '003', '004']);
  });
});
