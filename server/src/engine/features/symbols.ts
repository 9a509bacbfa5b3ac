/**
 * Workspace symbols (every named anchor of the corpus, found by id or heading text, CJK
 * included, then passages whose text matches) and the outline of a corpus file (headings nested by level, block anchors and
 * footnotes inside them).
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-types';
import { docTitle, type Anchor, type SourceDoc } from '../corpus/sourceDoc.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { CancellationToken } from '../workspace.js';
import type { PassageProvider } from './passages.js';

const MAX_WORKSPACE_SYMBOLS = 500;
const MAX_PASSAGE_SYMBOLS = 50;

export class SymbolProvider {
  readonly #index: CorpusIndex;
  readonly #passages: PassageProvider | undefined;

  constructor(index: CorpusIndex, passages?: PassageProvider) {
    this.#index = index;
    this.#passages = passages;
  }

  /**
   * Anchors whose `doc#id` or name contains the query's characters in order (case-insensitive;
   * spaces ignored). Named anchors only, and paragraph numbers when the query looks like one.
   */
  provideWorkspaceSymbols(query: string, token?: CancellationToken): SymbolInformation[] {
    const q = query.toLowerCase().replace(/\s+/g, '');
    const wantParagraphs = /#?p\d+$/.test(q);
    const out: SymbolInformation[] = [];
    for (const doc of this.#index.docs()) {
      if (token?.isCancellationRequested) return [];
      for (const a of doc.anchors) {
        if (doc.anchorMap.get(a.id) !== a) continue;
        if (a.kind === 'paragraph' && !wantParagraphs) continue;
        const key = `${doc.id}#${a.id}`;
        if (q && !isSubsequence(q, `${key} ${a.name}`.toLowerCase())) continue;
        out.push({
          name: `${key} — ${a.name}`,
          kind: symbolKind(a),
          location: { uri: doc.uri, range: a.range },
          containerName: `${doc.id} · ${docTitle(doc)}`,
        });
        if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
      }
    }
    // Then passages whose text matches: `撤军派` finds the paragraphs that say it.
    if (this.#passages && query.trim().length >= 2) {
      for (const r of this.#passages.search(query, MAX_PASSAGE_SYMBOLS)) {
        out.push({
          name: `${r.target} — ${r.sentence}`,
          kind: SymbolKind.String,
          location: { uri: r.uri, range: r.range },
          containerName: `${r.docId} · ${r.heading}`,
        });
      }
    }
    return out;
  }

  provideDocumentSymbols(doc: SourceDoc): DocumentSymbol[] {
    const roots: DocumentSymbol[] = [];
    const stack: { level: number; symbol: DocumentSymbol }[] = [];
    for (const a of doc.anchors) {
      if (doc.anchorMap.get(a.id) !== a || a.kind === 'paragraph') continue;
      const symbol: DocumentSymbol = {
        // VS Code refuses a symbol without a name: a heading of only `{#id}` is named by its id.
        name: a.kind === 'heading' || a.kind === 'slug' ? a.name || `#${a.id}` : `^${a.id}`,
        detail: a.kind === 'heading' || a.kind === 'slug' ? `#${a.id}` : a.name,
        kind: symbolKind(a),
        range: a.range,
        selectionRange: a.idRange ?? a.range,
        children: [],
      };
      if (a.kind === 'heading' || a.kind === 'slug') {
        const level = a.level ?? 1;
        while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
        (stack.length ? stack[stack.length - 1]!.symbol.children! : roots).push(symbol);
        stack.push({ level, symbol });
      } else {
        (stack.length ? stack[stack.length - 1]!.symbol.children! : roots).push(symbol);
      }
    }
    return roots;
  }
}

function symbolKind(a: Anchor): SymbolKind {
  switch (a.kind) {
    case 'heading':
    case 'slug':
      return SymbolKind.Namespace;
    case 'block':
      return SymbolKind.Key;
    case 'footnote':
      return SymbolKind.String;
    case 'paragraph':
      return SymbolKind.Field;
  }
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}
