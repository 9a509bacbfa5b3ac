/**
 * What holds the server (issue 17, point 4: no request or notification blocks it for more than
 * 50 ms): with a draft open and settled, each request that works over the whole draft is sent
 * alone, and the server says the longest piece of work its event loop ran at once meanwhile
 * (`sourceAnchors/longestTask`: how long a request arriving at the worst moment would wait).
 * Measured in the server, so the client's own parsing of a large answer is not counted.
 */
import { performance } from 'node:perf_hooks';
import { openDraft } from './serverTyping.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };

/**
 * @param {string} repo the repository whose dist/server.js runs
 * @param {string} dir the workspace
 * @param {{ ours: string, hoverLine: number, hoverCharacter: number }} draft
 * @returns {Promise<{ name: string, requestMs: number, longestTaskMs: number }[]>}
 */
export async function blockingProbe(repo, dir, draft) {
  const { conn, uri, close } = await openDraft(repo, dir, draft);
  const doc = { textDocument: { uri } };
  const at = { line: draft.hoverLine, character: draft.hoverCharacter };
  let version = 1;
  /** Whole-draft work, each after the one before is answered. */
  const scenarios = [
    [
      'inlay hints (styling the first 100 citations)',
      () => conn.sendRequest('textDocument/inlayHint', { ...doc, range: WHOLE }),
    ],
    ['document links', () => conn.sendRequest('textDocument/documentLink', doc)],
    [
      'references of the hovered citation',
      () =>
        conn.sendRequest('textDocument/references', {
          ...doc,
          position: at,
          context: { includeDeclaration: true },
        }),
    ],
    [
      'code actions over the whole draft',
      () =>
        conn.sendRequest('textDocument/codeAction', { ...doc, range: WHOLE, context: { diagnostics: [] } }),
    ],
    [
      'a key at the top, then document links (a re-parse)',
      () => {
        conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: ++version },
          contentChanges: [
            { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
          ],
        });
        return conn.sendRequest('textDocument/documentLink', doc);
      },
    ],
  ];
  const out = [];
  await conn.sendRequest('sourceAnchors/longestTask');
  for (const [name, send] of scenarios) {
    await sleep(500);
    await conn.sendRequest('sourceAnchors/longestTask');
    const t0 = performance.now();
    await send();
    const requestMs = performance.now() - t0;
    // The work the request left behind (a re-parse's check) runs on: wait for it too.
    await sleep(1000);
    out.push({ name, requestMs, longestTaskMs: await conn.sendRequest('sourceAnchors/longestTask') });
  }
  await close();
  return out;
}
