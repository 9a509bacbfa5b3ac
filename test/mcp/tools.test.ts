/**
 * The MCP server's tools, resources and prompt through the SDK's in-memory client, over a copy
 * of the bundled corpus: the same verdicts, codes and messages as `check` and the editor.
 */
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { extractQuotes } from '../../server/src/engine/drafts/quotes.js';
import { ENGLISH_SOURCE, QUOTE_CASES } from '../fixtures/quoteCases.js';
import { makeWorkspace, type Workspace } from '../lsp/harness.js';
import { connect, type McpSession } from './mcpClient.js';

const ESSAY = [
  '# Essay',
  '',
  '赛义德说“在我看来,核心问题是意识形态的一致性”[[001#saeed-ideology]]。见[[002#us-phase9]]。',
  '',
].join('\n');

let ws: Workspace;
let outside: Workspace;
let mcp: McpSession;
beforeAll(async () => {
  ws = makeWorkspace({ 'corpus/900-english.md': ENGLISH_SOURCE, 'drafts/essay.md': ESSAY });
  outside = makeWorkspace({ 'secret.md': '# Secret\n\n[[002#us-phase3]]\n' }, false);
  symlinkSync(join(outside.dir, 'secret.md'), join(ws.dir, 'drafts/link.md'));
  mcp = await connect(ws.dir);
});
afterAll(async () => {
  await mcp.close();
  ws.dispose();
  outside.dispose();
});

describe('tools', () => {
  it('lists six read-only tools, each with an input and an output schema', async () => {
    const { tools } = await mcp.client.listTools();
    expect(
      tools.map((t) => [t.name, t.annotations?.readOnlyHint, !!t.inputSchema, !!t.outputSchema]),
    ).toEqual([
      ['search_passages', true, true, true],
      ['get_passage', true, true, true],
      ['verify_quote', true, true, true],
      ['check_draft', true, true, true],
      ['format_citation', true, true, true],
      ['list_documents', true, true, true],
    ]);
  });
});

describe('search_passages', () => {
  it.each([
    ['Traditional', '國防工業生產'],
    ['Simplified', '国防工业生产'],
  ])('finds the Traditional source 004 from a %s query', async (_, query) => {
    const r = await mcp.call('search_passages', { query, limit: 1 });
    expect(r.isError).toBe(false);
    const [first] = (r.structured as { passages: Record<string, unknown>[] }).passages;
    expect(first).toMatchObject({
      citation: '[[004#defense-industry]]',
      document: {
        id: '004',
        title: '美國應該努力影響其盟友正在建構的新網路',
        authors: ['朱莉安·史密斯 (Julianne Smith)', '林賽·福特 (Lindsey Ford)'],
        date: '2025-11',
      },
      sentence: '美國及其盟友應協調國防工業生產,以彌補彼此武器庫的缺口。',
    });
    expect(r.text.split('\n')[0]).toBe(
      '1. [[004#defense-industry]] — 朱莉安·史密斯 (Julianne Smith), 林賽·福特 (Lindsey Ford). 美國應該努力影響其盟友正在建構的新網路 (2025-11) › 美國應該努力影響其盟友正在建構的新網路',
    );
  });

  it('gives the pages a passage is on, and searches English', async () => {
    const r = await mcp.call('search_passages', { query: 'Two-Level Games', limit: 2 });
    const passages = (r.structured as { passages: { citation: string; pages?: string; heading: string }[] })
      .passages;
    expect(passages.map((p) => [p.citation, p.pages, p.heading])).toEqual([
      ['[[002#fn-47b]]', '47', '（一）竞争性理论和理论选择'],
      ['[[002#fn-48a]]', '48', '（二）“双层博弈论”的理论框架'],
    ]);
  });

  it('searches only the documents asked for', async () => {
    const r = await mcp.call('search_passages', { query: 'two-level game', documents: ['900'], limit: 3 });
    const passages = (r.structured as { passages: { citation: string }[] }).passages;
    expect(passages.map((p) => p.citation)).toEqual(['[[900#two-levels]]']);
    // A query most documents match, kept to one document: its passages only, as many as asked.
    const one = await mcp.call('search_passages', { query: '美国', documents: ['004'], limit: 12 });
    const ids = (one.structured as { passages: { document: { id: string } }[] }).passages.map(
      (p) => p.document.id,
    );
    expect([ids.length, [...new Set(ids)]]).toEqual([12, ['004']]);
  });

  it('says so when nothing matches', async () => {
    const r = await mcp.call('search_passages', { query: 'zzzqqq' });
    expect(r.structured).toEqual({ passages: [] });
    expect(r.text).toBe(
      "No passage matches 'zzzqqq'. Try other words, or the other script (Simplified/Traditional).",
    );
  });
});

