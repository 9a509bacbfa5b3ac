/**
 * The import report's account of a PDF's layout: columns in runs of pages, notes, references and
 * captions, and the pages whose layout was doubtful.
 */
import { describe, expect, it } from 'vitest';
import type { ImportedDoc } from '../../../server/src/engine/import/importedDoc.js';
import { describe as describeImport } from '../../../server/src/engine/import/importReport.js';

const doc = (layout: ImportedDoc['layout']): ImportedDoc => ({
  meta: { authors: [], title: 'Paper', pages: '47-51' },
  blocks: [{ kind: 'paragraph', text: 'Text.' }],
  dropped: new Map(),
  ...(layout ? { layout } : {}),
});

describe('the import report on layout', () => {
  it('names the columns per run of pages, the notes, and the doubtful pages', () => {
    const report = describeImport(
      'paper.pdf',
      'corpus/005-paper.md',
      '005',
      doc({
        columns: [1, 2, 2, 2, 1],
        pageNumbers: [47, 48, 49, 50, 51],
        doubtful: [49, 50],
        footnotes: 12,
        unlinked: 1,
        references: 1,
        captions: 2,
      }),
      undefined,
    );
    expect(report).toBe(
      [
        'paper.pdf → corpus/005-paper.md (005)',
        '  title: Paper',
        '  found: pages 47-51, 0 sections, 0 footnotes, 1 paragraph',
        '  layout: 1 column on page 47, 2 columns on pages 48-50, 1 column on page 51',
        '  notes: 12 footnotes linked to their markers, 1 without; 1 reference entry; 2 figure or table captions',
        '  warning: the layout of pages 49, 50 is doubtful (columns and full-width bands alternate): check them',
        '  dropped: nothing',
        '',
      ].join('\n'),
    );
  });

  it('says nothing more of a plain one-column PDF', () => {
    const layout = {
      columns: [1, 1],
      pageNumbers: [1, 2],
      doubtful: [],
      footnotes: 0,
      unlinked: 0,
      references: 0,
      captions: 0,
    };
    expect(describeImport('a.pdf', 'corpus/005-a.md', '005', doc(layout), undefined)).toBe(
      describeImport('a.pdf', 'corpus/005-a.md', '005', doc(undefined), undefined),
    );
  });
});
