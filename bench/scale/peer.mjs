#!/usr/bin/env node
/**
 * The peer: VS Code's own Markdown engine (`vscode-markdown-languageservice`) validating our drafts
 * rewritten as standard links (`[…](../corpus/0042.md#s3)`), as VS Code's Markdown server would: a
 * workspace over the disk, markdown-it for tokens, every file link and its fragment checked. A heading
 * `## … {#s3}` is addressed as `s3` (Pandoc attributes), so the peer and we resolve the same anchors.
 * Prints `{ ms, drafts, diagnostics }`; `ms` is the whole process, from Node's start.
 *
 *   node bench/scale/peer.mjs WORKSPACE_DIR DRAFTS_SUBDIR
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { performance } from 'node:perf_hooks';
import { peerService } from '../peerService.mjs';

const [root, draftsDir] = process.argv.slice(2);
const { service, options, token, open } = peerService(root);
const names = (await readdir(path.join(root, draftsDir))).filter((f) => f.endsWith('.md')).sort();
let diagnostics = 0;
for (const name of names) {
  const doc = await open(URI.file(path.join(root, draftsDir, name)));
  diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
}
service.dispose();
console.log(JSON.stringify({ ms: performance.now(), drafts: names.length, diagnostics }));
