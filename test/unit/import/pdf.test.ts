/**
 * The PDF importer on PDFs printed here by Chromium from the bundled 003: A5 pages with a running
 * head (`IPP评论 · <title>`) and a page number (`·3·`) in the page margins. Measured: characters
 * of 003 kept in order (after folding whitespace), running heads gone, one page mark per page,
 * every heading found. And the PDFs it must refuse: no text layer, truncated, encrypted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffChars } from 'diff';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../../server/src/engine/corpus/parseSource.js';
import type { ImportOutcome } from '../../../server/src/engine/import/importedDoc.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';
import { importFile } from '../../../server/src/node/importFile.js';
import { encryptedPdf, scannedPdf } from '../../helpers/badPdfs.js';
import { printPdf } from '../../helpers/printPdf.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const TITLE = '准盟友关系中固有的战略困境';
const source = parseSource(
  'file:///c/003.md',
  readFileSync(join(REPO, 'corpus/003-us-quasi-allies-dilemma.md'), 'utf8'),
);
const article = source.blocks.filter((b) => b.kind === 'heading' || b.kind === 'paragraph');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fold = (s: string) => s.replace(/\s+/g, '');

const page = (
  body: string,
) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${TITLE}</title><style>
@page { size: A5; margin: 20mm 16mm;
  @top-center { content: "IPP评论 · ${TITLE}"; font-size: 8pt; }
  @bottom-center { content: "·" counter(page) "·"; font-size: 8pt; } }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; line-height: 1.6; }
p { text-indent: 2em; margin: 0; text-align: justify; } h1 { font-size: 18pt; } h2 { font-size: 13pt; }
</style></head><body>${body}</body></html>`;

let pdf: Uint8Array;
let outcome: ImportOutcome;
beforeAll(async () => {
  const body = article.map((b) =>
    b.kind === 'heading' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`,
  );
  pdf = printPdf(page(`<h1>${TITLE}</h1>\n${body.join('\n')}`));
  outcome = await importFile('003.pdf', pdf);
}, 120_000);

describe('importing a PDF printed from 003', () => {
  it('keeps 100 % of the characters in order, without running heads or page numbers', () => {
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const md = toMarkdown(outcome.doc, '005', { file: '003.pdf', sha256: '0' });
    const got = parseSource('file:///i/005.md', md).blocks.filter(
      (b) => b.kind === 'heading' || b.kind === 'paragraph',
    );
    const expected = fold([TITLE, ...article.map((b) => b.text)].join(''));
    const kept = diffChars(expected, fold(got.map((b) => b.text).join('')))
      .filter((p) => !p.added && !p.removed)
      .reduce((n, p) => n + p.value.length, 0);
    expect(kept / expected.length).toBe(1);
    expect(fold(got.map((b) => b.text).join('')).length).toBe(expected.length);
    expect(md).not.toContain('IPP评论 · ');
    expect(md).not.toMatch(/·\d+·/);
  });

  // Whitespace folded: in justified CJK text a space between two CJK characters (`刘 深`) cannot be
  // told from the justification's spacing, and is dropped.
  it('finds every paragraph and heading as the source has them', () => {
    if (!outcome.ok) throw new Error(outcome.message);
    const md = toMarkdown(outcome.doc, '005', { file: '003.pdf', sha256: '0' });
    const got = parseSource('file:///i/005.md', md).blocks.filter(
      (b) => b.kind === 'heading' || b.kind === 'paragraph',
    );
    expect(got.map((b) => `${b.kind} ${fold(b.text)}`)).toEqual([
      `heading ${TITLE}`,
      ...article.map((b) => `${b.kind} ${fold(b.text)}`),
    ]);
  });

  it('marks every page once, in order, and says which pages it has', () => {
    if (!outcome.ok) throw new Error(outcome.message);
    const md = toMarkdown(outcome.doc, '005', { file: '003.pdf', sha256: '0' });
    const marks = [...md.matchAll(/<!-- page (\d+) -->/g)].map((m) => Number(m[1]));
    expect(marks).toEqual(marks.map((_, i) => i + 1));
    expect(outcome.doc.meta.pages).toBe(`1-${marks.length}`);
    expect(outcome.doc.dropped.get('running-head')?.count).toBe(marks.length);
    expect(outcome.doc.dropped.get('page-number')?.count).toBe(marks.length);
  });
});

describe('importing a PDF printed from 004 (Traditional script)', () => {
  it('finds every heading and paragraph of 004', async () => {
    const doc = parseSource(
      'file:///c/004.md',
      readFileSync(join(REPO, 'corpus/004-us-allies-eurasia-network.md'), 'utf8'),
    );
    const blocks = doc.blocks.filter((b) => b.kind === 'heading' || b.kind === 'paragraph');
    const html = blocks.map((b) =>
      b.kind === 'heading' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`,
    );
    const r = await importFile('004.pdf', printPdf(page(`<h1>${doc.meta.title}</h1>\n${html.join('\n')}`)));
    if (!r.ok) throw new Error(r.message);
    const md = toMarkdown(r.doc, '005', { file: '004.pdf', sha256: '0' });
    const got = parseSource('file:///i/005.md', md).blocks.filter(
      (b) => b.kind === 'heading' || b.kind === 'paragraph',
    );
    expect(got.map((b) => `${b.kind} ${fold(b.text)}`)).toEqual([
      `heading ${fold(doc.meta.title!)}`,
      ...blocks.map((b) => `${b.kind} ${fold(b.text)}`),
    ]);
    expect(r.doc.meta.language).toBe('zh-Hant');
  });
});

describe('PDFs the importer refuses', () => {
  it('refuses a PDF without a text layer', async () => {
    expect(await importFile('scan.pdf', scannedPdf(1))).toEqual({
      ok: false,
      message:
        "'scan.pdf' has no text layer (1 page of images, a scan?): run OCR on it first; the importer reads only text",
    });
  });

  it('refuses a truncated PDF', async () => {
    const r = await importFile('cut.pdf', pdf.slice(0, 2000));
    expect(r.ok).toBe(false);
    expect(
      !r.ok && r.message.startsWith("cannot import 'cut.pdf': not a readable PDF (damaged or truncated?)"),
    ).toBe(true);
  });

  it('refuses an encrypted PDF', async () => {
    expect(await importFile('locked.pdf', encryptedPdf())).toEqual({
      ok: false,
      message:
        "cannot import 'locked.pdf': the PDF is encrypted (password protected); save an unprotected copy first",
    });
  });
});

describe('footnotes at the foot of PDF pages', () => {
  it('labels them by page and links their raised markers', async () => {
    const sheet = (body: string, notes: string[]) =>
      `<section style="height: 160mm; position: relative; break-after: page;">${body}<div style="position: absolute; bottom: 0; font-size: 7.5pt; line-height: 1.3;">${notes.map((t) => `<div>${t}</div>`).join('')}</div></section>`;
    const sup = (m: string) => `<sup style="font-size: 6pt">${m}</sup>`;
    const html = page(
      [
        sheet(
          `<h1>${TITLE}</h1><p>美塔协议签署后，国内外学者已经对美阿塔博弈进行大量研究，为后续研究奠定基础。${sup('1')}但是既有研究关注美塔博弈和阿塔博弈较多。</p><p>本文选择双层博弈论作为分析理论。${sup('2')}</p>`,
          [
            `${sup('1')} 申玉辉：《特朗普时期的美塔和谈与阿富汗政治和解》，2020年第3期。`,
            `${sup('2')} Robert D. Putnam, Two-Level Games, 1988, p.343.`,
          ],
        ),
        sheet(`<p>第二页的正文继续讨论这个问题。${sup('1')}结束。</p>`, [`${sup('1')} Ibid., p.430.`]),
      ].join(''),
    );
    const r = await importFile('notes.pdf', printPdf(html));
    if (!r.ok) throw new Error(r.message);
    const md = toMarkdown(r.doc, '005', { file: 'notes.pdf', sha256: '0' });
    expect(md.slice(md.indexOf('<!-- page 1 -->'))).toBe(
      [
        '<!-- page 1 -->',
        '',
        `# ${TITLE}`,
        '',
        '美塔协议签署后，国内外学者已经对美阿塔博弈进行大量研究，为后续研究奠定基础。[^1a]但是既有研究关注美塔博弈和阿塔博弈较多。',
        '',
        '[^1a]: 申玉辉：《特朗普时期的美塔和谈与阿富汗政治和解》，2020年第3期。',
        '',
        '本文选择双层博弈论作为分析理论。[^1b]',
        '',
        '[^1b]: Robert D. Putnam, Two-Level Games, 1988, p.343.',
        '',
        '<!-- page 2 -->',
        '',
        '第二页的正文继续讨论这个问题。[^2a]结束。',
        '',
        '[^2a]: Ibid., p.430.',
        '',
      ].join('\n'),
    );
  });
});
