/**
 * Completion inside citations:
 *
 * - `[[0|`        → documents: label the id, detail the title, documentation authors · date · publisher.
 * - `[[撤军派 胜出|` → words that are no document id: the best-matching passages, labelled with the
 *                   citation they insert (`002#us-phase3`), the matched sentence in the documentation.
 * - `[[002#us|`   → that document's anchors in document order: named anchors, then footnotes,
 *                   then paragraph numbers.
 * - `[[002#us-phase3@|` → the pages the passage spans (`53-55`, then each page), when its source
 *                   marks pages.
 * - `[[002#us|x|` → the anchor's heading (or the document's title) as the shown text.
 *
 * - `[@la|`, `[see @|`, `[@a; @|` (Pandoc) → documents, as after `[[`, matched on id, title and
 *                   authors; the item replaces the key only (`[@la]` + `lan2022` → `[@lan2022]`).
 *
 * Every item replaces exactly the part being typed (`[[00` + `002` → `[[002`, never `[[00002`)
 * and adds `]]` when the citation is not closed yet.
 */
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import { docTitle, type Anchor, type SourceDoc } from '../corpus/sourceDoc.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { lineEndOf } from '../drafts/citation.js';
import { escapeInline } from '../text/markdownEscape.js';
import type { Position } from '../text/positions.js';
import type { CancellationToken } from '../workspace.js';
import { citationAtOffset, partAt } from './citationAt.js';
import { pandocKeyAt } from './pandocKeyAt.js';
import { previewPassage } from './passagePreview.js';
import { anchorPages, documentPages } from '../biblio/pages.js';
import { nameAsShown } from '../biblio/cslItem.js';
import type { PassageProvider } from './passages.js';

/** Above this many documents, the list is filtered here and marked incomplete. */
const MAX_DOCUMENT_ITEMS = 200;
const DOC_PREVIEW_CHARACTERS = 400;
const MAX_PASSAGE_ITEMS = 20;
/** Above this many paragraphs, `p1`… are listed only once `p` is typed. */
const MAX_PARAGRAPH_ITEMS = 300;

/** What an anchor item carries for `resolveCompletion`. */
interface AnchorItemData {
  uri: string;
  anchor: string;
}
/**
 * In a citation still being typed, only ASCII id characters after the cursor belong to it: in
 * `见[[0|赛义德认为`, the CJK text after the cursor is the writer's sentence, not the id.
 */
const NOT_ID = /[^\w.:-]/;

export class CompletionProvider {
  readonly #index: CorpusIndex;
  readonly #passages: PassageProvider | undefined;

  constructor(index: CorpusIndex, passages?: PassageProvider) {
    this.#index = index;
    this.#passages = passages;
  }

