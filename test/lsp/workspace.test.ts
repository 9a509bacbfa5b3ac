/**
 * Keeping the index fresh and the workspace's shape: files changed on disk, unsaved edits of
 * open sources, configuration, several folders, "Check All Citations", and bad requests.
 */
import iconv from 'iconv-lite';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  FileChangeType,
  HoverRequest,
  type CompletionList,
} from 'vscode-languageserver-protocol';
import { makeWorkspace, positionOf, startServer, type LspClient, type Workspace } from './harness.js';

let ws: Workspace | undefined;
let lsp: LspClient | undefined;
const extra: Workspace[] = [];

afterEach(async () => {
  await lsp?.stop();
  ws?.dispose();
  for (const w of extra.splice(0)) w.dispose();
  lsp = undefined;
  ws = undefined;
});

async function anchorsOf(client: LspClient, uri: string, doc: string): Promise<string[]> {
  const text = `[[${doc}#`;
  client.open(uri, text);
  const list = (await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 0, character: text.length },
  })) as CompletionList | null;
  return list?.items.map((i) => String(i.label)) ?? [];
}

describe('index freshness', () => {
  it('completes an anchor added to a corpus file on disk, without restarting', async () => {
    ws = makeWorkspace({ 'drafts/a.md': '见[[001#new-anchor]]。\n' });
    lsp = await startServer(ws);
    const draft = ws.uri('drafts/a.md');
    lsp.open(draft, '见[[001#new-anchor]]。\n');
    await lsp.waitForDiagnostics(draft, (d) => d.length === 1);
    const file = join(ws.dir, 'corpus/001-pakistan-afghanistan-talks-mistrust.md');
    appendFileSync(file, '\n## 新加的一节 {#new-anchor}\n\n新的段落。\n');
    lsp.filesChanged([
      { uri: ws.uri('corpus/001-pakistan-afghanistan-talks-mistrust.md'), type: FileChangeType.Changed },
    ]);
    const cleared = await lsp.waitForDiagnostics(draft, (d) => d.length === 0);
    expect(cleared).toEqual([]);
    expect(await anchorsOf(lsp, ws.uri('drafts/b.md'), '001')).toContain('new-anchor');
  });

  it('follows unsaved edits of an open source, and a deleted source', async () => {
    ws = makeWorkspace();
    lsp = await startServer(ws);
    const corpusUri = ws.uri('corpus/003-us-quasi-allies-dilemma.md');
    const original = readFileSync(join(ws.dir, 'corpus/003-us-quasi-allies-dilemma.md'), 'utf8');
    lsp.open(corpusUri, original);
    lsp.change(corpusUri, `${original}\n## 未保存 {#unsaved}\n\n文字。\n`);
    await expect
      .poll(() => anchorsOf(lsp!, ws!.uri('drafts/c.md'), '003'), { timeout: 5000 })
      .toContain('unsaved');
    rmSync(join(ws.dir, 'corpus/004-us-allies-eurasia-network.md'));
    lsp.filesChanged([
      { uri: ws.uri('corpus/004-us-allies-eurasia-network.md'), type: FileChangeType.Deleted },
    ]);
    await lsp.waitForStatus((s) => s.state === 'ready' && s.sources === 4);
  });

  it('indexes a created source and reports a renamed one under its new name', async () => {
    ws = makeWorkspace();
    lsp = await startServer(ws);
    ws.write('corpus/005-new.md', '---\nid: "005"\ntitle: 新来源\n---\n\n## 一 {#one}\n\n文字。\n');
    lsp.filesChanged([{ uri: ws.uri('corpus/005-new.md'), type: FileChangeType.Created }]);
    await lsp.waitForStatus((s) => s.sources === 6);
    expect(await anchorsOf(lsp, ws.uri('drafts/d.md'), '005')).toEqual(['one', 'p1']);
  });
});

