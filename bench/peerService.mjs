/**
 * VS Code's own Markdown engine (`vscode-markdown-languageservice`) set up as VS Code's Markdown
 * server runs it, for the benchmarks' peer: a workspace over the disk that opens a file when a
 * link needs it, markdown-it for tokens, GitHub-like slugs where a heading `## … {#s3}` is named
 * `s3` (Pandoc attributes, so the peer and we resolve the same anchors), and the validation
 * options that check every file link and its fragment.
 *
 * `editing`, when given, is a document held in memory (the draft being typed into): the workspace
 * serves it instead of the file, and `changed(doc)` tells the service of each new version.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import MarkdownIt from 'markdown-it';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as md from 'vscode-markdown-languageservice';

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

/**
 * @param {string} root the workspace folder
 * @param {{ uri: string, current: () => import('vscode-languageserver-textdocument').TextDocument }} [editing]
 */
export function peerService(root, editing) {
  const markdownIt = MarkdownIt({ html: true });
  const parser = { slugifier, tokenize: async (doc) => markdownIt.parse(doc.getText(), {}) };
  const opened = new Map();
  const open = async (uri) => {
    const key = uri.toString();
    if (key === editing?.uri) return editing.current();
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
  };
  const listeners = [];
  const workspace = {
    workspaceFolders: [URI.file(root)],
    onDidChangeMarkdownDocument: (listener, thisArgs) => {
      listeners.push((d) => listener.call(thisArgs, d));
      return { dispose() {} };
    },
    onDidCreateMarkdownDocument: noEvent,
    onDidDeleteMarkdownDocument: noEvent,
    async getAllMarkdownDocuments() {
      return [];
    },
    hasMarkdownDocument: (uri) => uri.toString() === editing?.uri || opened.has(uri.toString()),
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
  return { service, options, token, open, changed: (doc) => listeners.forEach((l) => l(doc)) };
}