describe('get_passage', () => {
  it('reads a passage with its computed pages, and the pages written after @', async () => {
    const whole = await mcp.call('get_passage', { citation: '002#us-phase3' });
    const at54 = await mcp.call('get_passage', { citation: '[[002#us-phase3@54]]' });
    for (const r of [whole, at54]) {
      expect(r.structured).toMatchObject({
        heading: '（三）美国重启撤军至塔利班重返执政的美国内部博弈',
        source: { path: 'corpus/002-us-taliban-internal-games.md', line: 116 },
        truncated: false,
        document: { id: '002', authors: ['兰江', '杨秀琴'], pages: '47–66' },
      });
      expect((r.structured as { text: string }).text).toMatch(/^第三阶段美国内部博弈主要围绕和谈主导权/);
    }
    expect(whole.structured).toMatchObject({ citation: '[[002#us-phase3]]', pages: '53–55' });
    expect(at54.structured).toMatchObject({ citation: '[[002#us-phase3@54]]', pages: '54' });
  });

  it('reads a Traditional block and lists the anchors inside a section', async () => {
    const block = await mcp.call('get_passage', { citation: '004#defense-industry' });
    expect(block.structured).toMatchObject({
      citation: '[[004#defense-industry]]',
      source: { path: 'corpus/004-us-allies-eurasia-network.md', line: 79 },
      anchors: [],
    });
    const section = await mcp.call('get_passage', { citation: '002#us' });
    const anchors = (section.structured as { anchors: { citation: string }[] }).anchors;
    expect(anchors.map((a) => a.citation).filter((c) => c.includes('#us-'))).toEqual([
      '[[002#us-phase1]]',
      '[[002#us-phase2]]',
      '[[002#us-phase3]]',
    ]);
  });

  it('refuses pages the source does not have', async () => {
    const r = await mcp.call('get_passage', { citation: '002#us-phase3@99' });
    expect(r).toEqual({
      isError: true,
      structured: undefined,
      text: 'Page 99 in [[002#us-phase3@99]] is not in document 002 (美塔协议签署后的美阿塔三方内部博弈), which has pages 47–66.',
    });
  });
});