  provideCompletion(
    draft: DraftParse,
    position: Position,
    token?: CancellationToken,
  ): CompletionList | undefined {
    if (!draft.lines.isValid(position)) return undefined;
    const offset = draft.lines.offsetAt(position);
    const c = citationAtOffset(draft, offset);
    if (token?.isCancellationRequested) return undefined;
    if (!c || c.pandoc) {
      const key = pandocKeyAt(draft.text, offset);
      return key && this.#keys(draft.text.slice(key.start, offset), draft.lines.rangeOf(key.start, key.end));
    }
    if (offset < c.start + 2) return undefined;
    const text = draft.text;
    const lineEnd = lineEndOf(text, offset);
    switch (partAt(c, offset)) {
      case 'document': {
        const start = c.start + 2;
        const { end, close } = closing(
          text,
          tokenEnd(text, offset, lineEnd, c.closed ? /[\s#@|[\]]/ : NOT_ID),
          ['#', '@', '|'],
        );
        const typed = text.slice(start, offset);
        if (this.#passages && this.#isPassageQuery(typed)) {
          // `[[撤军派 胜出`: words, not an id. The whole query is replaced by the chosen citation.
          const query = c.closed ? { end: c.doc!.end, close: false } : closing(text, offset, []);
          return this.#passageItems(typed, draft.lines.rangeOf(start, query.end), query.close);
        }
        return this.#documents(typed, draft.lines.rangeOf(start, end), close);
      }
      case 'anchor': {
        const doc = this.#index.get(c.doc?.text ?? '');
        if (!doc) return undefined;
        const start = c.hash! + 1;
        const { end, close } = closing(
          text,
          tokenEnd(text, offset, lineEnd, c.closed ? /[\s#@|[\]]/ : NOT_ID),
          ['@', '|'],
        );
        const typed = text.slice(start, offset);
        return this.#anchors(doc, draft.lines.rangeOf(start, end), close, typed);
      }
      case 'locator': {
        const doc = this.#index.get(c.doc?.text ?? '');
        if (!doc) return undefined;
        const start = c.at! + 1;
        const { end, close } = closing(text, tokenEnd(text, offset, lineEnd, /[|[\]]/), ['|']);
        const anchor = c.anchor ? doc.anchorMap.get(c.anchor.text) : undefined;
        return this.#pages(doc, anchor, draft.lines.rangeOf(start, end), close);
      }
      case 'label': {
        const doc = this.#index.get(c.doc?.text ?? '');
        if (!doc) return undefined;
        const start = c.pipe! + 1;
        const closeAt = text.indexOf(']]', offset);
        const { end, close } = closing(
          text,
          closeAt !== -1 && closeAt <= lineEnd ? closeAt : tokenEnd(text, offset, lineEnd, /[[\]]/),
          [],
        );
        const anchor = c.anchor ? doc.anchorMap.get(c.anchor.text) : undefined;
        const names = [
          ...new Set(
            [anchor?.name, docTitle(doc)]
              .filter((n): n is string => !!n)
              .map((n) => n.replace(/\s+/g, ' ').trim()),
          ),
        ].filter((n) => n && !n.includes(']]'));
        return {
          isIncomplete: false,
          items: names.map((name, i) => ({
            label: name,
            kind: CompletionItemKind.Text,
            sortText: String(i),
            textEdit: { range: draft.lines.rangeOf(start, end), newText: close ? `${name}]]` : name },
          })),
        };
      }
    }
  }

  /** The pages of the cited passage (or of the document): the whole span first, then each page. */
  #pages(doc: SourceDoc, anchor: Anchor | undefined, range: Range, close: boolean): CompletionList {
    const span = anchor ? anchorPages(doc, anchor) : documentPages(doc);
    const items: CompletionItem[] = [];
    if (span) {
      const choices = span.first === span.last ? [`${span.first}`] : [`${span.first}-${span.last}`];
      for (let p = span.first; p <= span.last && choices.length <= 50; p++) {
        if (span.first !== span.last) choices.push(String(p));
      }
      const what = anchor ? `[[${doc.id}#${anchor.id}]]` : `[[${doc.id}]]`;
      choices.forEach((pages, i) =>
        items.push({
          label: pages,
          kind: CompletionItemKind.Value,
          detail: i === 0 ? `the pages of ${what}` : `page ${pages} of ${what}`,
          sortText: String(i).padStart(3, '0'),
          textEdit: { range, newText: close ? `${pages}]]` : pages },
        }),
      );
    }
    return { isIncomplete: false, items };
  }

  /** Words rather than a document id: a space, a Han character, or no id beginning so. */
  #isPassageQuery(typed: string): boolean {
    const t = typed.trim().toLowerCase();
    if (!t) return false;
    if (/\s/.test(t) || /\p{Script=Han}/u.test(t)) return !this.#index.get(typed.trim());
    return !this.#index.docs().some((d) => d.id.toLowerCase().startsWith(t));
  }

  #passageItems(query: string, range: Range, close: boolean): CompletionList {
    const results = this.#passages!.search(query, MAX_PASSAGE_ITEMS);
    const items = results.map((r, i): CompletionItem => ({
      label: r.target,
      kind: CompletionItemKind.Reference,
      detail: `${r.heading} — ${r.title}`,
      documentation: { kind: MarkupKind.Markdown, value: r.sentenceMarkdown },
      sortText: String(i).padStart(4, '0'),
      filterText: query,
      textEdit: { range, newText: close ? `${r.target}]]` : r.target },
    }));
    return { isIncomplete: true, items };
  }

  #documents(typed: string, range: Range, close: boolean): CompletionList {
    let docs = this.#index.docs().filter((d) => !d.unreadable && !this.#index.shadowedBy(d));
    let isIncomplete = false;
    if (docs.length > MAX_DOCUMENT_ITEMS) {
      const t = typed.toLowerCase();
      docs = docs.filter((d) => d.id.toLowerCase().startsWith(t) || docTitle(d).toLowerCase().includes(t));
      if (docs.length > MAX_DOCUMENT_ITEMS) docs = docs.slice(0, MAX_DOCUMENT_ITEMS);
      isIncomplete = true;
    }
    const items = docs.map((doc, i): CompletionItem => {
      const item: CompletionItem = {
        label: doc.id,
        kind: CompletionItemKind.File,
        detail: docTitle(doc),
        sortText: String(i).padStart(6, '0'),
        filterText: doc.id,
        textEdit: { range, newText: close ? `${doc.id}]]` : doc.id },
      };
      const about = documentAbout(doc);
      if (about) item.documentation = { kind: MarkupKind.Markdown, value: about };
      return item;
    });
    return { isIncomplete, items };
  }

