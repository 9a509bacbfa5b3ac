/**
 * Incremental parsing: after any sequence of edits, the parse carried from edit to edit equals a
 * full parse of the final text (citations with their ranges, blockquotes), fences, HTML blocks,
 * blockquotes, lists and front matter opened and closed along the way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDraft, type DraftParse } from '../../server/src/engine/drafts/parseDraft.js';
import { changeBetween, reparse, reparseDraft } from '../../server/src/engine/drafts/reparseDraft.js';
import { extractQuotes, quotesOf } from '../../server/src/engine/drafts/quotes.js';
import { DraftIndex } from '../../server/src/engine/index/draftIndex.js';

/** What a parse says, without the fields only an incremental parse may compute differently (block starts). */
const seen = (d: DraftParse) => ({
  text: d.text,
  citations: d.citations,
  blockquotes: d.blockquotes,
  bodyStartLine: d.structure?.bodyStartLine,
});

const FRAGMENTS = [
  '[[002#us-phase3]]',
  '[[001]]',
  '“引文”[[001#a|x]]',
  '[[002#a@54',
  '[@lan2022, p. 54]',
  '[see @002, 54; @001, chap. 2]',
  '@002 [pp. 53–55]',
  '[-@k]',
  '@',
  '[@',
  ']',
  '; @x',
  'me@x.org',
  '[[',
  ']]',
  '`',
  '``',
  '```',
  '~~~',
  '```\n',
  '\n```\n',
  '> ',
  '\n> ',
  '- ',
  '\n- ',
  '1. ',
  '    ',
  '  ',
  '\n',
  '\n\n',
  '<div>',
  '</div>',
  '<!--',
  '-->',
  '<pre>',
  '</pre>',
  '---\n',
  '# ',
  'word ',
  '见',
  '\\',
  '\t',
  '\r\n',
  '“',
  '”',
  '“引文”',
  '「話」',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const textArb = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.array(fragment, { maxLength: 3 }).map((p) => p.join('')),
});

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = text.length ? e.at % (text.length + 1) : 0;
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

describe('reparseDraft', () => {
  it('equals a full parse after random edit sequences', () => {
    fc.assert(
      fc.property(textArb, fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        let text = start;
        let draft = parseDraft(text);
        for (const e of edits) {
          text = apply(text, e);
          draft = reparseDraft(draft, text);
          expect(seen(draft)).toEqual(seen(parseDraft(text)));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('equals a full parse in long drafts of many blocks, typed into anywhere', () => {
    const block = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    const long = fc.array(block, { minLength: 5, maxLength: 30 }).map((b) => b.join('\n\n'));
    fc.assert(
      fc.property(long, fc.array(edit, { minLength: 1, maxLength: 20 }), (start, edits) => {
        let text = start;
        let draft = parseDraft(text);
        for (const e of edits) {
          text = apply(text, e);
          draft = reparseDraft(draft, text);
          expect(seen(draft)).toEqual(seen(parseDraft(text)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('carries the quotations over: equal to those of a full parse', () => {
    const block = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    const long = fc.array(block, { minLength: 3, maxLength: 20 }).map((b) => b.join('\n\n'));
    fc.assert(
      fc.property(long, fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const drafts = new DraftIndex();
        let text = start;
        quotesOf(drafts.set('d', text));
        for (const e of edits) {
          text = apply(text, e);
          drafts.setText('d', text);
          expect(quotesOf(drafts.get('d')!)).toEqual(extractQuotes(parseDraft(text)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('re-reads only the paragraph typed into, and moves the rest', () => {
    const before = 'A [[001#a]].\n\nB [[002#b]].\n\nC [[003#c]].\n';
    const after = 'A [[001#a]].\n\nB and more [[002#b]].\n\nC [[003#c]].\n';
    const old = parseDraft(before);
    const { draft, span } = reparse(old, after);
    expect(span).toEqual({ fromLine: 2, oldToLine: 4, newToLine: 4, offsetDelta: 9 });
    expect(draft.citations[0]).toBe(old.citations[0]);
    expect(draft.citations.map((c) => [c.start, c.range.start.line, c.range.start.character])).toEqual([
      [2, 0, 2],
      [25, 2, 11],
      [39, 4, 2],
    ]);
  });

  it('opening a fence re-reads to the end; closing it again gives the citations back', () => {
    const text = 'A [[001]]\n\nB [[002]]\n\nC [[003]]\n';
    const opened = reparse(parseDraft(text), text.replace('B', '```\nB'));
    expect(opened.draft.citations.map((c) => c.target)).toEqual(['001']);
    const closed = reparseDraft(opened.draft, text.replace('B', '```\n```\nB'));
    expect(closed.citations.map((c) => c.target)).toEqual(['001', '002', '003']);
  });

  it('re-reads a block the edit made a clean start (its old parse depended on the lines before it), and a block quotation once', () => {
    // Found by the properties above (seeds 1128928753, -580853542, -1604764647): in the old text the
    // list item, the blockquote and the quotation's citation followed their previous line with no
    // blank line between, so a code span or a block quote ran into them from there.
    const cases: [string, string][] = [
      [
        'word ``<!--\n- “引文”[[002#us-phase3]]``',
        'word ``<!--[[002#us-phase3]]\n\n- “引文”[[002#us-phase3]]``',
      ],
      ['a `[[002#a]]\n> `@002 [pp. 53–55]', 'a `[[002#a]]---\n\n> `@002 [pp. 53–55]'],
    ];
    for (const [before, after] of cases)
      expect(seen(reparseDraft(parseDraft(before), after))).toEqual(seen(parseDraft(after)));
    const drafts = new DraftIndex();
    quotesOf(drafts.set('d', 'A.\n\n> 引文\n[[002#a]]\n'));
    drafts.setText('d', 'A.\n\n> 引文\n\n[[002#a]]\n');
    expect(quotesOf(drafts.get('d')!)).toEqual(extractQuotes(parseDraft('A.\n\n> 引文\n\n[[002#a]]\n')));
    expect(extractQuotes(parseDraft('A.\n\n> 引文\n[[002#a]]\n'))).toHaveLength(1);
    // Seed 694800253: the blockquote re-read, its citation on the line after it kept: one quotation.
    const one = '[[002#us-phase3]]\n\n\n- > \n\n[[002#us-phase3]]';
    const two = 'us-pha\n- > \n\n[[002#us-phase3]]';
    quotesOf(drafts.set('e', one));
    drafts.setText('e', two);
    expect(quotesOf(drafts.get('e')!)).toEqual(extractQuotes(parseDraft(two)));
    expect(extractQuotes(parseDraft(two))).toHaveLength(1);
  });

  it('finds the one span two texts differ in', () => {
    expect(changeBetween('abcdef', 'abXYef')).toEqual({ start: 2, oldEnd: 4, newEnd: 4 });
    expect(changeBetween('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
  });
});