describe('verify_quote', () => {
  it('verified', async () => {
    const r = await mcp.call('verify_quote', { citation: '002#us-phase3', quote: '撤军派' });
    expect(r.structured).toEqual({
      verdict: 'verified',
      message: 'Quote verified: verbatim in [[002#us-phase3]].',
      citation: '[[002#us-phase3]]',
    });
  });

  it('converted: a Simplified quote of the Traditional source', async () => {
    const r = await mcp.call('verify_quote', {
      citation: '[[004#rimland]]',
      quote: '谁控制了边缘地带,谁就统治了欧亚大陆',
    });
    expect(r.structured).toEqual({
      verdict: 'quote-converted',
      message:
        'Quote matches [[004#rimland]] after Traditional→Simplified conversion: the source is in Traditional script.',
      citation: '[[004#rimland]]',
      sourceScript: 'traditional',
    });
  });

  it('elsewhere: names the passage that has the words', async () => {
    const r = await mcp.call('verify_quote', {
      citation: '002#us-phase2',
      quote: '第三阶段美国内部博弈主要围绕和谈主导权',
    });
    expect(r.structured).toEqual({
      verdict: 'quote-elsewhere',
      message: 'Quote not in [[002#us-phase2]]; found in [[002#us-phase3]].',
      citation: '[[002#us-phase2]]',
      found: '[[002#us-phase3]]',
    });
  });

  it("not found: the closest passage and the source's wording", async () => {
    const r = await mcp.call('verify_quote', {
      citation: '002#conclusion',
      quote: '塔利班重返执政是美阿塔三方博弈的最终结果',
    });
    expect(r.structured).toEqual({
      verdict: 'quote-not-found',
      message:
        'Quote not found in [[002#conclusion]] nor anywhere in the corpus; closest: [[002#conclusion]], 90% similar.',
      citation: '[[002#conclusion]]',
      found: '[[002#conclusion]]',
      similarity: 0.9,
      sourceWording: '塔利班重返执政是美阿塔三方博弈的结果',
    });
    expect(r.text).toBe(
      `quote-not-found: ${(r.structured as { message: string }).message}\nThe source's wording: 塔利班重返执政是美阿塔三方博弈的结果`,
    );
  });

  it('gives every quote case of the checker its verdict', async () => {
    const verdict = { verbatim: 'verified', converted: 'quote-converted', 'not-found': 'quote-not-found' };
    const got: [string, string][] = [];
    const want: [string, string][] = [];
    for (const c of QUOTE_CASES) {
      const [quote] = extractQuotes(parseDraft(c.draft));
      const r = await mcp.call('verify_quote', {
        citation: quote!.citation.target,
        quote: quote!.pieces.join('……'),
      });
      const s = r.structured as { verdict: string; found?: string };
      got.push([c.name, s.verdict === 'quote-elsewhere' ? `quote-elsewhere ${s.found}` : s.verdict]);
      want.push([
        c.name,
        c.expect.startsWith('elsewhere ')
          ? `quote-elsewhere [[${c.expect.slice('elsewhere '.length)}]]`
          : verdict[c.expect as keyof typeof verdict],
      ]);
    }
    expect(got).toEqual(want);
  });

  it("an unknown anchor or document: isError with the diagnostics' suggestions", async () => {
    const anchor = await mcp.call('verify_quote', { citation: '002#us-phase9', quote: '撤军派' });
    expect(anchor).toEqual({
      isError: true,
      structured: undefined,
      text: "Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
    });
    const other = await mcp.call('get_passage', { citation: '001#us-phase3' });
    expect(other.text).toBe(
      "Unknown anchor 'us-phase3' in [[001#us-phase3]]: document 001 (“最后一搏”:巴基斯坦-阿富汗谈判因深度不信任而受挫) has no such heading, block or paragraph. Did you mean [[002#us-phase3]]?",
    );
    const doc = await mcp.call('format_citation', { citation: '02#us-phase3' });
    expect(doc).toMatchObject({ isError: true });
    expect(doc.text).toBe(
      "Unknown document '02' in [[02#us-phase3]]: no source has this id. Did you mean [[002#us-phase3]]?",
    );
  });

  it('not a citation', async () => {
    const r = await mcp.call('get_passage', { citation: 'see [[002]] and [[003]]' });
    expect(r.text).toBe(
      "'see [[002]] and [[003]]' is not one citation. Write it as [[002#us-phase3]] or 002#us-phase3 (a document id, then an anchor, then @pages if any).",
    );
  });
});

