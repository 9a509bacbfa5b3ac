/**
 * The front matter fast path: whenever it reads a mapping without the YAML parser, the mapping is
 * exactly what the YAML parser (failsafe schema) gives; everything else goes to the YAML parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseFrontMatter, readSimpleMapping } from '../../server/src/engine/corpus/frontMatter.js';

const viaYaml = (text: string) => {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, schema: 'failsafe' });
  return doc.errors.length ? 'error' : doc.toJS();
};

describe('readSimpleMapping', () => {
  it('reads one key and value per line, plain or quoted', () => {
    const text =
      'id: "002"\ntitle: 美塔协议签署后的 三方博弈\nurl: https://example.org/a?b=1\nlanguage: \'zh-Hans\'\n';
    expect(readSimpleMapping(text)).toEqual({
      id: '002',
      title: '美塔协议签署后的 三方博弈',
      url: 'https://example.org/a?b=1',
      language: 'zh-Hans',
    });
    expect(parseFrontMatter(`---\n${text}---\n正文`).data).toEqual(viaYaml(text));
  });

  it('keeps an ideographic space that ends a plain value, as YAML does (it trims only spaces and tabs)', () => {
    const text = 'title: 标题\u3000 \n';
    expect(readSimpleMapping(text)).toEqual({ title: '标题\u3000' });
    expect(readSimpleMapping(text)).toEqual(viaYaml(text));
  });

  it('reads a one-line flow list of plain or quoted names, as the failsafe schema does', () => {
    const text = 'id: "0042"\nauthors: ["兰江", \'Li Wei\', 王 小明 ]\neditors: [ ]\ndate: "2019-03-07"\n';
    expect(readSimpleMapping(text)).toEqual({
      id: '0042',
      authors: ['兰江', 'Li Wei', '王 小明'],
      editors: [],
      date: '2019-03-07',
    });
    expect(readSimpleMapping(text)).toEqual(viaYaml(text));
  });

  it.each([
    ['a list', 'authors:\n  - 兰江\n'],
    ['a flow list with a trailing comma', 'authors: [a, b,]\n'],
    ['a flow list with an empty item', 'authors: [a, , b]\n'],
    ['a flow list holding a mapping', 'authors: [a: b]\n'],
    ['a nested flow list', 'authors: [[a], b]\n'],
    ['a flow list and a comment', 'authors: [a] # x\n'],
    ['an escape', 'title: "a\\"b"\n'],
    ['a comment', 'id: 002 # the id\n'],
    ['a repeated key', 'id: a\nid: b\n'],
    ['a colon and space in a plain value', 'title: a: b\n'],
    ['an empty value', 'title:\n'],
    ['an alias', 'title: *a\n'],
    ['a block scalar', 'title: |\n  x\n'],
  ])('leaves %s to the YAML parser', (_, text) => {
    expect(readSimpleMapping(text)).toBeUndefined();
  });

  it('agrees with the YAML parser on every flow list it accepts', () => {
    const char = fc.constantFrom(...'aZ0 \t:#\'"\\-[]{},&*!|>%@`?./美國'.split(''));
    const item = fc
      .tuple(fc.array(char, { maxLength: 8 }), fc.constantFrom('', '"', "'"))
      .map(([cs, q]) => `${q}${cs.join('')}${q}`);
    const sep = fc.constantFrom(',', ', ', ' ,', ',\t', ' , ');
    const list = fc
      .tuple(fc.array(item, { maxLength: 4 }), sep, fc.constantFrom('', ' ', ','))
      .map(([items, s, end]) => `[${items.join(s)}${end}]`);
    const runs = Number(process.env.FC_RUNS ?? 5000);
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('authors', 'editors', 'x'), list), { minLength: 1, maxLength: 3 }),
        (lines) => {
          const text = lines.map(([k, v]) => `${k}: ${v}\n`).join('');
          const fast = readSimpleMapping(text);
          if (fast !== undefined) accepted++;
          if (fast !== undefined) expect(fast).toEqual(viaYaml(text));
        },
      ),
      { numRuns: runs },
    );
    // The fast path is taken often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(runs / 50);
  });

  it('agrees with the YAML parser on every line it accepts', () => {
    const char = fc.constantFrom(...'aZ0 \t:#\'"\\-[]{},&*!|>%@`?./美國'.split(''));
    const value = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));
    const line = fc
      .tuple(fc.constantFrom('id', 'title', 'x-y', 'a_b'), value, fc.constantFrom('', '"', "'"))
      .map(([k, v, q]) => `${k}: ${q}${v}${q}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const fast = readSimpleMapping(text);
        if (fast !== undefined) expect(fast).toEqual(viaYaml(text));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 5000) },
    );
  });
});
