/**
 * Properties of the source parser on generated sources (fast-check, seeded): it never throws,
 * every written id's range slices back to the id, and it is deterministic, so a re-parse after
 * an edit that changes nothing gives the same anchors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openingWords, parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { splitLines } from '../../server/src/engine/text/positions.js';

const id = fc.stringMatching(/^[a-z\u4e00-\u4e0f][a-z0-9_.:\u4e00-\u4e0f-]{0,8}$/);
const words = fc.string({
  unit: fc.constantFrom(
    'a',
    ' ',
    '中',
    '文',
    '𠀀',
    '\\',
    '_',
    '*',
    '[',
    ']',
    '#',
    '^',
    '{',
    '}',
    '`',
    '>',
    '\u0000',
    '\uFEFF',
  ),
  maxLength: 20,
});
const line = fc.oneof(
  words,
  fc.tuple(fc.integer({ min: 1, max: 7 }), words, id).map(([n, w, i]) => `${'#'.repeat(n)} ${w} {#${i}}`),
  fc.tuple(words, id).map(([w, i]) => `${w} ^${i}`),
  fc.tuple(id, words).map(([i, w]) => `[^${i}]: ${w}`),
  id.map((i) => `## ${i.replace(/_/g, '\\_')} {#${i.replace(/_/g, '\\_')}}`),
  fc.constantFrom(
    '',
    '---',
    '```',
    '> quote',
    '- item',
    '    code',
    'title: x',
    '<!-- page 3 -->',
    '| a | b |',
  ),
);
const source = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol));

const RUNS = { seed: 10, numRuns: 400 };

describe('parseSource properties', () => {
  it('never throws, on Markdown and on plain text', () => {
    fc.assert(
      fc.property(source, (text) => {
        parseSource('file:///w/corpus/x.md', text);
        parseSource('file:///w/corpus/x.txt', text);
      }),
      RUNS,
    );
  });

  it('every written id range slices back to its id (escapes aside)', () => {
    fc.assert(
      fc.property(source, (text) => {
        const lines = splitLines(text);
        for (const a of parseSource('file:///w/corpus/x.md', text).anchors) {
          if (!a.idRange) continue;
          const { start, end } = a.idRange;
          expect(start.line).toBe(end.line);
          const written = lines[start.line]!.slice(start.character, end.character);
          expect(written.replace(/\\(.)/gu, '$1')).toBe(a.id);
        }
      }),
      RUNS,
    );
  });

  it('counts lines, and ends each anchor range at the end of its last line, as splitLines has them', () => {
    fc.assert(
      fc.property(source, (text) => {
        const lines = splitLines(text);
        const doc = parseSource('file:///w/corpus/x.md', text);
        expect(doc.lineCount).toBe(lines.length);
        for (const a of doc.anchors) expect(a.range.end.character).toBe(lines[a.range.end.line]!.length);
      }),
      RUNS,
    );
  });

  it('is deterministic: parsing the same text again (a no-op edit) gives the same document', () => {
    fc.assert(
      fc.property(source, (text) => {
        const a = parseSource('file:///w/corpus/x.md', text);
        const b = parseSource(
          'file:///w/corpus/x.md',
          text.slice(0, text.length / 2) + text.slice(text.length / 2),
        );
        expect({ anchors: b.anchors, blocks: b.blocks, problems: b.problems, id: b.id }).toEqual({
          anchors: a.anchors,
          blocks: a.blocks,
          problems: a.problems,
          id: a.id,
        });
      }),
      RUNS,
    );
  });
});

describe('openingWords', () => {
  /** The label as first written: flatten the whole paragraph, then cut. */
  function naive(text: string, max = 40): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= max) return flat;
    const cut = flat.slice(0, max);
    const space = cut.lastIndexOf(' ');
    return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
  }

  it('labels a paragraph as flattening all of it would, from its start only', () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        '中',
        ' ',
        '\n',
        '\t',
        '\u3000',
        '\u00a0',
        'b',
        '\r',
        '\v',
        '\f',
        '\ufeff',
        '\u2028',
        '\u1680',
        '\u2007',
        '\u202f',
        // Not blanks for `\s`: they stay in the label.
        '\u200b',
        '\u0085',
        '\u180e',
        '𠀀',
      ),
      maxLength: 400,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 60 }), (t, max) => {
        expect(openingWords(t, max)).toBe(naive(t, max));
      }),
      { numRuns: 3000, seed: 9 },
    );
    expect(openingWords(`${'x'.repeat(40)}${' '.repeat(200)}`)).toBe('x'.repeat(40));
  });
});