describe('nothing outside the corpus and the drafts is read', () => {
  it('refuses a citation that is a path', async () => {
    const r = await mcp.call('get_passage', { citation: '../../etc/passwd' });
    expect(r).toMatchObject({ isError: true });
    expect(r.text).toBe(
      "Refused: '../../etc/passwd' is a path, not a document id. Citations name a corpus document by its id (002); list_documents gives them.",
    );
  });

  it.each([
    ['../secret.md', `Refused: ../secret.md leaves the workspace`],
    ['/etc/passwd', `Refused: /etc/passwd leaves the workspace`],
    ['drafts/../../x.md', `Refused: drafts/../../x.md leaves the workspace`],
    ['drafts/link.md', 'Refused: drafts/link.md links to a file outside the workspace.'],
    [
      'corpus/002-us-taliban-internal-games.md',
      'Refused: corpus/002-us-taliban-internal-games.md is a source of the corpus, not a draft: read it with get_passage.',
    ],
    ['drafts/none.md', 'No such draft: drafts/none.md.'],
    ['notes.txt', 'Refused: notes.txt is not a draft of this workspace (drafts: **/*.md, **/*.markdown).'],
  ])('check_draft refuses %s', async (path, message) => {
    const r = await mcp.call('check_draft', { path });
    expect(r.isError).toBe(true);
    expect(r.text.slice(0, message.length)).toBe(message);
  });

  it('refuses a style file outside the workspace', async () => {
    const r = await mcp.call('format_citation', { citation: '002', style: '../../x.csl' });
    expect(r.text).toBe(
      "Refused: '../../x.csl' is neither a built-in style (gb-note, gb-author-date, chicago, apa) nor a .csl file inside the workspace.",
    );
  });
});

describe('check_draft', () => {
  const unknownAnchor = {
    line: 3,
    column: 55,
    endLine: 3,
    endColumn: 64,
    severity: 'error',
    code: 'unknown-anchor',
    message:
      "Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
    citation: '002#us-phase9',
    suggestions: ['002#us-phase1', '002#us-phase2', '002#us-phase3'],
  };

  it('by path: the report of check --format json', async () => {
    const r = await mcp.call('check_draft', { path: 'drafts/essay.md' });
    expect(r.structured).toEqual({
      files: [{ path: 'drafts/essay.md', diagnostics: [unknownAnchor] }],
      summary: { files: 1, citations: 2, errors: 1, warnings: 0, sources: 6, cited: 2 },
    });
    expect(r.text).toBe(
      `drafts/essay.md:3:55 error unknown-anchor ${unknownAnchor.message}\n✖ 1 error, 0 warnings — 2 citations in 1 draft (6 sources, 2 cited).`,
    );
  });

  it('by text: quotations judged too', async () => {
    const r = await mcp.call('check_draft', {
      text: '“谁控制了边缘地带,谁就统治了欧亚大陆”[[004#rimland]]\n\n“撤军派”[[002#us-phase3]]\n',
    });
    expect(r.structured).toEqual({
      files: [
        {
          path: '(text)',
          diagnostics: [
            {
              line: 1,
              column: 2,
              endLine: 1,
              endColumn: 20,
              severity: 'information',
              code: 'quote-converted',
              message:
                'Quote matches [[004#rimland]] after Traditional→Simplified conversion: the source is in Traditional script.',
              citation: '004#rimland',
            },
          ],
        },
      ],
      summary: { files: 1, citations: 2, errors: 0, warnings: 0, sources: 6, cited: 2 },
    });
  });

  it('a clean draft', async () => {
    const r = await mcp.call('check_draft', { text: '“撤军派”[[002#us-phase3]]' });
    expect(r.text).toBe('✔ 1 citation in 1 draft: all resolve (6 sources, 1 cited).');
  });

  it('wants a path or a text', async () => {
    const r = await mcp.call('check_draft', {});
    expect(r.text).toBe(
      'Give either `path` (a draft file in the workspace) or `text` (the draft itself), not both.',
    );
  });
});

describe('format_citation', () => {
  it('GB/T 7714 footnotes (gb-note, the default): the passage’s pages, or the pages asked for', async () => {
    const r = await mcp.call('format_citation', { citation: '002#us-phase3' });
    expect(r.structured).toEqual({
      citation: '[[002#us-phase3]]',
      style: 'China National Standard GB/T 7714-2015 (note, 中文)',
      kind: 'note',
      locale: 'zh-CN',
      pages: '53–55',
      text: '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.',
      bibliography: '[1] 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
    });
    const at54 = await mcp.call('format_citation', { citation: '[[002#us-phase3@54]]', style: 'gb-note' });
    expect(at54.text).toBe(
      'China National Standard GB/T 7714-2015 (note, 中文) (zh-CN)\nFootnote: 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 54.\n参考文献: [1] 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
    );
  });

  it('APA in English', async () => {
    const r = await mcp.call('format_citation', {
      citation: '004#defense-industry',
      style: 'apa',
      locale: 'en-US',
    });
    expect(r.structured).toEqual({
      citation: '[[004#defense-industry]]',
      style: 'American Psychological Association 7th edition',
      kind: 'in-text',
      locale: 'en-US',
      text: '(朱莉安·史密斯 & 林賽·福特, 2025)',
      bibliography:
        '朱莉安·史密斯 & 林賽·福特. (2025, November). 美國應該努力影響其盟友正在建構的新網路. IPP評論.',
    });
  });
});

