import { describe, expect, it } from 'vitest';
import { mergeConfig } from '../../server/src/engine/config.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { checkDraft, checkSource } from '../../server/src/engine/features/diagnostics.js';
import { indexOf, lines, source } from '../helpers/engine.js';

const paper = source(
  '002-paper.md',
  lines(
    '---',
    'id: "002"',
    'title: 美塔协议',
    '---',
    '## 美国 {#us}',
    '### 一 {#us-phase1}',
    '### 二 {#us-phase2}',
    '### 三 {#us-phase3}',
    '',
    '撤军派胜出。 ^withdrawal',
  ),
);
const other = source(
  '001-talks.md',
  lines('---', 'id: "001"', 'title: 谈判', '---', '## 紧张的友谊 {#tense-friendship}'),
);
const index = indexOf(paper, other);
const config = mergeConfig();

function check(text: string) {
  return checkDraft(parseDraft(text), index, config);
}

describe('checkDraft', () => {
  it('gives citations written alike their own ranges, each on its own part', () => {
    const ds = check('[[002#nope]] 又 [[002#nope]]\n[[999]] [[999]]\n[[ [[');
    expect(
      ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    ).toEqual([
      ['unknown-anchor', 0, 6, 10],
      ['unknown-anchor', 0, 21, 25],
      ['unknown-document', 1, 2, 5],
      ['unknown-document', 1, 10, 13],
      ['malformed-citation', 2, 0, 2],
      ['malformed-citation', 2, 3, 5],
    ]);
    expect(new Set(ds.map((d) => d.message)).size).toBe(3);
  });

  it('accepts every kind of anchor', () => {
    expect(check('[[002]] [[002#us]] [[002#withdrawal]] [[002#p1]] [[001#tense-friendship|友谊]]')).toEqual(
      [],
    );
  });

  it('suggests the explicit id of a heading cited by its text', () => {
    const [d] = check('[[001#紧张的友谊]]');
    expect(d!.message).toBe(
      "Unknown anchor '紧张的友谊' in [[001#紧张的友谊]]: document 001 (谈判) has no such heading, block or paragraph. Did you mean [[001#tense-friendship]]?",
    );
  });

  it('reports an unknown anchor on the anchor, with the nearest ids', () => {
    expect(check('见[[002#us-phase9]]')).toEqual([
      {
        range: { start: { line: 0, character: 7 }, end: { line: 0, character: 16 } },
        severity: 'error',
        code: 'unknown-anchor',
        message:
          "Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
        citation: '002#us-phase9',
        suggestions: ['002#us-phase1', '002#us-phase2', '002#us-phase3'],
      },
    ]);
  });

  it('suggests the same anchor in another document', () => {
    const [d] = check('[[001#us-phase3]]');
    expect(d!.suggestions).toEqual(['002#us-phase3']);
  });

  it('lists what a document has when nothing is close', () => {
    const [d] = check('[[001#zzzzzzzz]]');
    expect(d!.message).toBe(
      "Unknown anchor 'zzzzzzzz' in [[001#zzzzzzzz]]: document 001 (谈判) has no such heading, block or paragraph. Its anchors include [[001#tense-friendship]].",
    );
  });

  it('reports an unknown document on the id, suggesting close ids that have the anchor', () => {
    expect(check('[[02#us]]')).toEqual([
      {
        range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } },
        severity: 'error',
        code: 'unknown-document',
        message: "Unknown document '02' in [[02#us]]: no source has this id. Did you mean [[002#us]]?",
        citation: '02#us',
        suggestions: ['002#us'],
      },
    ]);
  });

  it.each([
    [
      '[[]]',
      'Malformed citation [[]]: the citation is empty. Write [[doc]] or [[doc#anchor]], e.g. [[002#us-phase3]].',
    ],
    [
      '[[002#]]',
      'Malformed citation [[002#]]: the anchor after "#" is empty. Write [[doc]] for the whole document or [[doc#anchor]].',
    ],
    [
      '[[#us]]',
      'Malformed citation [[#us]]: the document id before "#" is missing. Write [[doc#anchor]], e.g. [[002#us-phase3]].',
    ],
    ['[[002#us', 'Malformed citation [[002#us: the citation is not closed: add "]]" on the same line.'],
  ])('reports %s as malformed over the whole citation', (text, message) => {
    expect(check(text)).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } },
        severity: 'error',
        code: 'malformed-citation',
        message,
        citation: text.replace(/^\[\[/, '').replace(/\]\]$/, ''),
      },
    ]);
  });

  it('follows the configured severities', () => {
    const quiet = mergeConfig({ severity: { 'unknown-anchor': 'warning', 'unknown-document': 'off' } });
    const ds = checkDraft(parseDraft('[[002#nope]] [[999]]'), index, quiet);
    expect(ds.map((d) => [d.code, d.severity])).toEqual([['unknown-anchor', 'warning']]);
  });
});

describe('checkSource', () => {
  it('reports duplicate anchors and a document id used twice', () => {
    const dup = source('002-z-copy.md', lines('---', 'id: "002"', '---', '## A {#a}', '', 'x ^a'));
    const idx = indexOf(paper, dup);
    expect(checkSource(paper, idx, config)).toEqual([]);
    expect(checkSource(dup, idx, config).map((d) => [d.code, d.severity, d.range.start.line])).toEqual([
      ['duplicate-anchor', 'warning', 5],
      ['duplicate-document', 'warning', 0],
    ]);
  });
});
