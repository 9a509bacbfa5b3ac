/**
 * Export Paper over real LSP: the options the command offers, a refused draft, a written docx.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, startServer, type LspClient, type Workspace } from './harness.js';

const GOOD = '# 草稿\n\n撤军派胜出[[002#us-phase3]]。\n';
const BAD = '# 草稿\n\n坏的[[002#us-phase9]]。\n';

describe('sourceAnchors/exportPaper', () => {
  let ws: Workspace;
  let lsp: LspClient;
  beforeAll(async () => {
    ws = makeWorkspace({ 'drafts/good.md': GOOD, 'drafts/bad.md': BAD });
    lsp = await startServer(ws);
  });
  afterAll(async () => {
    await lsp?.stop();
    ws?.dispose();
  });

  it('offers the four formats and the built-in styles, the configured one named', async () => {
    const r = (await lsp.connection.sendRequest('sourceAnchors/exportOptions', {
      uri: ws.uri('drafts/good.md'),
    })) as {
      formats: { id: string }[];
      styles: { alias: string }[];
      configuredStyle: string;
    };
    expect(r.formats.map((f) => f.id)).toEqual(['docx', 'html', 'markdown', 'pandoc']);
    expect(r.styles.map((s) => s.alias)).toEqual(['gb-note', 'gb-author-date', 'chicago', 'apa']);
    expect(r.configuredStyle).toBe('gb-note');
  });

  it('refuses a draft with errors and writes nothing', async () => {
    const output = join(ws.dir, 'bad.docx');
    const r = await lsp.connection.sendRequest('sourceAnchors/exportPaper', {
      uri: ws.uri('drafts/bad.md'),
      format: 'docx',
      output,
    });
    expect(r).toEqual({
      ok: false,
      message: 'Export refused: bad.md has 1 error. Fix them, or export anyway.',
      written: [],
      errors: [
        "3:9 Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
      ],
    });
    expect(existsSync(output)).toBe(false);
  });

  it('writes the paper of a good draft', async () => {
    const output = join(ws.dir, 'good.paper.md');
    const r = await lsp.connection.sendRequest('sourceAnchors/exportPaper', {
      uri: ws.uri('drafts/good.md'),
      format: 'markdown',
      output,
    });
    expect(r).toEqual({
      ok: true,
      message:
        'Exported good.md to good.paper.md (China National Standard GB/T 7714-2015 (note, 中文), zh-CN): 1 citation, 1 in the bibliography.',
      written: [output],
      errors: [],
    });
    expect(readFileSync(output, 'utf8')).toContain(
      '撤军派胜出[^1]。\n\n[^1]: 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈\\[J\\]. 53–55.',
    );
  });
});
