/**
 * What an import says about each original, as the CLI prints it and the editor shows it:
 *
 *     paper.txt → corpus/005-quasi-allies.md (005)
 *       title: Quasi Allies
 *       found: no page numbers, 1 section, 0 footnotes, 2 paragraphs
 *       dropped: nothing
 *
 * and, for a PDF, what its layout showed (the first two lines only when there are columns, or
 * notes, references or captions, to speak of):
 *
 *       layout: 2 columns on pages 47-53, 1 column on page 54
 *       notes: 14 footnotes linked to their markers, 0 without; 6 reference entries; 1 figure or table caption
 *       warning: the layout of pages 50, 52 is doubtful (columns and full-width bands alternate): check them
 */
import { DROP_REASONS, type DropReason, type ImportedDoc, type LayoutFindings } from './importedDoc.js';
import { summarize } from './toMarkdown.js';

/**
 * `paper.txt → corpus/005-….md (005)`, what was found, what was dropped. `unwritten` says why the
 * file will not be written (`dry run: not written`, `not written`), shown after the arrow line.
 */
export function describe(
  input: string,
  output: string,
  id: string,
  doc: ImportedDoc,
  unwritten: string | undefined,
  reimported = false,
): string {
  const s = summarize(doc);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const found = [
    s.pages ? `pages ${s.pages}` : 'no page numbers',
    plural(s.sections, 'section'),
    plural(s.footnotes, 'footnote'),
    plural(s.paragraphs, 'paragraph'),
  ];
  const lines = [
    `${input} → ${output} (${id}${reimported ? ', re-import' : ''})${unwritten ? ` [${unwritten}]` : ''}`,
  ];
  if (doc.meta.title) lines.push(`  title: ${doc.meta.title}`);
  lines.push(`  found: ${found.join(', ')}`);
  const dropped = (Object.keys(DROP_REASONS) as DropReason[]).flatMap((reason) => {
    const d = doc.dropped.get(reason);
    if (!d) return [];
    return [
      d.example
        ? `${d.count} × ${DROP_REASONS[reason]}, e.g. '${d.example}'`
        : `${d.count} ${DROP_REASONS[reason]}`,
    ];
  });
  if (doc.layout) lines.push(...layoutLines(doc.layout));
  lines.push(...(dropped.length ? dropped.map((d) => `  dropped: ${d}`) : ['  dropped: nothing']));
  for (const w of doc.warnings ?? []) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** `2 columns on pages 1-12, 1 column on page 13`: runs of pages with the same number of columns. */
function layoutLines(layout: LayoutFindings): string[] {
  const runs: { columns: number; from: number | string; to: number | string }[] = [];
  layout.columns.forEach((columns, i) => {
    const page = layout.pageNumbers[i] ?? i + 1;
    const last = runs.at(-1);
    if (last && last.columns === columns) last.to = page;
    else runs.push({ columns, from: page, to: page });
  });
  const range = (r: { from: number | string; to: number | string }) =>
    r.from === r.to ? `page ${r.from}` : `pages ${r.from}-${r.to}`;
  const lines: string[] = [];
  // A plain one-column PDF says nothing more than `found:` did.
  if (runs.some((r) => r.columns > 1))
    lines.push(
      `  layout: ${runs.map((r) => `${r.columns} column${r.columns === 1 ? '' : 's'} on ${range(r)}`).join(', ')}`,
    );
  if (layout.footnotes + layout.unlinked + layout.references + layout.captions > 0)
    lines.push(
      `  notes: ${layout.footnotes} footnote${layout.footnotes === 1 ? '' : 's'} linked to their markers, ${layout.unlinked} without; ${layout.references} reference entr${layout.references === 1 ? 'y' : 'ies'}; ${layout.captions} figure or table caption${layout.captions === 1 ? '' : 's'}`,
    );
  if (layout.doubtful.length)
    lines.push(
      `  warning: the layout of page${layout.doubtful.length === 1 ? '' : 's'} ${layout.doubtful.join(', ')} is doubtful (columns and full-width bands alternate): check ${layout.doubtful.length === 1 ? 'it' : 'them'}`,
    );
  return lines;
}
