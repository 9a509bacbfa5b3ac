/**
 * What an import says about each original, as the CLI prints it and the editor shows it:
 *
 *     paper.txt → corpus/005-quasi-allies.md (005)
 *       title: Quasi Allies
 *       found: no page numbers, 1 section, 0 footnotes, 2 paragraphs
 *       dropped: nothing
 */
import { DROP_REASONS, type DropReason, type ImportedDoc } from './importedDoc.js';
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
  lines.push(...(dropped.length ? dropped.map((d) => `  dropped: ${d}`) : ['  dropped: nothing']));
  for (const w of doc.warnings ?? []) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
