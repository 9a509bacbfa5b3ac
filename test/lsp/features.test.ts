/**
 * Every language feature, end to end over LSP: the bundled server on a temporary workspace
 * holding a copy of corpus/ and drafts written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type LocationLink,
  type MarkupContent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { runCli } from '../helpers/cli.js';
import { applyEdits, lineOf } from './edits.js';
import { makeWorkspace, positionOf, REPO, startServer, type LspClient, type Workspace } from './harness.js';

const CORPUS_002 = readFileSync(join(REPO, 'corpus/002-us-taliban-internal-games.md'), 'utf8');
const CORPUS_004 = readFileSync(join(REPO, 'corpus/004-us-allies-eurasia-network.md'), 'utf8');

const DRAFT = [
  '# 草稿',
  '',
  '美国内部“撤军派”最终胜出[[002#us-phase3]]，见[[002#us-phase3|第三阶段]]。',
  '斯皮克曼的边缘地带论[[004#rimland]]。',
  '错误的锚点[[002#us-phase9]]和文档[[02#us-phase3]]，以及[[002#]]。',
  '',
].join('\n');
const OTHER = '另一份草稿也引用[[002#us-phase3]]。\n';

let ws: Workspace;
let lsp: LspClient;
let draftUri: string;
let otherUri: string;

beforeAll(async () => {
  ws = makeWorkspace({ 'drafts/paper.md': DRAFT, 'drafts/other.md': OTHER });
  draftUri = ws.uri('drafts/paper.md');
  otherUri = ws.uri('drafts/other.md');
  lsp = await startServer(ws);
  lsp.open(draftUri, DRAFT);
});

afterAll(async () => {
  await lsp?.stop();
  ws?.dispose();
});

async function complete(text: string, cursor: string, delta = 0, uri = ws.uri('drafts/scratch.md')) {
  lsp.open(uri, text);
  const list = (await lsp.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: positionOf(text, cursor, delta),
  })) as CompletionList | null;
  return list;
}

function accept(text: string, item: CompletionItem): string {
  return applyEdits(text, [item.textEdit as TextEdit]);
}

describe('indexing', () => {
  it('reports the corpus in its ready status', () => {
    const ready = lsp.status.find((s) => s.state === 'ready')!;
    expect(ready).toMatchObject({ state: 'ready', sources: 5, drafts: 2, configErrors: [] });
    expect(ready.anchors).toBeGreaterThan(100);
  });

  it('reports work-done progress while indexing', () => {
    expect(lsp.progress[0]).toBe('begin: Indexing sources…');
    expect(lsp.progress).toContain('report: Indexing sources… 5/5');
    expect(lsp.progress.at(-1)).toBe('end');
  });
});

describe('completion', () => {
  it('lists the documents after [[ with title and details, closing the citation', async () => {
    const text = '见[[';
    const list = await complete(text, '[[', 2);
    expect(list!.items.map((i) => i.label)).toEqual(['000', '001', '002', '003', '004']);
    const paper = list!.items[2]!;
    expect(paper.detail).toBe('美塔协议签署后的美阿塔三方内部博弈');
    expect((paper.documentation as MarkupContent).value).toContain('兰江\\, 杨秀琴');
    expect(accept(text, paper)).toBe('见[[002]]');
  });

  it('replaces what is typed instead of repeating it: [[00 → [[002', async () => {
    const text = '见[[00';
    const list = await complete(text, '[[00', 4);
    const item = list!.items.find((i) => i.label === '002')!;
    expect(item.textEdit).toEqual({
      range: { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } },
      newText: '002]]',
    });
    expect(accept(text, item)).toBe('见[[002]]');
  });

  it('works in the middle of a line of CJK text without eating it', async () => {
    const text = '赛义德认为[[00核心问题是意识形态。';
    const list = await complete(text, '[[00', 4);
    const item = list!.items.find((i) => i.label === '001')!;
    expect(accept(text, item)).toBe('赛义德认为[[001]]核心问题是意识形态。');
  });

  it('does not add ]] when the citation is already closed', async () => {
    const text = '见[[00]]。';
    const list = await complete(text, '[[00', 4);
    expect(
      accept(
        text,
        list!.items.find((i) => i.label === '003')!,
      ),
    ).toBe('见[[003]]。');
  });

  it('lists a document’s anchors in document order after #', async () => {
    const text = '见[[002#';
    const list = await complete(text, '#', 1);
    const named = list!.items
      .filter((i) => i.sortText!.startsWith('a'))
      .sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    const expected = [...CORPUS_002.matchAll(/\{#([\w-]+)\}|\s\^([\w-]+)\s*$/gm)].map((m) => m[1] ?? m[2]);
    expect(named.map((i) => i.label).filter((l) => expected.includes(l))).toEqual(expected);
    for (const id of [
      'abstract',
      'intro',
      'theory',
      'us',
      'us-phase1',
      'us-phase2',
      'us-phase3',
      'gov',
      'taliban',
      'conclusion',
    ]) {
      expect(named.map((i) => i.label)).toContain(id);
    }
    const phase3 = list!.items.find((i) => i.label === 'us-phase3')!;
    expect(phase3.detail).toBe('（三）美国重启撤军至塔利班重返执政的美国内部博弈');
    expect(phase3.documentation).toBeUndefined();
    const resolved = await lsp.connection.sendRequest(CompletionResolveRequest.type, phase3);
    expect((resolved.documentation as MarkupContent).value).toContain(
      '第三阶段美国内部博弈主要围绕和谈主导权',
    );
    expect(accept(text, phase3)).toBe('见[[002#us-phase3]]');
    expect(list!.items.some((i) => i.label === 'p1')).toBe(true);
  });

  it('replaces a partly typed anchor and keeps a label that follows', async () => {
    const text = '见[[002#us-ph|撤军]]';
    const list = await complete(text, 'us-ph', 5);
    expect(
      accept(
        text,
        list!.items.find((i) => i.label === 'us-phase2')!,
      ),
    ).toBe('见[[002#us-phase2|撤军]]');
  });

  it('offers the heading as the shown text after |', async () => {
    const text = '见[[002#us-phase3|';
    const list = await complete(text, '|', 1);
    expect(list!.items.map((i) => i.label)).toEqual([
      '（三）美国重启撤军至塔利班重返执政的美国内部博弈',
      '美塔协议签署后的美阿塔三方内部博弈',
    ]);
    expect(accept(text, list!.items[0]!)).toBe(
      '见[[002#us-phase3|（三）美国重启撤军至塔利班重返执政的美国内部博弈]]',
    );
  });

  it('offers nothing outside citations and inside code', async () => {
    expect(await complete('普通文字', '文字', 1)).toBeNull();
    expect(await complete('`[[00`', '[[00', 4)).toBeNull();
  });
});

describe('hover', () => {
  it('shows title, authors, heading and the passage, escaped, with a link to the source', async () => {
    const hover = (await lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: draftUri },
      position: positionOf(DRAFT, '[[002#us-phase3]]', 8),
    })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    expect(value).toContain('**美塔协议签署后的美阿塔三方内部博弈** — 兰江\\, 杨秀琴');
    expect(value).toContain('002\\#us\\-phase3 · （三）美国重启撤军至塔利班重返执政的美国内部博弈');
    expect(value).toContain(
      '第三阶段美国内部博弈主要围绕和谈主导权与以何种方式帮助阿富汗政府抵御塔利班攻势。',
    );
    expect(value).toMatch(/\*… [\d,]+ more characters \(\d+ more blocks?\) in this passage\*/);
    const line = lineOf(CORPUS_002, '{#us-phase3}') + 1;
    expect(value).toContain(`(<${ws.uri('corpus/002-us-taliban-internal-games.md')}#L${line}>)`);
    expect(hover.range).toEqual({
      start: positionOf(DRAFT, '[[002#us-phase3]]'),
      end: positionOf(DRAFT, '[[002#us-phase3]]', 17),
    });
  });

  it('says what is wrong with a broken citation', async () => {
    const hover = (await lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: draftUri },
      position: positionOf(DRAFT, 'us-phase9', 2),
    })) as Hover;
    expect((hover.contents as MarkupContent).value).toMatch(
      /^\*\*Broken citation\.\*\* Unknown anchor \\'us\\-phase9\\'/,
    );
  });

  it('answers nothing away from citations', async () => {
    const hover = await lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: draftUri },
      position: { line: 0, character: 1 },
    });
    expect(hover).toBeNull();
  });
});