  /** Documents as Pandoc keys: the id, matched on the id, the title and the authors. */
  #keys(typed: string, range: Range): CompletionList {
    const list = this.#documents(typed, range, false);
    for (const item of list.items) {
      const doc = this.#index.get(item.label)!;
      item.filterText = [doc.id, docTitle(doc), ...doc.meta.authors.map(nameAsShown)].join(' ');
    }
    return list;
  }

  /**
   * A document's anchors. The passage preview is left to `resolveCompletion` (asked for the
   * highlighted item only), and a document with very many paragraphs lists its paragraph numbers
   * once `p` is typed, so the list stays small.
   */
  #anchors(doc: SourceDoc, range: Range, close: boolean, typed: string): CompletionList {
    const group = (a: Anchor) => (a.kind === 'paragraph' ? 'c' : a.kind === 'footnote' ? 'b' : 'a');
    const paragraphs = doc.anchors.filter((a) => a.kind === 'paragraph').length;
    const withParagraphs = paragraphs <= MAX_PARAGRAPH_ITEMS || typed.startsWith('p');
    const items: CompletionItem[] = [];
    doc.anchors.forEach((a, order) => {
      if (doc.anchorMap.get(a.id) !== a) return;
      if (a.kind === 'paragraph' && !withParagraphs) return;
      const data: AnchorItemData = { uri: doc.uri, anchor: a.id };
      items.push({
        label: a.id,
        kind: a.kind === 'paragraph' ? CompletionItemKind.Text : CompletionItemKind.Reference,
        detail: a.name,
        sortText: `${group(a)}${String(order).padStart(6, '0')}`,
        filterText: a.id,
        textEdit: { range, newText: close ? `${a.id}]]` : a.id },
        data,
      });
    });
    return { isIncomplete: !withParagraphs, items };
  }

  /** Adds the passage preview to an anchor item (LSP `completionItem/resolve`). */
  resolveCompletion(item: CompletionItem): CompletionItem {
    const data = item.data as Partial<AnchorItemData> | undefined;
    if (!data?.uri || !data.anchor || item.documentation) return item;
    const doc = this.#index.getByUri(data.uri);
    const a = doc?.anchorMap.get(data.anchor);
    if (!doc || !a) return item;
    const preview = previewPassage(doc.blocks.slice(a.firstBlock, a.endBlock), DOC_PREVIEW_CHARACTERS);
    return { ...item, documentation: { kind: MarkupKind.Markdown, value: preview.markdown } };
  }
}

/** `兰江, 杨秀琴 · 2022-06 · 南亚研究季刊`, escaped, or '' when nothing is known. */
export function documentAbout(doc: SourceDoc): string {
  const parts = [
    doc.meta.authors.map(nameAsShown).join(', '),
    doc.meta.date,
    doc.meta.container ?? doc.meta.publisher ?? doc.meta.source,
  ].filter((p): p is string => !!p);
  return parts.map(escapeInline).join(' · ');
}

/** The end of the token that continues at `offset`: the first `stop` character, or the line end. */
function tokenEnd(text: string, offset: number, lineEnd: number, stop: RegExp): number {
  let e = offset;
  while (e < lineEnd && !stop.test(text[e]!)) e++;
  return e;
}

/**
 * How an accepted item ends the citation, from `end` on: nothing to add before `]]` or one of
 * `stops` (`#`, `|`); over a lone `]` (an editor's auto-closed bracket) the edit extends and
 * writes `]]`; otherwise `]]` is added.
 *
 * Example: in `[[002#]` with the cursor after `#`, accepting `us-phase3` replaces the `]` too and
 * leaves `[[002#us-phase3]]`, not `[[002#us-phase3]]]`.
 */
function closing(text: string, end: number, stops: string[]): { end: number; close: boolean } {
  if (text.startsWith(']]', end) || stops.some((p) => text.startsWith(p, end))) return { end, close: false };
  if (text[end] === ']') return { end: end + 1, close: true };
  return { end, close: true };
}