describe('list_documents, resources, prompt', () => {
  it('lists the documents, or those a query names in either script', async () => {
    const all = await mcp.call('list_documents', {});
    const ids = (all.structured as { documents: { id: string }[] }).documents.map((d) => d.id);
    expect(ids).toEqual(['000', '001', '002', '003', '004', '900']);
    const some = await mcp.call('list_documents', { query: '美國' });
    expect(some.text).toBe(
      [
        '[[000]] 巴阿冲突与美国的介入 (2026-01-22) — 49 anchors',
        '[[004]] 朱莉安·史密斯 (Julianne Smith), 林賽·福特 (Lindsey Ford). 美國應該努力影響其盟友正在建構的新網路 (2025-11) — 69 anchors',
      ].join('\n'),
    );
    expect((some.structured as { documents: unknown[] }).documents[1]).toEqual({
      id: '004',
      title: '美國應該努力影響其盟友正在建構的新網路',
      authors: ['朱莉安·史密斯 (Julianne Smith)', '林賽·福特 (Lindsey Ford)'],
      date: '2025-11',
      language: 'zh-Hant',
      anchors: 69,
      resource: 'source-anchors://document/004',
      path: 'corpus/004-us-allies-eurasia-network.md',
    });
  });

  it('serves each document as a Markdown resource', async () => {
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => [r.uri, r.mimeType])).toEqual(
      ['000', '001', '002', '003', '004', '900'].map((id) => [
        `source-anchors://document/${id}`,
        'text/markdown',
      ]),
    );
    const read = await mcp.client.readResource({ uri: 'source-anchors://document/900' });
    expect(read.contents).toEqual([
      { uri: 'source-anchors://document/900', mimeType: 'text/markdown', text: ENGLISH_SOURCE },
    ]);
    await expect(mcp.client.readResource({ uri: 'source-anchors://document/999' })).rejects.toThrow(
      "No document '999' in the corpus: list_documents gives the ids.",
    );
  });

  it('offers the citing workflow as a prompt', async () => {
    const { prompts } = await mcp.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['cite-with-verified-quotes']);
    const p = await mcp.client.getPrompt({
      name: 'cite-with-verified-quotes',
      arguments: { claim: '撤军派胜出' },
    });
    const text = (p.messages[0]!.content as { text: string }).text;
    expect(text.endsWith('\n\nClaim: 撤军派胜出')).toBe(true);
    expect(text).toContain('4. verify_quote with the citation and your quotation.');
  });
});

describe('a corpus changed on disk', () => {
  it('is read again before the next call (the corpus folder is watched)', async () => {
    const file = join(ws.dir, 'corpus/901-new.md');
    const verdict = async () =>
      (
        (await mcp.call('verify_quote', { citation: '901#fresh', quote: 'Fresh words here' })).structured as
          { verdict: string } | undefined
      )?.verdict;
    writeFileSync(file, '---\nid: "901"\ntitle: A new source\n---\n\nFresh words here. ^fresh\n');
    await expect.poll(verdict, { timeout: 5000 }).toBe('verified');
    writeFileSync(file, '---\nid: "901"\ntitle: A new source\n---\n\nOther words. ^fresh\n');
    await expect.poll(verdict, { timeout: 5000 }).toBe('quote-not-found');
    rmSync(file);
    await expect
      .poll(async () => (await mcp.call('get_passage', { citation: '901#fresh' })).text, { timeout: 5000 })
      .toBe("Unknown document '901' in [[901#fresh]]: no source has this id. Did you mean [[001]], [[900]]?");
  });
});
