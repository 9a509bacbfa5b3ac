/**
 * What a library import says about one entry, as the CLI prints it and the editor's output shows it:
 *
 *     lan2022 → corpus/lan2022.md (new)
 *       title: 美塔协议签署后的美阿塔三方内部博弈
 *       attachment: papers/lan2022.pdf imported
 *       found: pages 47-66, 3 sections, 12 footnotes, 40 paragraphs
 *       dropped: 3 × running head, e.g. '南亚研究季刊'
 *     mueller2019 → corpus/mueller2019.md (new, no text)
 *       attachment: /abs/mueller2019.pdf missing: no such file (the metadata is imported)
 */
import { describe } from '../engine/import/importReport.js';
import { reimportLines } from '../engine/import/reimportReport.js';
import type { AttachmentNote, PlannedEntry } from './libraryPlan.js';

/** One entry's lines: the arrow line, its title, its attachments, what the importer found. */
export function entryReport(e: PlannedEntry, output: string): string {
  const state = e.state === 'unchanged' ? 'up to date' : e.state;
  const lines: string[] = [];
  const head = `${e.key} → ${output} (${state}${e.hasText ? '' : ', no text'})`;
  if (e.doc) {
    // The importer's account, under the entry's arrow line.
    const account = describe(e.key, output, e.key, e.doc, undefined).split('\n').slice(1);
    lines.push(head);
    if (e.title) lines.push(`  title: ${e.title}`);
    for (const a of e.attachments) lines.push(`  attachment: ${attachmentLine(a)}`);
    lines.push(...account.filter((l) => l && !l.startsWith('  title: ')));
  } else {
    lines.push(head);
    if (e.title) lines.push(`  title: ${e.title}`);
    for (const a of e.attachments) lines.push(`  attachment: ${attachmentLine(a)}`);
  }
  if (e.reimport) lines.push(...reimportLines(e.reimport.result, e.reimport.cited));
  return `${lines.join('\n')}\n`;
}

function attachmentLine(a: AttachmentNote): string {
  switch (a.outcome) {
    case 'missing':
      return `${a.file} missing: ${a.message?.replace(/^cannot import '[^']*': /, '') ?? ''} (the metadata is imported)`;
    case 'refused':
      return `${a.file} not imported: ${a.message ?? ''}`;
    case 'not tried':
      return `${a.file} not imported (the one before it was)`;
    case 'unchanged':
      return `${a.file} unchanged since the last import`;
    default:
      return `${a.file} ${a.outcome}`;
  }
}
