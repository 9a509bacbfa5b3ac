/**
 * The expressions rewritten for eslint-plugin-regexp's super-linear rules read text exactly as
 * the old ones did (checked against them on random text), and in linear time on the inputs
 * that made the old ones quadratic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripTags } from '../../server/src/engine/corpus/markdownBlocks.js';
import { withoutCitations } from '../../server/src/engine/drafts/quotes.js';
import { ELLIPSIS } from '../../server/src/engine/quotes/fold.js';
import { joinLines } from '../../server/src/engine/text/joinLines.js';

const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** The old expressions (super-linear on hostile input), kept as the reference. */
const OLD = {
  joinLines: (text: string) =>
    text.replace(/[ \t]*\r?\n[ \t]*/g, (m, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? '';
      const after = whole[offset + m.length] ?? '';
      return CJK.test(before) && CJK.test(after) ? '' : ' ';
    }),
  withoutCitations: (text: string) => text.replace(/\[\[[^\]\n]*\]\]/g, ''),
  stripTags: (html: string) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ''),
  ellipsis: /……|…+|\.{3,}|。{3,}|⋯+/g,
};

const text = (units: string[]) => fc.string({ unit: fc.constantFrom(...units), maxLength: 40 });
const RUNS = { seed: 10, numRuns: 1000 };
/** Quotes keep the non-blank pieces between omission marks (the old `……` left an empty one). */
const pieces = (parts: string[]) => parts.filter((p) => p.trim() !== '');

describe('rewritten expressions read as the old ones', () => {
  it('joinLines', () => {
    fc.assert(
      fc.property(text([' ', '\t', '\n', '\r', 'a', '中', '文']), (t) => {
        expect(joinLines(t)).toBe(OLD.joinLines(t));
      }),
      RUNS,
    );
  });

  it('withoutCitations', () => {
    fc.assert(
      fc.property(text(['[', ']', '\n', 'a', '#']), (t) => {
        expect(withoutCitations(t)).toBe(OLD.withoutCitations(t));
      }),
      RUNS,
    );
  });

  it('stripTags (tags without comments inside them)', () => {
    fc.assert(
      fc.property(text(['<', '>', 'a', '<!--', '-->', '-']), (t) => {
        fc.pre(!/<[^>]*<!--/.test(t));
        expect(stripTags(t)).toBe(OLD.stripTags(t));
      }),
      RUNS,
    );
  });

  it('the omission marks', () => {
    fc.assert(
      fc.property(text(['…', '.', '。', '⋯', 'a']), (t) => {
        expect(pieces(t.split(ELLIPSIS))).toEqual(pieces(t.split(OLD.ellipsis)));
      }),
      RUNS,
    );
  });
});

describe('the inputs that were quadratic', () => {
  it('read whole: 100,000 blanks, [[ and < without an end', () => {
    expect(joinLines(' '.repeat(100_000) + 'x\ny')).toBe(' '.repeat(100_000) + 'x y');
    expect(withoutCitations('[['.repeat(50_000) + ']')).toBe('[['.repeat(50_000) + ']');
    expect(withoutCitations('[['.repeat(50_000) + ']]')).toBe('');
    expect(stripTags('<'.repeat(100_000))).toBe('<'.repeat(100_000));
    expect(stripTags('<!--'.repeat(25_000))).toBe('<!--'.repeat(25_000));
  });
});
