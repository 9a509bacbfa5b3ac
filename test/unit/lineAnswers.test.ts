/**
 * While a draft's parse is not current, the citation under the cursor comes from its line alone;
 * on a long line, from a window cut around the cursor. Either way it is the citation a parse of
 * the whole line finds there (ranges moved back to the line).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { citationAt } from '../../server/src/engine/features/citationAt.js';
import { lineDraft } from '../../server/src/lsp/lineAnswers.js';

const PIECES = [
  '[[002#a]]',
  '[[',
  '[',
  ']',
  ']]',
  '\\',
  '[[002|x]]',
  '见',
  '，',
  '#',
  '|',
  '@5',
  '[@k, p. 5]',
  '@k',
  ' @k [5]',
  '[see @k; @j]',
];

/** The citation at `character` of line 1, found through the window, as the whole line's parse would write it. */
function throughWindow(line: string, character: number) {
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, `前一行\n${line}\n后一行\n`);
  const w = lineDraft(doc, { line: 1, character });
  const c = citationAt(w.draft, w.position);
  return (
    c && { raw: c.raw, start: c.range.start.character + w.column, end: c.range.end.character + w.column }
  );
}

function throughLine(line: string, character: number) {
  const c = citationAt(parseDraft(line), { line: 0, character });
  return c && { raw: c.raw, start: c.range.start.character, end: c.range.end.character };
}

describe('lineDraft', () => {
  it('finds the citation the whole line has under the cursor, on long lines of brackets and citations', () => {
    const line = fc
      .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 })
      .chain((parts) => fc.tuple(fc.constant(parts.join('')), fc.integer({ min: 2, max: 400 })))
      .map(([unit, times]) =>
        unit.repeat(Math.ceil(2100 / unit.length / times) * times).slice(0, 2100 + times),
      );
    fc.assert(
      fc.property(line, fc.nat(), (text, at) => {
        const character = at % (text.length + 1);
        expect(throughWindow(text, character)).toEqual(throughLine(text, character));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the character after the cut, so a bracket followed by `[` stays a link, as on the whole line', () => {
    // Found by the property above (seed -774394614): the window `[@k\]]` alone reads as a citation.
    const line = '[@k\\]]'.repeat(400);
    expect(throughLine(line, 0)).toBeUndefined();
    expect(throughWindow(line, 0)).toBeUndefined();
    const cited = `${'[@k\\]]'.repeat(400)} [@k\\]] end`;
    expect(throughWindow(cited, 2402)).toEqual(throughLine(cited, 2402));
    expect(throughWindow(cited, 2402)).toEqual({ raw: '[@k\\]]', start: 2401, end: 2407 });
  });

  it('cuts a line of 20,000 citations to the one under the cursor', () => {
    const line = `见${'[[002#a]]，'.repeat(20_000)}`;
    const doc = TextDocument.create('file:///d.md', 'markdown', 1, line);
    const w = lineDraft(doc, { line: 0, character: 100_004 });
    expect(w.column).toBe(100_001);
    expect(w.draft.text).toBe('[[002#a]]，');
    expect(throughWindow(line, 100_004)).toEqual({ raw: '[[002#a]]', start: 100_001, end: 100_010 });
  });
});
