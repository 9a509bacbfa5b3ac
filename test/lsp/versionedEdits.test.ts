/**
 * Edits never lose a writer's text: rename and quick fixes go out as versioned `documentChanges`,
 * so an edit computed for version N of a draft is refused at version N+1 instead of being applied
 * where the text has moved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  RenameRequest,
  type CodeAction,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits, applyVersioned, type EditorFile } from './edits.js';
import { makeWorkspace, positionOf, REPO, startServer, type LspClient, type Workspace } from './harness.js';

const CORPUS = 'corpus/004-us-allies-eurasia-network.md';
const CORPUS_TEXT = readFileSync(join(REPO, CORPUS), 'utf8');
const V1 = '布热津斯基的边缘地带[[004#rimland]]。\n';
/** Version 2: the writer typed a line above the citation. */
const V2 = '新的一行。\n' + V1;

let ws: Workspace;
let lsp: LspClient;
let draft: string;
let corpus: string;

beforeAll(async () => {
  ws = makeWorkspace({ 'drafts/a.md': V1 });
  draft = ws.uri('drafts/a.md');
  corpus = ws.uri(CORPUS);
  lsp = await startServer(ws, {
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
      },
    },
  });
  lsp.open(draft, V1);
});

afterAll(async () => {
  await lsp.stop();
  ws.dispose();
});

const rename = (text: string, newName: string) =>
  lsp.connection.sendRequest(RenameRequest.type, {
    textDocument: { uri: draft },
    position: positionOf(text, '[[004#rimland]]', 8),
    newName,
  }) as Promise<WorkspaceEdit>;

const files = (draftText: string, version: number) =>
  new Map<string, EditorFile>([
    [draft, { text: draftText, version }],
    [corpus, { text: CORPUS_TEXT, version: null }],
  ]);

describe('versioned edits', () => {
  it('rename names the draft version it was computed for, and null for a file on disk', async () => {
    const edit = await rename(V1, 'rimland-theory');
    expect(edit.changes).toBeUndefined();
    const docs = (edit.documentChanges as TextDocumentEdit[]).map((c) => c.textDocument);
    expect(docs.sort((a, b) => a.uri.localeCompare(b.uri))).toEqual(
      [
        { uri: corpus, version: null },
        { uri: draft, version: 1 },
      ].sort((a, b) => a.uri.localeCompare(b.uri)),
    );
    const applied = applyVersioned(files(V1, 1), edit);
    expect(applied).toEqual({
      ok: true,
      texts: new Map([
        [corpus, CORPUS_TEXT.replace(' ^rimland', ' ^rimland-theory')],
        [draft, V1.replace('[[004#rimland]]', '[[004#rimland-theory]]')],
      ]),
    });
  });

  it('a rename computed for version 1 is refused at version 2; computed anew, it applies', async () => {
    const stale = await rename(V1, 'rimland-theory');
    lsp.change(draft, V2);
    const staleDraftEdits = (stale.documentChanges as TextDocumentEdit[]).find(
      (c) => c.textDocument.uri === draft,
    )!;
    // Applied blindly, the stale edit would overwrite `[[004#r` of the moved citation.
    expect(applyEdits(V2, staleDraftEdits.edits as TextEdit[])).toBe(
      '新的一行。\n布热津斯基的边缘地带rimland-theoryimland]]。\n',
    );
    expect(applyVersioned(files(V2, 2), stale)).toEqual({
      ok: false,
      reason: `${draft} is at version 2, the edit is for 1`,
    });
    const fresh = await rename(V2, 'rimland-theory');
    const applied = applyVersioned(files(V2, 2), fresh);
    expect(applied.ok && applied.texts.get(draft)).toBe(
      V2.replace('[[004#rimland]]', '[[004#rimland-theory]]'),
    );
  });

  it('a quick fix names the draft version too', async () => {
    const v3 = '见[[004#rimlnd]]。\n';
    lsp.change(draft, v3);
    const at = positionOf(v3, 'rimlnd', 2);
    const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: draft },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    })) as CodeAction[];
    expect(actions.map((a) => [a.title, a.edit])).toEqual([
      [
        'Change to [[004#rimland]]',
        {
          documentChanges: [
            {
              textDocument: { uri: draft, version: 3 },
              edits: [
                {
                  range: { start: { line: 0, character: 3 }, end: { line: 0, character: 13 } },
                  newText: '004#rimland',
                },
              ],
            },
          ],
        },
      ],
    ]);
  });
});
