/**
 * The document's title: the PDF's Title property, unless it is a library's placeholder
 * (ReportLab writes `(anonymous)` when the producer set none); then the first-level heading.
 */
import { expect, it } from 'vitest';
import { importPdfPages, pageLines, type PdfItem } from '../../../server/src/engine/import/pdf.js';

const item = (text: string, y: number, size = 10): PdfItem => ({
  text,
  x: 50,
  y,
  width: text.length * size * 0.5,
  size,
});
const page = pageLines([
  item('Alliance Notes', 780, 18),
  item('Junior partners shape the terms of cooperation more than their weight suggests,', 740),
  item('and the patron faces a choice between accepting the conditions and a public rift.', 726),
  item('Each case shows the same pattern of private promises and public concessions.', 712),
]);

it.each([
  ['(anonymous)', 'Alliance Notes'],
  ['Untitled', 'Alliance Notes'],
  ['Alliances in Asia', 'Alliances in Asia'],
])('a Title property %j gives the title %j', (title, expected) => {
  const r = importPdfPages({ title, pages: [page] }, 'a.pdf');
  if (!r.ok) throw new Error(r.message);
  expect(r.doc.meta.title).toBe(expected);
});
