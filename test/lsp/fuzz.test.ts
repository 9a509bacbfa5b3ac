/**
 * LSP fuzzing, seeded and bounded: the real server over stdio gets random incremental edits of
 * drafts and an open source (astral characters, CRLF, lone CR, BOM, NUL, citation syntax) and
 * random requests at random positions. No crash, every request answered (within 1 s: a slow
 * one is asked again, and slow twice fails), and the server's text of each document equals the
 * client's. Same seed, same run: a failure names the step to replay.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
} from 'vscode-languageserver-protocol';
import { makeWorkspace, REPO, startServer, type LspClient, type Workspace } from './harness.js';
import { prng } from '../helpers/prng.js';

const SEED = Number(process.env['SA_FUZZ_SEED'] ?? 20261129);
const STEPS = 1500;
/** The run stops early after this long, whatever the step: CI's bound is 60 s. */
const BUDGET_MS = 40_000;
const ANSWER_MS = 1000;

const PIECES = [
  'a',
  ' ',
  '中',
  '國',
  '𠀀',
  '😀',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  '\u0000',
  '[[',
  ']]',
  '002',
  '#',
  'us-phase3',
  '|',
  '@',
  '54',
  '“',
  '”',
  '>',
  '`',
  '{#x}',
  ' ^b',
  '\\',
];

interface Doc {
  uri: string;
  text: string;
  version: number;
}

/** Line starts as LSP counts them: \r\n, \n and \r each end a line. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** An offset that splits neither a \r\n nor a surrogate pair (an editor never sends those). */
function safeOffset(text: string, offset: number): number {
  let o = offset;
  while (o > 0 && o < text.length) {
    const prev = text.charCodeAt(o - 1);
    const next = text.charCodeAt(o);
    if (
      (prev === 13 && next === 10) ||
      (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
    )
      o--;
    else break;
  }
  return o;
}

let ws: Workspace;
let lsp: LspClient;

beforeAll(async () => {
  ws = makeWorkspace({ 'drafts/a.md': '', 'drafts/b.md': '' });
  lsp = await startServer(ws);
}, 60_000);

afterAll(async () => {
  await lsp.stop();
  ws.dispose();
});

it(`survives ${STEPS} random edits and requests (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const sourcePath = 'corpus/001-pakistan-afghanistan-talks-mistrust.md';
  const docs: Doc[] = [
    {
      uri: ws.uri('drafts/a.md'),
      text: '赛义德认为“核心问题是意识形态的一致性”[[001#saeed-ideology]]\r\n',
      version: 1,
    },
    {
      uri: ws.uri('drafts/b.md'),
      text: '\uFEFF> 引文\n> [[002#us-phase3|第三阶段]]\n\n[[004#rimland@3]]',
      version: 1,
    },
    { uri: ws.uri(sourcePath), text: readFileSync(join(REPO, sourcePath), 'utf8'), version: 1 },
  ];
  for (const d of docs) lsp.open(d.uri, d.text);

  const slow: string[] = [];
  const started = performance.now();
  let step = 0;
  const ask = async (method: string, params: unknown) => {
    const t0 = performance.now();
    await lsp.connection.sendRequest(method, params).catch((e: Error) => {
      // An error answer is an answer; a dead server is not.
      if (/closed|disposed|ECONNRESET|write after end/i.test(e.message)) throw e;
    });
    return performance.now() - t0;
  };

  for (; step < STEPS && performance.now() - started < BUDGET_MS; step++) {
    const doc = pick(docs);
    if (random() < 0.5) {
      const a = safeOffset(doc.text, Math.floor(random() * (doc.text.length + 1)));
      const b = safeOffset(doc.text, Math.min(doc.text.length, a + Math.floor(random() * 12)));
      const insert = Array.from({ length: Math.floor(random() * 4) }, () => pick(PIECES)).join('');
      const range = { start: positionAt(doc.text, a), end: positionAt(doc.text, b) };
      doc.text = doc.text.slice(0, a) + insert + doc.text.slice(b);
      doc.version++;
      lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: doc.uri, version: doc.version },
        contentChanges: [{ range, text: insert }],
      });
    } else {
      const end = positionAt(doc.text, doc.text.length);
      const position =
        random() < 0.1
          ? { line: end.line + Math.floor(random() * 3), character: Math.floor(random() * 200) }
          : positionAt(doc.text, safeOffset(doc.text, Math.floor(random() * (doc.text.length + 1))));
      const textDocument = { uri: doc.uri };
      const range = { start: { line: 0, character: 0 }, end: position };
      const [method, params] = pick([
        [CompletionRequest.method, { textDocument, position }],
        [HoverRequest.method, { textDocument, position }],
        [DefinitionRequest.method, { textDocument, position }],
        [ReferencesRequest.method, { textDocument, position, context: { includeDeclaration: true } }],
        [PrepareRenameRequest.method, { textDocument, position }],
        [CodeActionRequest.method, { textDocument, range, context: { diagnostics: [] } }],
        [DocumentLinkRequest.method, { textDocument }],
        [InlayHintRequest.method, { textDocument, range }],
        [DocumentSymbolRequest.method, { textDocument }],
        [CodeLensRequest.method, { textDocument }],
      ] as const);
      if ((await ask(method, params)) >= ANSWER_MS && (await ask(method, params)) >= ANSWER_MS)
        slow.push(`step ${step}: ${method} on ${doc.uri}`);
    }
    if (step % 50 === 49) {
      for (const d of docs)
        expect(
          await lsp.connection.sendRequest('sourceAnchors/documentText', { uri: d.uri }),
          `step ${step}`,
        ).toBe(d.text);
    }
  }
  for (const d of docs)
    expect(await lsp.connection.sendRequest('sourceAnchors/documentText', { uri: d.uri })).toBe(d.text);
  expect(slow).toEqual([]);
  expect(step).toBeGreaterThanOrEqual(100);
}, 60_000);
