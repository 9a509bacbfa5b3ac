/**
 * Passage search as writers see it: for a query, the citations to insert (`002#us-phase3`), with
 * the heading, and the sentence that matched, its terms in bold. Used by `[[` completion, the
 * "Insert Citation…" command and workspace symbols.
 */
import { docTitle, innermostSection, type SourceDoc } from '../corpus/sourceDoc.js';
import { citationFor } from '../quotes/verifyQuote.js';
import type { PassageSearch } from '../search/passageSearch.js';
import { foldForSearch } from '../search/searchText.js';
import { escapeMarkdown } from '../text/markdownEscape.js';
import type { Range } from '../text/positions.js';

export interface PassageResult {
  /** The citation to insert, without brackets: `002#us-phase3`. */
  target: string;
  docId: string;
  title: string;
  /** The innermost heading above the passage, or the document's title. */
  heading: string;
  /** The best-matching sentence, plain. */
  sentence: string;
  /** The same sentence as Markdown, escaped, with the query's terms in bold. */
  sentenceMarkdown: string;
  uri: string;
  range: Range;
  /** The block the passage is, in `docId`'s blocks. */
  block: number;
  /** The search's score: higher is better, comparable within one query only. */
  score: number;
}

export class PassageProvider {
  readonly #search: PassageSearch;

  constructor(search: PassageSearch) {
    this.#search = search;
  }

  get ready(): boolean {
    return this.#search.ready;
  }

  /** The passages for `query`, best first; with `within`, only those of these document ids. */
  search(query: string, limit = 20, within?: ReadonlySet<string>): PassageResult[] {
    const terms = query
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => foldForSearch(t));
    const out: PassageResult[] = [];
    const seen = new Set<string>();
    for (const hit of this.#search.search(query, limit * 2, within)) {
      const target = citationFor(hit);
      const block = hit.doc.blocks[hit.block]!;
      const sentence = bestSentence(block.text, terms);
      const key = `${target}\u0000${sentence}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        target,
        docId: hit.doc.id,
        title: docTitle(hit.doc),
        heading: headingOf(hit.doc, hit.block),
        sentence,
        sentenceMarkdown: boldTerms(sentence, terms),
        uri: hit.doc.uri,
        range: { start: { line: block.startLine, character: 0 }, end: { line: block.endLine, character: 0 } },
        block: hit.block,
        score: hit.score,
      });
      if (out.length >= limit) break;
    }
    return out;
  }
}

/** The sentence of `text` holding the most query terms (the first one on ties). */
function bestSentence(text: string, terms: string[]): string {
  const sentences = text.match(/[^。！？!?；;\n]+[。！？!?；;]*/g) ?? [text];
  let best = sentences[0] ?? '';
  let bestCount = -1;
  for (const s of sentences) {
    const folded = foldForSearch(s);
    const count = terms.filter((t) => folded.includes(t)).length;
    if (count > bestCount) {
      best = s;
      bestCount = count;
    }
  }
  return best.trim();
}

/** Escaped Markdown of `sentence` with every occurrence of a term in bold (folding keeps offsets). */
function boldTerms(sentence: string, terms: string[]): string {
  const folded = foldForSearch(sentence);
  const marked = new Uint8Array(sentence.length);
  for (const t of terms) {
    if (!t) continue;
    for (let at = folded.indexOf(t); at !== -1; at = folded.indexOf(t, at + t.length))
      marked.fill(1, at, at + t.length);
  }
  let out = '';
  let i = 0;
  while (i < sentence.length) {
    let j = i;
    while (j < sentence.length && marked[j] === marked[i]) j++;
    const part = escapeMarkdown(sentence.slice(i, j));
    out += marked[i] ? `**${part}**` : part;
    i = j;
  }
  return out;
}

function headingOf(doc: SourceDoc, block: number): string {
  return innermostSection(doc, block)?.name ?? docTitle(doc);
}
