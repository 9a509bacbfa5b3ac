/**
 * A bundled corpus document as printed pages, for the PDF import tests: its title, and its
 * headings, paragraphs and footnotes on the pages its page marks give (002: pages 47–66, a
 * paragraph that runs across pages split where `<!-- page 54 -->` sits, each footnote `[^53a]` at
 * the foot of page 53 with the raised marker `a` in the text). A document without page marks (003,
 * 004) is one flow of blocks that the producer breaks into pages as it likes.
 *
 * Read from the corpus Markdown itself: `# `…`###### ` headings (ids dropped), paragraphs (block
 * ids dropped), `[^53a]: …` footnotes, page marks; other comments are left out. The corpus files
 * use no other Markdown syntax (the tests compare against `parseSource`, which would show it).
 */

export type Run = { text: string } | { note: string };

export type PagedBlock =
  | { kind: 'heading'; level: number; text: string }
  /** `continued`: the paragraph began on an earlier page; `runsOn`: it goes on after this page. */
  | { kind: 'paragraph'; runs: Run[]; continued: boolean; runsOn: boolean };

export interface PagedPage {
  /** The printed page number (from the page mark), or undefined in a flow document. */
  number?: number;
  blocks: PagedBlock[];
  /** This page's footnotes, in order: `{ marker: 'a', text: '申玉辉：…' }`. */
  notes: { marker: string; text: string }[];
}

export interface PagedSource {
  title: string;
  /** True when the pages are the document's own (it has page marks). */
  paged: boolean;
  pages: PagedPage[];
}

const PAGE_MARK = /<!--\s*page\s+(\d+)\s*-->/;

/** Markdown's backslash escapes read as the characters they stand for: `provincial\-capitals`. */
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

export function pagedSource(markdown: string): PagedSource {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  const body = markdown.slice(fm ? fm[0].length : 0);
  const title = /^title:\s*"(.*)"$/m.exec(fm?.[1] ?? '')?.[1] ?? '';
  const pages: PagedPage[] = [{ blocks: [], notes: [] }];
  const notes = new Map<string, string>();
  const chunks = body.split(/\n\s*\n/).map((c) => c.trim());
  for (const chunk of chunks) {
    const def = /^\[\^(\w+)\]:\s*([\s\S]*)$/.exec(chunk);
    if (def) notes.set(def[1]!, unescape(def[2]!.replace(/\s*\n\s*/g, ' ')));
  }
  let paged = false;
  let open: Extract<PagedBlock, { kind: 'paragraph' }> | undefined;
  const page = () => pages.at(-1)!;
  const startPage = (n: number) => {
    paged = true;
    if (page().blocks.length || page().number !== undefined) pages.push({ number: n, blocks: [], notes: [] });
    else page().number = n;
  };
  for (const chunk of chunks) {
    if (!chunk || /^\[\^\w+\]:/.test(chunk)) continue;
    const mark = new RegExp(`^${PAGE_MARK.source}$`).exec(chunk);
    if (mark) {
      startPage(Number(mark[1]));
      continue;
    }
    if (/^<!--[\s\S]*-->$/.test(chunk)) continue;
    const heading = /^(#{1,6})\s+(.*?)(?:\s+\{#[\w-]+\})?$/.exec(chunk);
    if (heading) {
      page().blocks.push({ kind: 'heading', level: heading[1]!.length, text: unescape(heading[2]!) });
      continue;
    }
    const text = chunk.replace(/\s+\^[\w-]+$/, '').replace(/\s*\n\s*/g, ' ');
    open = { kind: 'paragraph', runs: [], continued: false, runsOn: false };
    page().blocks.push(open);
    for (const part of text.split(/(<!--\s*page\s+\d+\s*-->|\[\^\w+\])/)) {
      if (!part) continue;
      const pm = PAGE_MARK.exec(part);
      const ref = /^\[\^(\w+)\]$/.exec(part);
      if (pm) {
        open.runsOn = true;
        startPage(Number(pm[1]));
        open = { kind: 'paragraph', runs: [], continued: true, runsOn: false };
        page().blocks.push(open);
      } else if (ref) {
        const label = ref[1]!;
        const marker = label.replace(/^\d+/, '');
        open.runs.push({ note: marker });
        page().notes.push({ marker, text: notes.get(label) ?? '' });
      } else open.runs.push({ text: unescape(part) });
    }
  }
  return { title, paged, pages: pages.filter((p) => p.blocks.length || p.notes.length) };
}

/**
 * A longer document made of `doc`'s pages over and over, numbered 1 to `count`: 002's 20 pages
 * make a 300-page PDF for the import's speed and memory tests.
 */
export function repeatedPages(doc: PagedSource, count: number): PagedSource {
  const pages = Array.from({ length: count }, (_, i) => ({
    ...doc.pages[i % doc.pages.length]!,
    number: i + 1,
  }));
  return { ...doc, pages };
}
