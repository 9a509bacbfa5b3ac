/**
 * Pandoc's citation syntax in the one citation grammar (`scanPandocCitations`): the forms of
 * Pandoc's manual, and what is not a citation.
 */
import { describe, expect, it } from 'vitest';
import { scanPandocCitations, type PandocCitation } from '../../server/src/engine/drafts/citation.js';

/** Each citation as `[inText, key, prefix, suffix, locator, label, suppressAuthor]` per item. */
function items(line: string) {
  return scanPandocCitations(line).map((c: PandocCitation) => ({
    text: line.slice(c.start, c.end),
    inText: c.inText,
    items: c.items.map((i) => [
      i.key.text,
      i.prefix?.text ?? '',
      i.suffix?.text ?? '',
      i.locator?.text ?? '',
      i.label ?? '',
      i.suppressAuthor,
    ]),
  }));
}

describe('Pandoc citations', () => {
  it.each([
    ['[@lan2022]', '[@lan2022]', false, [['lan2022', '', '', '', '', false]]],
    ['[@lan2022, p. 54]', '[@lan2022, p. 54]', false, [['lan2022', '', 'p. 54', '54', 'page', false]]],
    [
      '[@lan2022, pp. 53–55]',
      '[@lan2022, pp. 53–55]',
      false,
      [['lan2022', '', 'pp. 53–55', '53–55', 'page', false]],
    ],
    [
      '[see @lan2022, 54; @qian2021, chap. 2]',
      '[see @lan2022, 54; @qian2021, chap. 2]',
      false,
      [
        ['lan2022', 'see', '54', '54', 'page', false],
        ['qian2021', '', 'chap. 2', '2', 'chap.', false],
      ],
    ],
    ['Lan says [-@lan2022].', '[-@lan2022]', false, [['lan2022', '', '', '', '', true]]],
    ['@lan2022 [p. 54] says', '@lan2022 [p. 54]', true, [['lan2022', '', 'p. 54', '54', 'page', false]]],
    ['As @smith2020a shows.', '@smith2020a', true, [['smith2020a', '', '', '', '', false]]],
    [
      '[@Smith:2020/x; @{odd key}]',
      '[@Smith:2020/x; @{odd key}]',
      false,
      [
        ['Smith:2020/x', '', '', '', '', false],
        ['odd key', '', '', '', '', false],
      ],
    ],
  ] as const)('%s', (line, text, inText, expected) => {
    expect(items(line)).toEqual([{ text, inText, items: expected }]);
  });

  it('gives the ranges of the parts', () => {
    const [c] = scanPandocCitations('见[see @lan2022, p. 54]');
    expect(c).toMatchObject({
      start: 1,
      end: 22,
      items: [
        {
          prefix: { text: 'see', start: 2, end: 5 },
          key: { text: 'lan2022', start: 7, end: 14 },
          locator: { text: '54', start: 19, end: 21 },
          label: 'page',
        },
      ],
    });
  });

  it.each([
    'write to me@example.com',
    '[[lan2022@54]] is our own syntax',
    '[a link](https://example.com/@user)',
    '[no key here]',
    '@ alone',
    '[@]',
  ])('finds no citation in %j', (line) => {
    expect(scanPandocCitations(line)).toEqual([]);
  });

  it('ends a key before trailing punctuation', () => {
    expect(items('as @lan2022.').map((c) => c.items[0]![0])).toEqual(['lan2022']);
  });

  it('reads a line of brackets and keys with no end (each `[` looks for its `]` once)', () => {
    const line = '[@a '.repeat(20_000) + '@{'.repeat(20_000);
    expect(scanPandocCitations(line).length).toBe(20_000);
  });

  it('reads an in-text key after CJK text', () => {
    expect(items('兰江认为@lan2022 [p. 54]。').map((c) => c.text)).toEqual(['@lan2022 [p. 54]']);
  });
});
