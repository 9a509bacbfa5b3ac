/** Quote verification over LSP: the table's verdicts, the hover's diff and the fixes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  HoverRequest,
  type CodeAction,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { ENGLISH_SOURCE, QUOTE_CASES } from '../fixtures/quoteCases.js';
import { expectedDiagnostic, quoteCasesDraft } from '../fixtures/quoteDraft.js';
import { applyEdits } from './edits.js';
import { makeWorkspace, positionOf, startServer, type LspClient, type Workspace } from './harness.js';

let ws: Workspace;
let lsp: LspClient;
const draft = quoteCasesDraft();

beforeAll(async () => {
  ws = makeWorkspace({ 'corpus/900-english.md': ENGLISH_SOURCE, 'drafts/quotes.md': draft.text });
  lsp = await startServer(ws);
});
afterAll(async () => {
  await lsp.stop();
  ws.dispose();
});

/** The hover's Markdown at `needle` (+ `delta` characters) in the open document. */
async function hoverAt(uri: string, text: string, needle: string, delta = 0): Promise<string> {
  const hover = (await lsp.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(text, needle, delta),
  })) as Hover;
  return (hover.contents as MarkupContent).value;
}

describe('quotes over LSP', () => {
  it('pushes every quote case’s verdict, as the CLI does', async () => {
    const uri = ws.uri('drafts/quotes.md');
    lsp.open(uri, draft.text);
    const diagnostics = await lsp.waitForDiagnostics(uri, (d) => d.length > 0);
    const got = new Map<string, string>();
    for (const d of diagnostics) {
      const c = draft.caseAt(d.range.start.line)!;
      const data = d.data as { suggestions?: string[] } | undefined;
      got.set(c.name, d.code === 'quote-elsewhere' ? `${d.code} ${data!.suggestions![0]}` : String(d.code));
    }
    expect(QUOTE_CASES.map((c) => [c.name, got.get(c.name) ?? ''])).toEqual(
      QUOTE_CASES.map((c) => [c.name, expectedDiagnostic(c)]),
    );
  });

  it('hovers a misquote with both wordings, the difference marked', async () => {
    const uri = ws.uri('drafts/hover.md');
    const text = '他写道“第三阶段美国内部博弈主要围饶和谈主导权”[[002#us-phase3]]。';
    lsp.open(uri, text);
    const hover = await hoverAt(uri, text, '围饶');
    expect(hover).toBe(
      [
        '✗ **Quote not found**; closest: \\[\\[002\\#us\\-phase3\\]\\], 94% similar.',
        '',
        '| Your quote | The source |',
        '| --- | --- |',
        '| 第三阶段美国内部博弈主要围~~饶~~和谈主导权 | 第三阶段美国内部博弈主要围**绕**和谈主导权 |',
      ].join('\n'),
    );
    const onCitation = await hoverAt(uri, text, '[[002', 3);
    expect(onCitation).toMatch(
      /^✗ \*\*Quote not found\*\*; closest: [\s\S]*\n---\n\n\*\*美塔协议签署后的美阿塔三方内部博弈\*\*/,
    );
  });

  it('says a verified quote is verbatim', async () => {
    const uri = ws.uri('drafts/ok.md');
    const text = '“塔利班重返执政是美阿塔三方博弈的结果”[[002#conclusion]]';
    lsp.open(uri, text);
    const hover = await hoverAt(uri, text, '三方');
    expect(hover).toBe('✓ **Quote verified**: verbatim in \\[\\[002\\#conclusion\\]\\].');
  });

  it('fixes a misquote with the source’s wording, and a misplaced quote by retargeting', async () => {
    const uri = ws.uri('drafts/fix.md');
    const text =
      '“第三阶段美国内部博弈主要围饶和谈主导权”[[002#us-phase3]]\n\n“第三阶段美国内部博弈主要围绕和谈主导权”[[002#us-phase2]]\n';
    lsp.open(uri, text);
    const diagnostics = await lsp.waitForDiagnostics(uri, (d) => d.length === 2);
    const ask = (needle: string) => {
      const at = positionOf(text, needle);
      return lsp.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: at, end: at },
        context: { diagnostics },
      }) as Promise<CodeAction[]>;
    };
    const [wording] = await ask('围饶');
    expect(wording!.title).toBe("Use the source's wording: 第三阶段美国内部博弈主要围绕和谈主导权");
    expect(applyEdits(text, wording!.edit!.changes![uri]!).split('\n')[0]).toBe(
      '“第三阶段美国内部博弈主要围绕和谈主导权”[[002#us-phase3]]',
    );
    const [retarget] = await ask('[[002#us-phase2');
    expect(retarget!.title).toBe('Change to [[002#us-phase3]] (where the quote is)');
    expect(applyEdits(text, retarget!.edit!.changes![uri]!).split('\n')[2]).toBe(
      '“第三阶段美国内部博弈主要围绕和谈主导权”[[002#us-phase3]]',
    );
  });
});
