/**
 * The plainInline plugin changes how fast inline content is parsed, never what comes out: the
 * token stream (children included) equals markdown-it's own on generated Markdown, on the bundled
 * corpus and on the test fixtures; and the plugin steps aside when the inline rules are not the
 * ones it knows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt, { type MarkdownIt as Md, type StateInline, type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import { plainInline, plainInlineApplies } from '../../server/src/engine/corpus/plainInline.js';

const REPO = join(__dirname, '../..');

/** The source parser's markdown-it (markdownBlocks.ts), with or without the plugin. */
function sourceParser(plain: boolean): Md {
  const md = new MarkdownIt({ html: true, linkify: false }).use(footnote);
  if (plain) md.use(plainInline);
  md.core.ruler.disable(['footnote_tail']);
  return md;
}
const reference = sourceParser(false);
const fast = sourceParser(true);

/** Every field of every token, children included (JSON drops nothing a token holds but `undefined`). */
const tokens = (md: Md, text: string) => JSON.parse(JSON.stringify(md.parse(text, {}))) as unknown;

const ASCII_PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const unit = fc.constantFrom(
  ...ASCII_PUNCTUATION,
  'a',
  'Z',
  '1',
  ' ',
  '  ',
  '\t',
  '\n',
  '中',
  '文',
  '𠀀',
  '，',
  '\u00a0',
  '\u3000',
  '\u0000',
  '&amp;',
  '&#94;',
  '<!-- page 3 -->',
  '<b>',
  '[^1]',
  '^[x]',
  '![i](u)',
  '[l](u)',
  '`c`',
  '**e**',
  '~~s~~',
  '\\*',
  'http://x.y/z',
);
const text = fc.string({ unit, maxLength: 40 });
const line = fc.oneof(
  text,
  text.map((t) => `# ${t}`),
  text.map((t) => `## ${t} {#s1}`),
  text.map((t) => `${t} ^b1`),
  text.map((t) => `[^1]: ${t}`),
  text.map((t) => `> ${t}`),
  text.map((t) => `- ${t}`),
  text.map((t) => `| ${t} | b |`),
  fc.constantFrom('', '---', '```', '    code', '| - | - |', '<div>', '[r]: http://x', 'Title\n==='),
);
const markdown = fc
  .tuple(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (/\.(md|markdown|txt)$/.test(name)) out.push(path);
  }
  return out;
}

describe('plainInline', () => {
  it('knows the source parser’s inline rules', () => {
    expect(plainInlineApplies(fast)).toBe(true);
  });

  it('gives the tokens markdown-it gives, on generated Markdown', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        expect(tokens(fast, md)).toEqual(tokens(reference, md));
      }),
      { seed: 17, numRuns: 2000 },
    );
  });

  it('gives the tokens markdown-it gives, on plain inline text of any characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => {
        const md = `${a}${b}`;
        expect(tokens(fast, md)).toEqual(tokens(reference, md));
        expect(JSON.stringify(fast.parseInline(md, {}))).toBe(JSON.stringify(reference.parseInline(md, {})));
      }),
      { seed: 18, numRuns: 2000 },
    );
  });

  it('gives the tokens markdown-it gives, on the bundled corpus, the fixtures and the docs', () => {
    const files = [
      ...markdownFiles(join(REPO, 'corpus')),
      ...markdownFiles(join(REPO, 'test/fixtures')),
      ...markdownFiles(join(REPO, 'docs')),
      ...['README.md', 'ARCHITECTURE.md', 'bench/RESULTS.md'].map((f) => join(REPO, f)),
    ];
    expect(files.length).toBeGreaterThan(30);
    let plain = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(tokens(fast, text), file).toEqual(tokens(reference, text));
      for (const t of reference.parse(text, {}))
        if (t.type === 'inline' && !/[\n\\`~*_[<&]/.test(t.content)) plain++;
    }
    // The fast path was taken, not only the fallback.
    expect(plain).toBeGreaterThan(100);
  });

  it('steps aside when linkify is on or another inline rule is added', () => {
    const linkify = new MarkdownIt({ html: true, linkify: true }).use(footnote).use(plainInline);
    expect(plainInlineApplies(linkify)).toBe(false);
    const text = 'see https://example.com today';
    expect(tokens(linkify, text)).toEqual(
      tokens(new MarkdownIt({ html: true, linkify: true }).use(footnote), text),
    );

    const extra = sourceParser(true);
    expect(tokens(extra, 'a % b')).toEqual(tokens(reference, 'a % b'));
    extra.inline.ruler.before('text', 'percent', (state: StateInline, silent: boolean) => {
      if (state.src.charCodeAt(state.pos) !== 0x25) return false;
      if (!silent) state.push('percent', '', 0);
      state.pos++;
      return true;
    });
    expect(plainInlineApplies(extra)).toBe(false);
    const children = extra.parse('a % b', {})[1]!.children!.map((t: Token) => t.type);
    expect(children).toEqual(['text', 'percent', 'text']);
  });
});