describe('workspace shape', () => {
  it('reads source-anchors.json for the corpus and draft folders', async () => {
    ws = makeWorkspace({}, false);
    ws.write('source-anchors.json', JSON.stringify({ corpus: ['papers/'], drafts: ['writing/**/*.md'] }));
    ws.write('papers/010-a.md', '## 甲 {#jia}\n\n内容。\n');
    ws.write('writing/x.md', '[[010#jia]] [[010#yi]]\n');
    ws.write('notes/not-a-draft.md', '[[010#nope]]\n');
    lsp = await startServer(ws);
    expect(lsp.status.at(-1)).toMatchObject({ sources: 1, drafts: 1 });
    const summary = await lsp.connection.sendRequest('sourceAnchors/checkAll');
    expect(summary).toEqual({ files: 1, citations: 2, errors: 1, warnings: 0 });
    const d = await lsp.waitForDiagnostics(ws.uri('writing/x.md'));
    expect(d.map((x) => x.code)).toEqual(['unknown-anchor']);
    expect(lsp.diagnostics.has(ws.uri('notes/not-a-draft.md'))).toBe(false);
  });

  it('lets editor settings override the file, and says what is wrong with the configuration', async () => {
    ws = makeWorkspace({ 'drafts/x.md': '[[001#nope]]\n' });
    ws.write('source-anchors.json', '{ "corpus": ["corpus/"], "colour": "blue" }');
    lsp = await startServer(ws, {
      settings: { corpus: null, drafts: null, exclude: null, severity: { 'unknown-anchor': 'warning' } },
    });
    expect(lsp.status.at(-1)!.configErrors).toEqual(['source-anchors.json: unknown setting "colour"']);
    await lsp.connection.sendRequest('sourceAnchors/checkAll');
    const d = await lsp.waitForDiagnostics(ws.uri('drafts/x.md'));
    expect(d.map((x) => [x.code, x.severity])).toEqual([['unknown-anchor', 2]]);
  });

  it('says when the corpus folder is missing', async () => {
    ws = makeWorkspace({ 'a.md': 'x' }, false);
    lsp = await startServer(ws);
    expect(lsp.status.at(-1)!.configErrors[0]).toMatch(/^Corpus folder 'corpus' was not found in /);
  });

  it('indexes every folder of a multi-root workspace', async () => {
    ws = makeWorkspace({ 'drafts/a.md': '[[020#b]]\n' });
    const second = makeWorkspace({ 'corpus/020-second.md': '## 乙 {#b}\n\n文字。\n' }, false);
    extra.push(second);
    lsp = await startServer(ws, { folders: [ws.dir, second.dir] });
    expect(lsp.status.at(-1)).toMatchObject({ sources: 6 });
    const summary = await lsp.connection.sendRequest('sourceAnchors/checkAll');
    expect(summary).toMatchObject({ errors: 0 });
  });

  it('reindexes on request', async () => {
    ws = makeWorkspace();
    lsp = await startServer(ws);
    writeFileSync(join(ws.dir, 'corpus/006-late.md'), '# 迟到\n');
    const status = await lsp.connection.sendRequest('sourceAnchors/reindex');
    expect(status).toMatchObject({ state: 'ready', sources: 6 });
  });
});

describe('robustness', () => {
  it('answers empty for unknown documents and out-of-range positions, and keeps serving', async () => {
    ws = makeWorkspace();
    lsp = await startServer(ws);
    expect(
      await lsp.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///nowhere.md' },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
    const uri = ws.uri('drafts/r.md');
    const text = '[[002#us]]';
    lsp.open(uri, text);
    expect(
      await lsp.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 99, character: 999 },
      }),
    ).toBeNull();
    expect(
      await lsp.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: -1, character: -5 },
      }),
    ).toBeNull();
    const hover = await lsp.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'us'),
    });
    expect(hover).not.toBeNull();
  });

  it('reports an undecodable source and indexes the rest', async () => {
    ws = makeWorkspace();
    writeFileSync(join(ws.dir, 'corpus/009-binary.md'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
    lsp = await startServer(ws);
    const d = await lsp.waitForDiagnostics(ws.uri('corpus/009-binary.md'));
    expect(d.map((x) => x.code)).toEqual(['unreadable-source']);
    expect(lsp.status.at(-1)).toMatchObject({ sources: 6 });
  });
});