describe('go to source', () => {
  it('goes to the exact anchor in the corpus file', async () => {
    const links = (await lsp.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: draftUri },
      position: positionOf(DRAFT, '[[004#rimland]]', 3),
    })) as LocationLink[];
    const line = lineOf(CORPUS_004, '^rimland');
    const lineText = CORPUS_004.split('\n')[line]!;
    expect(links).toEqual([
      {
        originSelectionRange: {
          start: positionOf(DRAFT, '[[004#rimland]]'),
          end: positionOf(DRAFT, '[[004#rimland]]', 15),
        },
        targetUri: ws.uri('corpus/004-us-allies-eurasia-network.md'),
        targetRange: { start: { line, character: 0 }, end: { line, character: lineText.length } },
        targetSelectionRange: {
          start: { line, character: lineText.lastIndexOf('^rimland') + 1 },
          end: { line, character: lineText.lastIndexOf('^rimland') + 8 },
        },
      },
    ]);
  });

  it('makes every resolvable citation a document link', async () => {
    const links = await lsp.connection.sendRequest(DocumentLinkRequest.type, {
      textDocument: { uri: draftUri },
    });
    expect(links!.map((l) => l.target!.replace(ws.uri(''), ''))).toEqual([
      `/corpus/002-us-taliban-internal-games.md#L${lineOf(CORPUS_002, '{#us-phase3}') + 1}`,
      `/corpus/002-us-taliban-internal-games.md#L${lineOf(CORPUS_002, '{#us-phase3}') + 1}`,
      `/corpus/004-us-allies-eurasia-network.md#L${lineOf(CORPUS_004, '^rimland') + 1}`,
    ]);
  });
});

