/**
 * PDFs whose fonts are not what Chromium and LibreOffice write, made by real producers
 * (`helpers/fontPdfs.ts`): a Chinese text in a standard CID font that is not embedded (ReportLab,
 * STSong-Light), text whose fonts lost their Unicode maps (XeTeX, then pikepdf), and a pdfTeX
 * report with roman-numbered front matter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../../server/src/engine/corpus/parseSource.js';
import type { Quote } from '../../../server/src/engine/drafts/quotes.js';
import type { ImportedDoc, ImportOutcome } from '../../../server/src/engine/import/importedDoc.js';
import { countGlyphs, emptyGlyphCount } from '../../../server/src/engine/import/pdfGlyphs.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';
import { QuoteVerifier } from '../../../server/src/engine/quotes/verifyQuote.js';
import { importFile } from '../../../server/src/node/importFile.js';
import {
  chinese002Paragraphs,
  cidFontPdf,
  CID_TITLE,
  romanFrontMatterPdf,
  romanParagraph,
  undecodableParagraph,
  undecodablePdf,
} from '../../helpers/fontPdfs.js';

const PARAGRAPHS = chinese002Paragraphs();
const ORIGINAL = { file: 'original.pdf', sha256: '0' };
const TITLE = CID_TITLE;

function imported(outcome: ImportOutcome): ImportedDoc {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.doc;
}

const withoutMarks = (s: string) => s.replace(/<!-- page \w+ -->/g, '');
/** Whitespace folded away, as quote comparison does: ReportLab's one space in `2. 美国` is not kept. */
const fold = (s: string) => s.replace(/\s+/g, '');

describe('a Chinese PDF in STSong-Light, a CID font that is not embedded (ReportLab)', () => {
  let doc: ImportedDoc;
  beforeAll(async () => {
    doc = imported(await importFile('cid.pdf', cidFontPdf(TITLE, PARAGRAPHS)));
  }, 60_000);

  it('imports every paragraph whole, in order, under its title', () => {
    expect(PARAGRAPHS.length).toBe(7);
    expect(doc.meta.title).toBe(TITLE);
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([TITLE]);
    expect(doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => fold(withoutMarks(b.text)))).toEqual(
      PARAGRAPHS.map(fold),
    );
  });

  it('verifies 20 sentences quoted from the original, and none of 5 altered ones', () => {
    const source = parseSource('file:///w/corpus/001-cid.md', toMarkdown(doc, '001', ORIGINAL));
    const verifier = new QuoteVerifier({ candidates: () => [] });
    const verdict = (text: string) =>
      verifier.verify({ text, pieces: [text] } as Quote, source, undefined).kind;
    const sentences = PARAGRAPHS.flatMap((p) => p.match(/[^。！？]{8,}[。！？]/g) ?? []);
    expect(sentences.length).toBeGreaterThanOrEqual(20);
    const twenty = Array.from({ length: 20 }, (_, i) => sentences[Math.floor((i * sentences.length) / 20)]!);
    expect(twenty.map(verdict)).toEqual(twenty.map(() => 'verbatim'));
    // Five ways a quote goes wrong: a word changed, a word added, words left out, words moved, a slip.
    const altered = [
      twenty[0]!.replace(/\p{Script=Han}/u, (c) => (c === '某' ? '甲' : '某')),
      `${twenty[3]!.slice(0, 6)}并非${twenty[3]!.slice(6)}`,
      twenty[7]!.slice(0, 5) + twenty[7]!.slice(9),
      twenty[11]!.slice(8) + twenty[11]!.slice(0, 8),
      twenty[15]!.slice(0, 4) + twenty[15]![5] + twenty[15]![4] + twenty[15]!.slice(6),
    ];
    expect(altered.map(verdict)).toEqual(altered.map(() => 'not-found'));
  });
});

describe('fonts without a Unicode map (XeTeX, ToUnicode removed by pikepdf)', () => {
  it('refuses a PDF none of whose text decodes, naming the cause, not a scan', async () => {
    expect(await importFile('stripped.pdf', undecodablePdf(2, 'all'))).toEqual({
      ok: false,
      message:
        "'stripped.pdf' has text that does not decode (all 2 pages): its fonts have no Unicode map, so the text reads as glyph numbers, not letters (it is not a scan); export the PDF again from its original with the fonts’ Unicode maps (ToUnicode) kept, or run OCR on it",
    });
  }, 60_000);

  it('imports the pages that decode and names the ones left out', async () => {
    const doc = imported(await importFile('mixed.pdf', undecodablePdf(4, [2, 3])));
    expect(doc.warnings).toEqual([
      'pages 2–3 left out: text that does not decode (fonts without a Unicode map); to import them, export the PDF again from its original with the fonts’ Unicode maps (ToUnicode) kept, or run OCR on it',
    ]);
    const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => withoutMarks(b.text));
    expect(paragraphs).toEqual([1, 4].flatMap((n) => [0, 1, 2].map((k) => undecodableParagraph(n, k))));
    const text = paragraphs.join('\n');
    const glyphs = emptyGlyphCount();
    countGlyphs(text, glyphs);
    expect(glyphs.controls).toBe(0);
  }, 60_000);
});

describe('a pdfTeX report with roman-numbered front matter', () => {
  let doc: ImportedDoc;
  beforeAll(async () => {
    doc = imported(await importFile('manual.pdf', romanFrontMatterPdf()));
  }, 60_000);

  it('marks the front matter with its roman folios and the chapters from page 1; never a page below 1', () => {
    const markdown = toMarkdown(doc, '001', ORIGINAL);
    expect([...markdown.matchAll(/<!-- page (\w+) -->/g)].map((m) => m[1])).toEqual([
      'i',
      'ii',
      'iii',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    expect(doc.meta.pages).toBe('1-7');
  });

  it('gives the engine no page for the front matter and the printed page for each chapter', () => {
    const source = parseSource('file:///w/corpus/001-manual.md', toMarkdown(doc, '001', ORIGINAL));
    const pageOf = (text: string) => source.blocks.find((b) => b.text.includes(text))?.pageStart;
    expect(pageOf('This manual explains source anchors')).toBeUndefined();
    expect([1, 4, 7].map((n) => pageOf(romanParagraph(n, 2)))).toEqual([1, 4, 7]);
  });
});
