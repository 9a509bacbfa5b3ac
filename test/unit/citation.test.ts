import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCitation } from '../../server/src/engine/drafts/citation.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { lines } from '../helpers/engine.js';

describe('scanCitation', () => {
  it('reads document, anchor and label with their offsets', () => {
    const src = '见[[002#us-phase3|撤军派]]。';
    expect(scanCitation(src, 1)).toEqual({
      start: 1,
      end: 22,
      closed: true,
      doc: { text: '002', start: 3, end: 6 },
      hash: 6,
      anchor: { text: 'us-phase3', start: 7, end: 16 },
      pipe: 16,
      label: { text: '撤军派', start: 17, end: 20 },
    });
  });

  it.each([
    ['[[]]', 'empty'],
    ['[[  ]]', 'empty'],
    ['[[#x]]', 'empty-document'],
    ['[[002#]]', 'empty-anchor'],
    ['[[002#a#b]]', 'extra-hash'],
    ['[[002|]]', 'empty-label'],
    ['[[002#a', 'unclosed'],
    ['[[002#a\n]]', 'unclosed'],
  ])('%j is malformed: %s', (src, problem) => {
    expect(scanCitation(src, 0)?.problem).toBe(problem);
  });

  it('accepts the three well-formed shapes', () => {
    for (const src of ['[[002]]', '[[002#p3]]', '[[002#背景|见背景]]'])
      expect(scanCitation(src, 0)?.problem).toBeUndefined();
  });

  it('ends an unclosed citation before the next [[', () => {
    const c = scanCitation('[[002#a 和 [[003]]', 0)!;
    expect(c).toMatchObject({ closed: false, end: 9, problem: 'unclosed' });
  });

  it('never throws, and keeps every part inside the citation', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '#', '|', 'a', '中', ' ', '\n') }), (tail) => {
        const src = `[[${tail}`;
        const c = scanCitation(src, 0)!;
        expect(c.end).toBeLessThanOrEqual(src.length);
        for (const p of [c.doc, c.anchor, c.label]) {
          if (!p) continue;
          expect(src.slice(p.start, p.end)).toBe(p.text);
          expect(p.start).toBeGreaterThanOrEqual(2);
          expect(p.end).toBeLessThanOrEqual(c.end);
        }
      }),
    );
  });
});

describe('parseDraft', () => {
  it('finds citations with exact ranges after CJK text', () => {
    const d = parseDraft(
      lines('# 草稿', '', '赛义德认为“核心问题是意识形态的一致性”[[001#saeed]]，且[[002]]。'),
    );
    expect(d.citations.map((c) => [c.target, c.range, c.anchorRange])).toEqual([
      [
        '001#saeed',
        { start: { line: 2, character: 20 }, end: { line: 2, character: 33 } },
        { start: { line: 2, character: 26 }, end: { line: 2, character: 31 } },
      ],
      ['002', { start: { line: 2, character: 35 }, end: { line: 2, character: 42 } }, undefined],
    ]);
  });

  it('counts astral characters as two UTF-16 units, as LSP does', () => {
    const d = parseDraft('𠀀[[002]]');
    expect(d.citations[0]!.range.start.character).toBe(2);
  });

  it('ignores code spans, fenced and indented code, front matter and escaped brackets', () => {
    const d = parseDraft(
      lines(
        '---',
        'cites: "[[000]]"',
        '---',
        'a `[[001]]` b ``x ` [[001]] ``',
        '',
        '```md',
        '[[001]]',
        '```',
        '',
        '    [[001]] indented code',
        '',
        'c \\[[001]] d [[002]] `unclosed [[003]]',
        '<!-- [[001]] -->',
      ),
    );
    expect(d.citations.map((c) => [c.target, c.range.start.line])).toEqual([
      ['002', 11],
      ['003', 11],
    ]);
  });

  it('finds citations inside blockquotes, lists and tables', () => {
    const d = parseDraft(
      lines('> 引文[[001#a]]', '', '- 项目[[002#b]]', '', '| x | y |', '|---|---|', '| [[003]] | z |'),
    );
    expect(d.citations.map((c) => c.target)).toEqual(['001#a', '002#b', '003']);
    expect(d.blockquotes).toEqual([{ startLine: 0, endLine: 1 }]);
  });

  it('reports an unclosed citation up to the end of its line', () => {
    const d = parseDraft('见[[002#us-phase3 未完\n下一行]]');
    expect(d.citations).toHaveLength(1);
    expect(d.citations[0]).toMatchObject({ problem: 'unclosed', raw: '[[002#us-phase3 未完' });
  });

  it('keeps raw text equal to the text under its range, for any input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '[[',
            ']]',
            '#',
            '|',
            '`',
            '```\n',
            '\n',
            '\n\n',
            'a',
            '中',
            '> ',
            '002',
            ' ',
            '\\',
          ),
        ),
        (parts) => {
          const text = parts.join('');
          const d = parseDraft(text);
          for (const c of d.citations) {
            expect(text.slice(c.start, c.end)).toBe(c.raw);
            expect(c.raw.startsWith('[[')).toBe(true);
          }
        },
      ),
    );
  });
});
