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
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import { peerService } from '../peerService.mjs';
import { TYPED } from './serverTyping.mjs';

const [root, draftJson] = process.argv.slice(2);
const draft = JSON.parse(draftJson);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const draftUri = URI.file(path.join(root, draft.peer)).toString();
let doc = TextDocument.create(draftUri, 'markdown', 1, await readFile(path.join(root, draft.peer), 'utf8'));
const { service, options, token, changed } = peerService(root, { uri: draftUri, current: () => doc });
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
  changed(doc);
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
