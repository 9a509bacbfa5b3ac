/**
 * While the corpus is first read, a draft open in the editor is checked against what has been read
 * so far: a citation of a document not read yet is not reported as `unknown-document` (it may
 * simply be later in the queue); once indexing is over, a document that truly does not exist is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, startServer, type Workspace } from './harness.js';

const SOURCES = 3000;
const id = (i: number) => `s${String(i).padStart(4, '0')}`;

let ws: Workspace;
beforeEach(() => {
  const files: Record<string, string> = {};
  for (let i = 0; i < SOURCES; i++)
    files[`corpus/${id(i)}.md`] =
      `# 第${i}篇 {#top}\n\n第${i}篇的正文。 ^b1\n\n## 背景 {#background}\n\n背景段落。\n`;
  ws = makeWorkspace(files, false);
});
afterEach(() => ws.dispose());

describe('diagnostics while indexing', () => {
  it('publishes no unknown-document for a source not read yet, and the real one once ready', async () => {
    const last = id(SOURCES - 1);
    const draft = ws.uri('drafts/a.md');
    const text = `见[[${last}#background]]与[[${id(0)}#top]]。\n\n又见[[nosuch#top]]。\n`;
    const lsp = await startServer(ws, { openWhileIndexing: [{ uri: draft, text }], waitMs: 60_000 });
    try {
      const final = await lsp.waitForDiagnostics(draft, () =>
        lsp.published.some((p) => p.uri === draft && p.afterReady),
      );
      const forDraft = lsp.published.filter((p) => p.uri === draft);
      // The draft was checked during indexing, and nothing said the last source was unknown.
      expect(forDraft.some((p) => !p.afterReady)).toBe(true);
      for (const p of forDraft)
        expect(
          p.diagnostics.filter((d) => d.code === 'unknown-document' && String(d.message).includes(last)),
        ).toEqual([]);
      expect(final.map((d) => [d.code, d.range.start])).toEqual([
        ['unknown-document', { line: 2, character: 4 }],
      ]);
    } finally {
      await lsp.stop();
    }
  }, 90_000);
});
