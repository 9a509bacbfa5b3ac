/**
 * Documents without text — library entries imported without their attachment: citable as a whole
 * with pages, hovered with their metadata, "no text" in the Sources view, and a quotation of one
 * is information (nothing to verify it against), not an error.
 */
import { describe, expect, it } from 'vitest';
import { itemData } from '../../../client/src/sourcesView.js';
import { mergeConfig } from '../../../server/src/engine/config.js';
import { parseDraft } from '../../../server/src/engine/drafts/parseDraft.js';
import { checkDraft } from '../../../server/src/engine/features/diagnostics.js';
import { sourcesReport } from '../../../server/src/engine/features/sourcesReport.js';
import { createService } from '../../../server/src/engine/service.js';
import type { SourceNode } from '../../../server/src/lsp/protocolTypes.js';
import { lines, source, withCursor } from '../../helpers/engine.js';

const MUELLER = lines(
  '---',
  'id: "mueller2019"',
  'title: "Café Society and the Cold War"',
  'authors:',
  '  - "Müller, Jörg"',
  '  - "{World Bank}"',
  'type: "book"',
  'date: "2019"',
  'edition: "2"',
  'publisher: "Oxford University Press"',
  'place: "Oxford"',
  'isbn: "978-0-19-000000-1"',
  'library: "library.bib"',
  '---',
  '',
);

function service() {
  const s = createService();
  s.index.set(source('mueller2019.md', MUELLER));
  s.search.rebuildNow();
  return s;
}

describe('a metadata-only document', () => {
  it('is cited with pages without a problem; a quotation of it is information, not an error', () => {
    const s = service();
    const draft = parseDraft(
      lines('As Müller shows [[mueller2019@12-14]].', '', '“Coffee was political.”[[mueller2019@15]]'),
    );
    expect(checkDraft(draft, s.index, mergeConfig(), s.quotes)).toEqual([
      {
        range: { start: { line: 2, character: 1 }, end: { line: 2, character: 22 } },
        citation: 'mueller2019',
        code: 'quote-no-text',
        severity: 'information',
        message:
          'Quote not verified: [[mueller2019]] has no text to verify against (metadata only; import its PDF or web page to check quotes).',
      },
    ]);
  });

  it('is hovered with its metadata', () => {
    const s = service();
    const { text, position } = withCursor('See [[muel$0ler2019@12]].');
    const hover = s.hover.provideHover(parseDraft(text), position);
    expect(hover?.contents).toEqual({
      kind: 'markdown',
      value: [
        '**Café Society and the Cold War** — Müller\\, Jörg\\, World Bank · 2019 · Oxford University Press',
        'cited at p. 12',
        '---',
        '*No text: metadata only* (a library entry imported without its attachment: cite it with pages, `@12`; quotes of it cannot be verified).',
        'Type: book  \nPublisher: Oxford\\: Oxford University Press  \nEdition: 2  \nISBN: 978\\-0\\-19\\-000000\\-1',
        '---',
        '[Open mueller2019 in the source](<file:///w/corpus/mueller2019.md#L1>)',
      ].join('\n\n'),
    });
  });

  it('is "no text" in the Sources view', () => {
    const s = service();
    const report = sourcesReport(s.index, []);
    expect(report.documents.map((d) => [d.id, d.noText])).toEqual([['mueller2019', true]]);
    const node: SourceNode = {
      kind: 'document',
      target: 'mueller2019',
      label: 'Café Society and the Cold War',
      uri: 'file:///w/corpus/mueller2019.md',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      here: 0,
      workspace: 1,
      children: [],
      noText: true,
    };
    expect(itemData(node, false)).toMatchObject({
      description: 'no text · cited 1× in workspace',
      tooltip:
        '[[mueller2019]]\nCafé Society and the Cold War\nNo text: metadata only (cite it with pages; its quotes cannot be verified)\ncited 1× in workspace',
    });
  });
});
