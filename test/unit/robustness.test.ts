/**
 * Odd inputs found in review, each once broken: YAML that does not resolve, ids written with
 * escapes, Markdown inside quotes, CRLF drafts, near-duplicate anchors, legacy encodings.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../server/src/engine/config.js';
import { decodeBytes } from '../../server/src/engine/corpus/decode.js';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { extractQuotes } from '../../server/src/engine/drafts/quotes.js';
import { mergeConfig } from '../../server/src/engine/config.js';
import { checkDraft } from '../../server/src/engine/features/diagnostics.js';
import { joinLines } from '../../server/src/engine/text/joinLines.js';
import { createService } from '../../server/src/engine/service.js';
import { lines, source } from '../helpers/engine.js';

describe('front matter and configuration', () => {
  it('reports YAML that does not resolve and still indexes the body', () => {
    const d = source('005-x.md', lines('---', 'title: *Draft*', '---', '', '## A {#a}'));
    expect(d.id).toBe('005');
    expect(d.problems.map((p) => p.code)).toEqual(['invalid-front-matter']);
    expect(d.anchorMap.has('a')).toBe(true);
  });

  it('keeps ids and dates as written: `id: 002` is "002"', () => {
    const d = source('x.md', lines('---', 'id: 002', 'date: 2021-08-15', '---', 'text'));
    expect(d.id).toBe('002');
    expect(d.meta.date).toBe('2021-08-15');
  });

  it('refuses empty globs (they would match nothing, or everything)', () => {
    expect(parseConfigFile('{ "drafts": [""], "exclude": ["  "] }').errors).toEqual([
      'source-anchors.json: "drafts" must be a list of non-empty paths or globs',
      'source-anchors.json: "exclude" must be a list of non-empty paths or globs',
    ]);
  });
});

describe('anchors written unusually', () => {
  it('finds an id written with escapes, and on the first line of a setext heading', () => {
    const text = lines(
      '## Title {#my\\_id}',
      '',
      'text ^blk\\_1',
      '',
      'Some line',
      'Title two {#intro}',
      '---',
    );
    const d = source('x.md', text);
    expect(d.anchorMap.get('my_id')!.idRange).toEqual({
      start: { line: 0, character: 11 },
      end: { line: 0, character: 17 },
    });
    expect(d.anchorMap.get('blk_1')!.idRange!.start).toEqual({ line: 2, character: 6 });
    expect(d.anchorMap.get('intro')!.idRange).toEqual({
      start: { line: 5, character: 12 },
      end: { line: 5, character: 17 },
    });
  });

  it('reports a block id that takes a later paragraph’s number', () => {
    const d = source('x.md', lines('one ^p3', '', 'two', '', 'three'));
    expect(d.problems.map((p) => [p.code, p.anchor])).toEqual([['duplicate-anchor', 'p3']]);
    expect(d.anchorMap.get('p3')!.kind).toBe('block');
  });

  it('leaves the slug of a heading with an id to the others', () => {
    const d = source('x.md', lines('## Intro {#a}', '## Intro'));
    expect(d.anchors.map((a) => a.id)).toEqual(['a', 'intro']);
  });

  it('names a heading by one line of text', () => {
    const d = source('x.md', lines('Two', 'lines {#t}', '==='));
    expect(d.anchorMap.get('t')!.name).toBe('Two lines');
  });
});

describe('quotes written with Markdown', () => {
  const service = createService();
  service.index.set(
    parseSource(
      'file:///c/001.md',
      lines(
        '---',
        'id: "001"',
        '---',
        '',
        'He said the core problem is the ideological',
        'alignment of the two movements. ^saeed',
      ),
    ),
  );
  const check = (text: string) => checkDraft(parseDraft(text), service.index, mergeConfig(), service.quotes);

  it.each([
    ['emphasis inside an inline quote', '“the *core* problem is the ideological alignment”[[001#saeed]]'],
    ['emphasis inside a block quote', '> The **core** problem is the ideological alignment\n[[001#saeed]]'],
    [
      'an inline quote wrapped inside a blockquote',
      '> He wrote “the core problem is the ideological\n> alignment of the two”[[001#saeed]].',
    ],
    ['a blockquote in a list item', '- > the core problem is the ideological alignment [[001#saeed]]'],
    ['a link inside the quote', '“the [core](https://example.org) problem”[[001#saeed]]'],
  ])('verifies %s', (_name, text) => {
    expect(check(text)).toEqual([]);
  });

  it('takes no quote across a blank line of a CRLF draft', () => {
    expect(
      extractQuotes(parseDraft('He wrote “something.\r\n\r\nThen the core problem”[[001#saeed]].')),
    ).toEqual([]);
  });

  it('offers the source’s wording with English words kept apart', () => {
    const [d] = check('“the core problem is the ideologcal alignment”[[001#saeed]]');
    expect(d!.wording).toBe('the core problem is the ideological alignment');
  });

  it('joins hard-wrapped lines as the text reads', () => {
    expect(joinLines('意识\n形态 the ideological\nalignment')).toBe('意识形态 the ideological alignment');
  });
});

describe('legacy encodings, short texts', () => {
  it.each([
    ['撤军派胜出。', 'gb18030'],
    ['# 標題\n\n撤軍派勝出。', 'big5'],
    ['Café déjà vu', 'windows-1252'],
    ['日本語のテキストです。これは長い文章です。', 'shift_jis'],
  ])('decodes %j in %s', (text, encoding) => {
    expect(decodeBytes(new Uint8Array(iconv.encode(text, encoding)))).toEqual({ ok: true, text, encoding });
  });
});

describe('suggestions', () => {
  it('never suggests what was written', () => {
    const a = source('001-a.md', lines('---', 'id: "001"', '---', '## A {#a}'));
    const b = source('001-b.md', lines('---', 'id: "001"', '---', '## X {#x}'));
    const service = createService();
    service.index.set(a);
    service.index.set(b);
    const [d] = checkDraft(parseDraft('[[001#x]]'), service.index, mergeConfig());
    expect(d!.suggestions).not.toContain('001#x');
  });
});

describe('big documents in completion', () => {
  it('lists paragraph numbers of a 400-paragraph source once `p` is typed', () => {
    const service = createService();
    const body = Array.from({ length: 400 }, (_, i) => `段落${i}。`).join('\n\n');
    service.index.set(parseSource('file:///c/050.md', `## 一 {#one}\n\n${body}\n`));
    const at = (text: string) =>
      service.completion.provideCompletion(parseDraft(text), { line: 0, character: text.length })!;
    const bare = at('[[050#');
    expect(bare.isIncomplete).toBe(true);
    expect(bare.items.map((i) => i.label)).toEqual(['one']);
    const withP = at('[[050#p');
    expect(withP.items).toHaveLength(401);
    expect(withP.items[0]!.documentation).toBeUndefined();
    expect(service.completion.resolveCompletion(withP.items[1]!).documentation).toEqual({
      kind: 'markdown',
      value: '段落0。',
    });
  });
});

describe('completion next to an auto-closed bracket', () => {
  const service = createService();
  service.index.set(parseSource('file:///c/002.md', '---\nid: "002"\n---\n## 三 {#us-phase3}\n\n文字。\n'));
  const accept = (text: string, at: number, label: string) => {
    const list = service.completion.provideCompletion(parseDraft(text), { line: 0, character: at })!;
    const item = list.items.find((i) => i.label === label)!;
    const edit = item.textEdit as {
      range: { start: { character: number }; end: { character: number } };
      newText: string;
    };
    return text.slice(0, edit.range.start.character) + edit.newText + text.slice(edit.range.end.character);
  };

  it.each([
    ['[[002#]', 6, 'us-phase3', '[[002#us-phase3]]'],
    ['[[002#]]', 6, 'us-phase3', '[[002#us-phase3]]'],
    ['[[002#', 6, 'us-phase3', '[[002#us-phase3]]'],
    ['[[]', 2, '002', '[[002]]'],
    ['[[]]', 2, '002', '[[002]]'],
  ])('%s + %s → %s', (text, at, label, expected) => {
    expect(accept(text, at, label)).toBe(expected);
  });
});