describe('references and code lenses', () => {
  it('finds every citation of an anchor in every draft, from a citation', async () => {
    const refs = await lsp.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: draftUri },
      position: positionOf(DRAFT, '[[002#us-phase3]]', 5),
      context: { includeDeclaration: false },
    });
    expect(
      refs!.map((r) => [r.uri === draftUri ? 'paper' : r.uri === otherUri ? 'other' : r.uri, r.range.start]),
    ).toEqual([
      ['other', positionOf(OTHER, '[[002')],
      ['paper', positionOf(DRAFT, '[[002#us-phase3]]')],
      ['paper', positionOf(DRAFT, '[[002#us-phase3|')],
    ]);
  });

  it('finds the same from the anchor in the corpus file, declaration included', async () => {
    const corpusUri = ws.uri('corpus/002-us-taliban-internal-games.md');
    const line = lineOf(CORPUS_002, '{#us-phase3}');
    const character = CORPUS_002.split('\n')[line]!.indexOf('us-phase3');
    const refs = await lsp.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: corpusUri },
      position: { line, character: character + 2 },
      context: { includeDeclaration: true },
    });
    expect(refs).toHaveLength(4);
    expect(refs![0]).toEqual({
      uri: corpusUri,
      range: { start: { line, character }, end: { line, character: character + 9 } },
    });
  });

  it('puts "cited N times" on anchors', async () => {
    const corpusUri = ws.uri('corpus/002-us-taliban-internal-games.md');
    const lenses = await lsp.connection.sendRequest(CodeLensRequest.type, {
      textDocument: { uri: corpusUri },
    });
    const byLine = new Map(lenses!.map((l) => [l.range.start.line, l.command!]));
    expect(byLine.get(lineOf(CORPUS_002, '{#us-phase3}'))!.title).toBe('cited 3 times');
    expect(byLine.get(lineOf(CORPUS_002, '{#us-phase1}'))!.title).toBe('not cited yet');
    expect(byLine.get(lineOf(CORPUS_002, '{#us-phase3}'))!.command).toBe('sourceAnchors.showReferences');
    expect((byLine.get(lineOf(CORPUS_002, '{#us-phase3}'))!.arguments![2] as unknown[]).length).toBe(3);
  });
});

describe('diagnostics', () => {
  it('pushes the CLI’s diagnostics for an open draft, word for word', async () => {
    const pushed = await lsp.waitForDiagnostics(draftUri, (d) => d.length === 3);
    const run = runCli(['check', '--format', 'json', 'drafts/paper.md'], ws.dir);
    expect(run.code).toBe(1);
    const cli = JSON.parse(run.stdout) as {
      files: {
        path: string;
        diagnostics: {
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
          code: string;
          message: string;
          severity: string;
        }[];
      }[];
    };
    const fromCli = cli.files.find((f) => f.path === 'drafts/paper.md')!.diagnostics;
    expect(
      pushed.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        code: d.code,
        message: d.message,
        severity: d.severity === 1 ? 'error' : 'warning',
      })),
    ).toEqual(
      fromCli.map(({ line, column, endLine, endColumn, code, message, severity }) => ({
        line,
        column,
        endLine,
        endColumn,
        code,
        message,
        severity,
      })),
    );
    expect(pushed.map((d) => [d.code, d.source])).toEqual([
      ['unknown-anchor', 'source-anchors'],
      ['unknown-document', 'source-anchors'],
      ['malformed-citation', 'source-anchors'],
    ]);
  }, 30_000);

  it('updates as the writer types', async () => {
    const uri = ws.uri('drafts/typing.md');
    lsp.open(uri, '见[[002#us-phase3]]。');
    await lsp.waitForDiagnostics(uri, (d) => d.length === 0);
    lsp.change(uri, '见[[002#us-phase33]]。');
    const d = await lsp.waitForDiagnostics(uri, (x) => x.length === 1);
    expect(d[0]!.code).toBe('unknown-anchor');
    expect(d[0]!.range).toEqual({ start: { line: 0, character: 7 }, end: { line: 0, character: 17 } });
  });
});

