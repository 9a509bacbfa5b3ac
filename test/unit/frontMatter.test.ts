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

  it.each([
    ['a list', 'authors:\n  - 兰江\n'],
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
