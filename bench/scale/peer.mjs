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
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as md from 'vscode-markdown-languageservice';
import { performance } from 'node:perf_hooks';

const [root, draftsDir] = process.argv.slice(2);
const noEvent = () => ({ dispose() {} });

/** GitHub-like slugs, and `{#id}` at the end of a heading names it `id`. */
const slug = (value) => ({ value, equals: (other) => other.value === value });
const fromHeading = (text) => {
  const id = /\{#([^}\s]+)\}\s*$/.exec(text);
  if (id) return slug(id[1]);
  return slug(
    text
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

const opened = new Map();
async function open(uri) {
  const key = uri.toString();
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
const workspace = {
  workspaceFolders: [URI.file(root)],
  onDidChangeMarkdownDocument: noEvent,
  onDidCreateMarkdownDocument: noEvent,
  onDidDeleteMarkdownDocument: noEvent,
  async getAllMarkdownDocuments() {
    return [];
  },
  hasMarkdownDocument: (uri) => opened.has(uri.toString()),
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
const logger = { level: md.LogLevel.Off, log() {} };
const service = md.createLanguageService({ workspace, parser, logger });
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
const names = (await readdir(path.join(root, draftsDir))).filter((f) => f.endsWith('.md')).sort();
let diagnostics = 0;
for (const name of names) {
  const doc = await open(URI.file(path.join(root, draftsDir, name)));
  diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
}
service.dispose();
console.log(JSON.stringify({ ms: performance.now(), drafts: names.length, diagnostics }));