describe('code actions', () => {
  async function fixes(needle: string) {
    const diagnostics = await lsp.waitForDiagnostics(draftUri, (d) => d.length === 3);
    const at = positionOf(DRAFT, needle, 3);
    return lsp.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: draftUri },
      range: { start: at, end: at },
      context: { diagnostics },
    });
  }

  it('offers one quick fix per suggestion, none preferred when several are close', async () => {
    const actions = (await fixes('[[002#us-phase9]]')) as {
      title: string;
      isPreferred?: boolean;
      diagnostics?: { code?: unknown }[];
    }[];
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Change to [[002#us-phase1]]', false],
      ['Change to [[002#us-phase2]]', false],
      ['Change to [[002#us-phase3]]', false],
    ]);
    expect(actions[0]!.diagnostics![0]!.code).toBe('unknown-anchor');
  });

  it('prefers the single clear fix, and its edit repairs the citation', async () => {
    const actions = (await fixes('[[02#us-phase3]]')) as {
      title: string;
      isPreferred?: boolean;
      edit?: WorkspaceEdit;
    }[];
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([['Change to [[002#us-phase3]]', true]]);
    const fixed = applyEdits(DRAFT, actions[0]!.edit!.changes![draftUri]!);
    expect(fixed).toContain('和文档[[002#us-phase3]]，');
  });
});

describe('rename', () => {
  it('renames a block id in the corpus and every citation of it', async () => {
    const at = positionOf(DRAFT, '[[004#rimland]]', 8);
    const prepared = await lsp.connection.sendRequest(PrepareRenameRequest.type, {
      textDocument: { uri: draftUri },
      position: at,
    });
    expect(prepared).toEqual({
      range: { start: positionOf(DRAFT, 'rimland'), end: positionOf(DRAFT, 'rimland', 7) },
      placeholder: 'rimland',
    });
    const edit = (await lsp.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: draftUri },
      position: at,
      newName: 'rimland-theory',
    }))!;
    const corpusUri = ws.uri('corpus/004-us-allies-eurasia-network.md');
    expect(Object.keys(edit.changes!).sort()).toEqual([corpusUri, draftUri].sort());
    expect(applyEdits(CORPUS_004, edit.changes![corpusUri]!)).toBe(
      CORPUS_004.replace(' ^rimland', ' ^rimland-theory'),
    );
    expect(applyEdits(DRAFT, edit.changes![draftUri]!)).toBe(
      DRAFT.replace('[[004#rimland]]', '[[004#rimland-theory]]'),
    );
  });

  it('refuses ids that collide, slugs and paragraph numbers, with a reason', async () => {
    const at = positionOf(DRAFT, '[[004#rimland]]', 8);
    await expect(
      lsp.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: draftUri },
        position: at,
        newName: 'colby',
      }),
    ).rejects.toThrow("004 already has an anchor 'colby'");
    await expect(
      lsp.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: draftUri },
        position: at,
        newName: 'p3',
      }),
    ).rejects.toThrow("'p3' is reserved for paragraph 3");
    const uri = ws.uri('drafts/rename.md');
    const text = '[[002#p3]] [[002#美塔协议签署后的美阿塔三方内部博弈]]';
    lsp.open(uri, text);
    await expect(
      lsp.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri },
        position: positionOf(text, 'p3', 1),
      }),
    ).rejects.toThrow("'p3' is a paragraph number");
    await expect(
      lsp.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri },
        position: positionOf(text, '美塔', 1),
      }),
    ).rejects.toThrow('is the slug of the heading');
  });
});

describe('symbols', () => {
  it('finds anchors across the corpus by id and by heading text', async () => {
    const byId = await lsp.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'us-phase3' });
    expect(byId!.map((s) => s.name)).toContain(
      '002#us-phase3 — （三）美国重启撤军至塔利班重返执政的美国内部博弈',
    );
    const byText = await lsp.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '切身利益' });
    expect(byText![0]!.name).toBe('003#vital-interests — 切身利益');
    // Then the passages that say it.
    expect(byText!.slice(1).every((s) => s.name.includes('切身利益'))).toBe(true);
  });

  it('outlines a corpus file with nested headings and block anchors', async () => {
    const symbols = (await lsp.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: ws.uri('corpus/002-us-taliban-internal-games.md') },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['美塔协议签署后的美阿塔三方内部博弈']);
    const sections = symbols[0]!.children!;
    expect(sections.find((s) => s.detail === '#us')!.children!.map((s) => s.detail)).toEqual(
      expect.arrayContaining(['#us-phase1', '#us-phase2', '#us-phase3']),
    );
    expect(sections.map((s) => s.name)).toContain('^abstract');
  });
});