describe('review fixes', () => {
  it('survives a draft whose front matter does not resolve, and bad settings', async () => {
    ws = makeWorkspace({ 'drafts/a.md': '---\ntitle: *Draft*\n---\n[[001#nope]]\n' });
    lsp = await startServer(ws, { settings: { drafts: [''], corpus: null, exclude: null, severity: {} } });
    expect(lsp.status.at(-1)!.configErrors).toEqual([
      'settings (sourceAnchors.*): "drafts" must be a list of non-empty paths or globs',
    ]);
    const summary = await lsp.connection.sendRequest('sourceAnchors/checkAll');
    expect(summary).toMatchObject({ files: 1, errors: 1 });
  });

  it('clears diagnostics of a file that stops being a draft', async () => {
    ws = makeWorkspace({ 'notes/a.md': '[[001#nope]]\n' });
    lsp = await startServer(ws);
    const uri = ws.uri('notes/a.md');
    lsp.open(uri, '[[001#nope]]\n');
    await lsp.waitForDiagnostics(uri, (d) => d.length === 1);
    ws.write('source-anchors.json', JSON.stringify({ drafts: ['drafts/**/*.md'] }));
    lsp.filesChanged([{ uri: ws.uri('source-anchors.json'), type: FileChangeType.Created }]);
    expect(await lsp.waitForDiagnostics(uri, (d) => d.length === 0)).toEqual([]);
  });

  it('republishes a closed draft changed on disk after Check All', async () => {
    ws = makeWorkspace({ 'drafts/a.md': '[[001#nope]]\n' });
    lsp = await startServer(ws);
    await lsp.connection.sendRequest('sourceAnchors/checkAll');
    const uri = ws.uri('drafts/a.md');
    await lsp.waitForDiagnostics(uri, (d) => d.length === 1);
    ws.write('drafts/a.md', '[[001#tense-friendship]]\n');
    lsp.filesChanged([{ uri, type: FileChangeType.Changed }]);
    expect(await lsp.waitForDiagnostics(uri, (d) => d.length === 0)).toEqual([]);
  });

  it('forgets every source of a deleted folder', async () => {
    ws = makeWorkspace();
    ws.write('corpus/old/777-gone.md', '## 旧 {#gone}\n');
    lsp = await startServer(ws);
    expect(lsp.status.at(-1)).toMatchObject({ sources: 6 });
    rmSync(join(ws.dir, 'corpus/old'), { recursive: true });
    lsp.filesChanged([{ uri: ws.uri('corpus/old'), type: FileChangeType.Deleted }]);
    await lsp.waitForStatus((s) => s.sources === 5);
  });

  it('keeps a GBK source as decoded from disk when the editor opens it as UTF-8', async () => {
    ws = makeWorkspace({ 'drafts/a.md': '[[gbk#背景]]\n' });
    writeFileSync(
      join(ws.dir, 'corpus/gbk.md'),
      iconv.encode('## 背景\n\n巴基斯坦与阿富汗的关系。\n', 'gb18030'),
    );
    lsp = await startServer(ws);
    const draft = ws.uri('drafts/a.md');
    lsp.open(draft, '[[gbk#背景]]\n');
    await lsp.waitForDiagnostics(draft, (d) => d.length === 0);
    const asUtf8 = readFileSync(join(ws.dir, 'corpus/gbk.md')).toString('utf8');
    lsp.open(ws.uri('corpus/gbk.md'), asUtf8);
    lsp.diagnostics.delete(draft);
    lsp.change(draft, '[[gbk#背景]] \n');
    expect(await lsp.waitForDiagnostics(draft, (d) => d.length === 0)).toEqual([]);
  });
});
