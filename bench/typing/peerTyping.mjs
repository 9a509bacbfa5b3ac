#!/usr/bin/env node
/**
 * The peer typing: VS Code's Markdown engine (`vscode-markdown-languageservice`) over the same draft
 * written with standard links, in this process as VS Code's Markdown server runs it in its own:
 * the same 200 keystrokes at 30 ms applied to an in-memory document, a go-to-definition on the
 * link under the cursor every 10 keys (the request that reads the link the cursor is on; the
 * service's hover shows only images), then the diagnostics of the final text. Prints JSON
 * `{ hoverMs: [...], finalDiagnosticsMs }`.
 *
 *   node bench/typing/peerTyping.mjs WORKSPACE_DIR DRAFT_JSON
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as md from 'vscode-markdown-languageservice';
import { performance } from 'node:perf_hooks';
import { TYPED } from './serverTyping.mjs';

const [root, draftJson] = process.argv.slice(2);
const draft = JSON.parse(draftJson);
const noEvent = () => ({ dispose() {} });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const slug = (value) => ({ value, equals: (other) => other.value === value });
const fromHeading = (text) => {
  const id = /\{#([^}\s]+)\}\s*$/.exec(text);
  return slug(
    id
      ? id[1]
      : text
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
          .replace(/\s/g, '-'),
  );
};
const slugifier = {
  fromHeading,
  fromFragment: (fragment) => slug(fragment.toLowerCase()),
  createBuilder() {
    const seen = new Map();
    return {
      add(text) {
        const base = fromHeading(text).value;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        return slug(n ? `${base}-${n}` : base);
      },
    };
  },
};
const markdownIt = MarkdownIt({ html: true });
const parser = { slugifier, tokenize: async (doc) => markdownIt.parse(doc.getText(), {}) };

const draftUri = URI.file(path.join(root, draft.peer)).toString();
let doc = TextDocument.create(draftUri, 'markdown', 1, await readFile(path.join(root, draft.peer), 'utf8'));
const opened = new Map();
async function open(uri) {
  const key = uri.toString();
  if (key === draftUri) return doc;
  if (!opened.has(key)) {
    opened.set(
      key,
      readFile(uri.fsPath, 'utf8').then(
        (text) => TextDocument.create(key, 'markdown', 1, text),
        () => undefined,
      ),
    );
  }
  return opened.get(key);
}
const changed = [];
const workspace = {
  workspaceFolders: [URI.file(root)],
  onDidChangeMarkdownDocument: (listener, thisArgs) => {
    changed.push((d) => listener.call(thisArgs, d));
    return { dispose() {} };
  },
  onDidCreateMarkdownDocument: noEvent,
  onDidDeleteMarkdownDocument: noEvent,
  async getAllMarkdownDocuments() {
    return [];
  },
  hasMarkdownDocument: (uri) => uri.toString() === draftUri || opened.has(uri.toString()),
  openMarkdownDocument: (uri) => (uri.fsPath.endsWith('.md') ? open(uri) : Promise.resolve(undefined)),
  async stat(uri) {
    try {
      return { isDirectory: (await stat(uri.fsPath)).isDirectory() };
    } catch {
      return undefined;
    }
  },
  async readDirectory(uri) {
    const entries = await readdir(uri.fsPath, { withFileTypes: true });
    return entries.map((e) => [e.name, { isDirectory: e.isDirectory() }]);
  },
};
const service = md.createLanguageService({ workspace, parser, logger: { level: md.LogLevel.Off, log() {} } });
const options = {
  validateReferences: md.DiagnosticLevel.error,
  validateFragmentLinks: md.DiagnosticLevel.error,
  validateFileLinks: md.DiagnosticLevel.error,
  validateMarkdownFileLinkFragments: md.DiagnosticLevel.error,
  validateUnusedLinkDefinitions: md.DiagnosticLevel.ignore,
  validateDuplicateLinkDefinitions: md.DiagnosticLevel.ignore,
  ignoreLinks: [],
};
const token = { isCancellationRequested: false, onCancellationRequested: noEvent };
// Opened: the diagnostics of the draft as it is, as an editor asks on opening.
await service.computeDiagnostics(doc, options, token);

const typed = TYPED.replace('[[9999#s1]]', '[9999](../corpus/9999.md#s1)');
const hoverMs = [];
const pending = [];
const start = performance.now();
let line = doc.lineCount - 1;
let character = doc.getText().length - doc.getText().lastIndexOf('\n') - 1;
const KEYS = 200;
for (let k = 0; k < KEYS; k++) {
  const ch = typed[k % typed.length];
  const at = { line, character };
  if (ch === '\n') {
    line++;
    character = 0;
  } else character++;
  doc = TextDocument.update(doc, [{ range: { start: at, end: at }, text: ch }], doc.version + 1);
  for (const l of changed) l(doc);
  if (k % 10 === 9) {
    const t = performance.now();
    pending.push(
      service
        .getDefinition(doc, { line: draft.peerHoverLine, character: draft.peerHoverCharacter }, token)
        .then(() => hoverMs.push(performance.now() - t)),
    );
  }
  await sleep(Math.max(0, start + (k + 1) * 30 - performance.now()));
}
await Promise.all(pending);
const t = performance.now();
const diagnostics = await service.computeDiagnostics(doc, options, token);
const finalDiagnosticsMs = performance.now() - t;
service.dispose();
console.log(JSON.stringify({ hoverMs, finalDiagnosticsMs, diagnostics: diagnostics.length }));
