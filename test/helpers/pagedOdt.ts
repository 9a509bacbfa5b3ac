/**
 * A `PagedSource` as a LibreOffice Writer document (flat ODT XML), set like `pagedHtml.ts` sets it
 * for Chromium but laid out by Writer: A4, justified 10 pt text, headings larger, running heads in
 * the page header (the title on odd pages, `政治·外交` on even ones, none on the first page), the
 * page number `·48·` in the footer. A paged document starts each of its pages with a page break
 * (the first numbered from its page mark) and its footnotes are Writer's own footnotes — lettered,
 * restarting on every page, their raised markers where the source has them — so Writer places
 * them at the foot of the page; a paragraph that runs onto the next page is split there, its
 * first part justified to its last line. A flow document is paginated by Writer, on A5.
 */
import { EVEN_HEAD } from './pagedHtml.js';
import type { PagedBlock, PagedSource, Run } from './pagedSource.js';

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`);

const NS = [
  'office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'dc="http://purl.org/dc/elements/1.1/"',
  'meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
]
  .map((n) => `xmlns:${n}`)
  .join(' ');

const FONT = 'style:font-name="WQY" style:font-name-asian="WQY"';
const size = (pt: number) => `fo:font-size="${pt}pt" style:font-size-asian="${pt}pt"`;

const STYLES = `
<style:default-style style:family="paragraph">
  <style:paragraph-properties fo:line-height="14pt" fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  <style:text-properties ${FONT} ${size(10)} fo:language="en" fo:country="US" style:language-asian="zh" style:country-asian="CN"/>
</style:default-style>
<style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="20pt"/></style:style>
<style:style style:name="Continued" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:text-indent="0pt"/></style:style>
<style:style style:name="H1" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="8pt"/><style:text-properties ${size(18)}/></style:style>
<style:style style:name="H2" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="8pt" fo:margin-bottom="4pt"/><style:text-properties ${size(13)}/></style:style>
<style:style style:name="H3" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="6pt" fo:margin-bottom="3pt"/><style:text-properties ${size(12)}/></style:style>
<style:style style:name="Footnote" style:family="paragraph">
  <style:paragraph-properties fo:line-height="10pt" fo:text-align="justify" fo:margin-left="0.5cm" fo:text-indent="-0.5cm"/><style:text-properties ${size(8)}/></style:style>
<style:style style:name="Margin" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties ${size(8)}/></style:style>
<style:style style:name="Marker" style:family="text"><style:text-properties style:text-position="super 60%"/></style:style>
<text:notes-configuration text:note-class="footnote" style:num-format="a" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="page" text:citation-style-name="Marker" text:citation-body-style-name="Marker" text:default-style-name="Footnote"/>
`;

function runs(list: readonly Run[], page: number): string {
  let n = 0;
  return list
    .map((r) =>
      'note' in r
        ? `<text:note text:id="n${page}-${n++}" text:note-class="footnote"><text:note-citation>${esc(r.note)}</text:note-citation><text:note-body>NOTE:${r.note}</text:note-body></text:note>`
        : esc(r.text),
    )
    .join('');
}

/**
 * `columns: 2` sets a flow document's text (not its title) in a two-column section on A4: the
 * LibreOffice case of the layout tests.
 */
export function pagedOdt(doc: PagedSource, options: { columns?: 2 } = {}): string {
  const autos = new Map<string, string>();
  /**
   * A paragraph style, or an automatic one based on it: `extra` paragraph properties, and when the
   * block starts a page, the master page (`First` for the document's first page) and the number
   * the page prints.
   */
  const styleFor = (base: string, extra: string, start?: { first: boolean; number?: number }): string => {
    if (!start && !extra) return base;
    const master = start ? ` style:master-page-name="${start.first ? 'First' : 'Standard'}"` : '';
    const number = start?.number !== undefined ? ` style:page-number="${start.number}"` : '';
    const key = `${base}|${extra}|${master}|${number}`;
    let name = autos.get(key)?.match(/style:name="(A\d+)"/)?.[1];
    if (!name) {
      name = `A${autos.size}`;
      autos.set(
        key,
        `<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${base}"${master}><style:paragraph-properties${number} ${extra}/></style:style>`,
      );
    }
    return name;
  };
  const blockXml = (b: PagedBlock, page: number, start?: { first: boolean; number?: number }) => {
    if (b.kind === 'heading') {
      const level = Math.min(3, b.level);
      return `<text:h text:style-name="${styleFor(`H${level}`, '', start)}" text:outline-level="${level}">${esc(b.text)}</text:h>`;
    }
    const base = b.continued ? 'Continued' : 'Body';
    const style = styleFor(
      base,
      b.runsOn ? 'fo:text-align="justify" fo:text-align-last="justify"' : '',
      start,
    );
    return `<text:p text:style-name="${style}">${runs(b.runs, page)}</text:p>`;
  };
  const body: string[] = [];
  if (!doc.paged)
    body.push(
      `<text:h text:style-name="${styleFor('H1', '', { first: true })}" text:outline-level="1">${esc(doc.title)}</text:h>`,
    );
  doc.pages.forEach((page, pi) => {
    const notes = [...page.notes];
    page.blocks.forEach((b, bi) => {
      let xml = blockXml(
        b,
        pi,
        doc.paged && bi === 0 ? { first: pi === 0, number: page.number! } : undefined,
      );
      xml = xml.replace(/NOTE:\w+/g, () => {
        const note = notes.shift();
        return `<text:p text:style-name="Footnote">${esc(note?.text ?? '')}</text:p>`;
      });
      body.push(xml);
    });
  });
  const columns = options.columns === 2 && !doc.paged;
  if (columns)
    body.splice(
      1,
      body.length - 1,
      '<text:section text:style-name="Cols" text:name="Cols">',
      ...body.slice(1),
      '</text:section>',
    );
  const head = doc.paged ? esc(doc.title) : esc(`IPP评论 · ${doc.title}`);
  const evenHead = doc.paged ? esc(EVEN_HEAD) : head;
  const paper =
    doc.paged || columns
      ? 'fo:page-width="21cm" fo:page-height="29.7cm"'
      : 'fo:page-width="14.8cm" fo:page-height="21cm"';
  const margins = doc.paged
    ? 'fo:margin-left="2.2cm" fo:margin-right="2.2cm"'
    : 'fo:margin-left="1.6cm" fo:margin-right="1.6cm"';
  const footer = `<style:footer><text:p text:style-name="Margin">·<text:page-number text:select-page="current"/>·</text:p></style:footer>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(doc.title)}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="WQY" svg:font-family="'WenQuanYi Micro Hei'"/></office:font-face-decls>
<office:styles>${STYLES}</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties ${paper} fo:margin-top="1cm" fo:margin-bottom="1cm" ${margins}/>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.8cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
${[...autos.values()].join('\n')}
<style:style style:name="Cols" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Margin">${head}</text:p></style:header>
<style:header-left><text:p text:style-name="Margin">${evenHead}</text:p></style:header-left>${footer}</style:master-page>
<style:master-page style:name="First" style:page-layout-name="PL" style:next-style-name="Standard">${doc.paged ? '' : `<style:header><text:p text:style-name="Margin">${head}</text:p></style:header>`}${footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body></office:document>
`;
}
