/**
 * A `PagedSource` as a web page for Chromium's print-to-PDF, set like a journal: A4, justified
 * 10 pt text with indented paragraphs, headings larger, a running head at the top of each page
 * (the title on odd pages, `政治·外交` on even ones, none on an article's first page) and `·48·` at
 * the foot. A paged document gets one sheet per page of the source, its footnotes at the foot in
 * 8 pt above a short rule with raised markers (`ᵃ`), and a paragraph that runs onto the next page
 * justified to its last line; a flow document is left to Chromium's pagination, with the head and
 * the number in the page margins.
 */
import type { PagedBlock, PagedSource, Run } from './pagedSource.js';

export const EVEN_HEAD = '政治·外交';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const STYLE = `
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; line-height: 1.6; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; overflow-wrap: anywhere; }
p.continued { text-indent: 0; } p.runs-on { text-align-last: justify; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 8pt; } h2 { font-size: 13pt; margin: 8pt 0 4pt; }
h3 { font-size: 12pt; margin: 6pt 0 3pt; } h4, h5, h6 { font-size: 11.5pt; margin: 4pt 0 2pt; }
sup { font-size: 6.5pt; line-height: 0; }
.notes { position: absolute; left: 22mm; right: 22mm; bottom: 20mm; font-size: 8pt; line-height: 1.35; }
.notes hr { width: 40mm; margin: 0 0 2pt; border: 0; border-top: 0.5pt solid #000; }
.notes div { text-align: justify; overflow-wrap: anywhere; } .notes sup { font-size: 5.5pt; }
.head, .foot { position: absolute; left: 22mm; right: 22mm; font-size: 8pt; text-align: center; }
.head { top: 10mm; } .foot { bottom: 10mm; }
`;

function runs(list: readonly Run[]): string {
  return list.map((r) => ('note' in r ? `<sup>${esc(r.note)}</sup>` : esc(r.text))).join('');
}

function block(b: PagedBlock): string {
  if (b.kind === 'heading') return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
  const cls = [b.continued ? 'continued' : '', b.runsOn ? 'runs-on' : ''].filter(Boolean).join(' ');
  return `<p${cls ? ` class="${cls}"` : ''}>${runs(b.runs)}</p>`;
}

export function pagedHtml(doc: PagedSource): string {
  if (!doc.paged) {
    return `<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
@page { size: A5; margin: 20mm 16mm;
  @top-center { content: "IPP评论 · ${esc(doc.title)}"; font-size: 8pt; }
  @bottom-center { content: "·" counter(page) "·"; font-size: 8pt; } }
${STYLE}</style></head><body><h1>${esc(doc.title)}</h1>
${doc.pages.flatMap((p) => p.blocks.map(block)).join('\n')}</body></html>`;
  }
  const sheets = doc.pages.map((page, i) => {
    const n = page.number!;
    const head = i === 0 ? '' : n % 2 ? doc.title : EVEN_HEAD;
    const notes = page.notes.length
      ? `<div class="notes"><hr>${page.notes.map((f) => `<div><sup>${esc(f.marker)}</sup> ${esc(f.text)}</div>`).join('')}</div>`
      : '';
    return `<section>${head ? `<div class="head">${esc(head)}</div>` : ''}<div class="text">${page.blocks.map(block).join('\n')}</div>${notes}<div class="foot">·${n}·</div></section>`;
  });
  return `<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
@page { size: A4; margin: 0; }
section { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; }
.text { position: absolute; left: 22mm; right: 22mm; top: 20mm; }
${STYLE}</style></head><body>${sheets.join('\n')}</body></html>`;
}
