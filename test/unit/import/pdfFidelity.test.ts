/**
 * Fidelity of the PDF importer on the bundled 002, 003 and 004 printed by two producers: Chromium
 * (print-to-PDF of a web page) and LibreOffice Writer (a word processor, with its own footnotes).
 * 002 is printed on its own pages 47–66 (`pagedSource.ts`): each with its running head (the title
 * on odd pages, `政治·外交` on even ones, none on the first), `·48·` at the foot, its text, and its
 * lettered footnotes at the foot in smaller type with raised markers; 003 and 004 (no page marks,
 * no footnotes) are paginated by the producer, with a running head and page numbers.
 *
 * Imported back, each must have: ≥ 99 % of the source's characters in order (whitespace folded;
 * measured: 100 % for all six), every heading and paragraph as the source has them, every page
 * mark of 002 where 002 has it, every footnote under its label with its text and its reference
 * where 002 has it, and no running head or page number left in the text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../../server/src/engine/corpus/parseSource.js';
import type { ImportOutcome } from '../../../server/src/engine/import/importedDoc.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';
import { importFile } from '../../../server/src/node/importFile.js';
import { keptInOrder, streamOf } from '../../helpers/importFidelity.js';
import { EVEN_HEAD, pagedHtml } from '../../helpers/pagedHtml.js';
import { pagedOdt } from '../../helpers/pagedOdt.js';
import { pagedSource } from '../../helpers/pagedSource.js';
import { printOdt } from '../../helpers/printOdt.js';
import { printPdf } from '../../helpers/printPdf.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const DOCS = {
  '002': 'corpus/002-us-taliban-internal-games.md',
  '003': 'corpus/003-us-quasi-allies-dilemma.md',
  '004': 'corpus/004-us-allies-eurasia-network.md',
} as const;
const fold = (s: string) => s.replace(/\s+/g, '');

const PRODUCERS = {
  chromium: (markdown: string) => printPdf(pagedHtml(pagedSource(markdown))),
  libreoffice: (markdown: string) => printOdt(pagedOdt(pagedSource(markdown))),
};

/** Headings and paragraphs as the engine reads them: `heading 一、…`, `paragraph 2021年…`. */
function blocks(uri: string, markdown: string, title?: string): string[] {
  const got = parseSource(uri, markdown)
    .blocks.filter((b) => b.kind === 'heading' || b.kind === 'paragraph')
    .map((b) => `${b.kind} ${fold(b.text)}`);
  return title && got[0] !== `heading ${fold(title)}` ? [`heading ${fold(title)}`, ...got] : got;
}

for (const [producer, print] of Object.entries(PRODUCERS)) {
  describe(`PDFs of 002, 003 and 004 printed by ${producer}`, () => {
    const outcomes = new Map<string, { source: string; title: string; result: ImportOutcome }>();
    beforeAll(async () => {
      for (const [id, path] of Object.entries(DOCS)) {
        const source = readFileSync(join(REPO, path), 'utf8');
        const pdf = print(source);
        const title = pagedSource(source).title;
        outcomes.set(id, { source, title, result: await importFile(`${id}.pdf`, pdf) });
      }
    }, 180_000);

    const imported = (id: string) => {
      const o = outcomes.get(id)!;
      if (!o.result.ok) throw new Error(o.result.message);
      const md = toMarkdown(o.result.doc, '009', { file: `${id}.pdf`, sha256: '0' });
      return { ...o, doc: o.result.doc, md, expected: streamOf(o.source, o.title), got: streamOf(md) };
    };

    for (const id of Object.keys(DOCS)) {
      it(`${id}: every character in order, every heading and paragraph, no running head`, () => {
        const { md, expected, got, source, title, doc } = imported(id);
        expect(keptInOrder(expected.text, got.text)).toBeGreaterThanOrEqual(0.99);
        expect(got.text.length).toBe(expected.text.length);
        expect(got.headings).toEqual(expected.headings);
        expect(blocks('file:///i/009.md', md)).toEqual(blocks(`file:///c/${id}.md`, source, title));
        const body = md.slice(md.indexOf('\n---\n') + 5);
        expect(body).not.toContain(EVEN_HEAD);
        expect(body).not.toContain('IPP评论 · ');
        expect(body).not.toMatch(/·\d+·/);
        // The title is printed once as a heading, and as the running head of odd pages (002).
        expect(got.text.split(fold(title)).length).toBe(expected.text.split(fold(title)).length);
        const pages = [...md.matchAll(/<!-- page (\d+) -->/g)].length;
        expect(doc.dropped.get('page-number')?.count).toBe(pages);
        expect(doc.dropped.get('running-head')?.count).toBe(id === '002' ? pages - 1 : pages);
      });
    }

    it('002: every page mark where 002 has it, every footnote attached to its marker', () => {
      const { expected, got, doc } = imported('002');
      expect(expected.pages.length).toBe(20);
      expect(got.pages).toEqual(expected.pages);
      expect(doc.meta.pages).toBe('47-66');
      expect(expected.refs.length).toBe(83);
      expect(got.refs).toEqual(expected.refs);
      expect([...got.notes].sort()).toEqual([...expected.notes].sort());
      expect(doc.dropped.get('unmatched-footnote-marker')).toBeUndefined();
    });

    it('003 and 004: one page mark per printed page, in order', () => {
      for (const id of ['003', '004']) {
        const { md, doc } = imported(id);
        const marks = [...md.matchAll(/<!-- page (\d+) -->/g)].map((m) => Number(m[1]));
        expect(marks.length).toBeGreaterThan(4);
        expect(marks).toEqual(marks.map((_, i) => i + 1));
        expect(doc.meta.pages).toBe(`1-${marks.length}`);
      }
    });
  });
}
