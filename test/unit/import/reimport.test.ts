/**
 * Re-import (engine): a changed conversion written under the old document's front matter, with
 * the old ids carried onto the passages they matched, and an exact account of every anchor.
 */
import { describe, expect, it } from 'vitest';
import { reimport, withOldFrontMatter } from '../../../server/src/engine/import/reimport.js';
import { matchPassages, similarity } from '../../../server/src/engine/import/passageMatch.js';
import { reimportLines } from '../../../server/src/engine/import/reimportReport.js';

const oldText = `---
id: "007"
title: "Corrected title"
authors:
  - "Ann Writer"
original:
  file: "p.txt"
  sha256: "aaa"
---

# Paper

## Background

Cats sit on mats.[^1a]

## 1\\. Method {#s1}

We counted the cats twice. ^count

Dogs bark at night.

[^1a]: A note on cats.
`;
const converted = `---
id: "007"
title: "Paper"
authors: []
original:
  file: "p.txt"
  sha256: "bbb"
---

# Paper

## 1\\. Preface {#s1}

An added section.

## Background

Cats sit on mats.[^2a]

## 2\\. Method {#s2}

We counted the cats three times.

Dogs bark at night.

[^2a]: A note on cats.
`;

describe('reimport', () => {
  const cited = new Set(['background', 'fn-1a', 'count', 'p3']);
  const r = reimport('file:///c/007.md', oldText, converted, { file: 'p.txt', sha256: 'bbb' }, cited);

  it('keeps the front matter, carries heading ids, block ids, cited slugs and footnote labels', () => {
    expect(r.markdown).toBe(
      [
        '---',
        'id: "007"',
        'title: "Corrected title"',
        'authors:',
        '  - "Ann Writer"',
        'original:',
        '  file: "p.txt"',
        '  sha256: "bbb"',
        '---',
        '',
        '# Paper',
        '',
        '## 1\\. Preface {#s1-2}',
        '',
        'An added section.',
        '',
        '## Background',
        '',
        'Cats sit on mats.[^1a]',
        '',
        '## 2\\. Method {#s1}',
        '',
        'We counted the cats three times. ^count',
        '',
        'Dogs bark at night.',
        '',
        '[^1a]: A note on cats.',
        '',
      ].join('\n'),
    );
  });

  it('accounts for every written or cited anchor; a moved paragraph number is broken', () => {
    expect(r.changes.map((c) => [c.id, c.fate, c.ordinal.before, c.ordinal.after, c.now, c.broken])).toEqual([
      ['background', 'moved', 2, 3, undefined, false],
      ['s1', 'changed', 3, 4, undefined, false],
      ['count', 'changed', 2, 3, undefined, false],
      ['p3', 'moved', 3, 4, 'p4', true],
      ['fn-1a', 'kept', 1, 1, undefined, false],
    ]);
    expect(r.passages).toEqual({ same: 2, moved: 3, changed: 2, added: 2, gone: 0 });
    expect(reimportLines(r, cited)).toEqual([
      '  passages: 2 as before, 3 moved, 2 changed, 2 new, 0 gone',
      '  moved: #background “Background” (heading 2 → 3) — cited',
      '  changed: #s1 “1. Method” (heading 3 → 4, 86 % alike)',
      '  changed: #count “We counted the cats twice.” (paragraph 2 → 3, 68 % alike) — cited',
      '  moved: #p3 “Dogs bark at night.” (paragraph 3 → 4, now p4) — cited, would break',
    ]);
  });

  it('carries a cited footnote label the new conversion changed, renaming the one it displaces', () => {
    const before = '# T\n\nOne.[^3a] Two.[^3b]\n\n[^3a]: First note.\n\n[^3b]: Second note.\n';
    const after = '# T\n\nOne.[^3b] Two.[^3a]\n\n[^3b]: First note.\n\n[^3a]: Second note, longer.\n';
    const x = reimport('file:///c/009.md', before, after, { file: 'x', sha256: 'y' }, new Set(['fn-3a']));
    expect(x.markdown).toBe(
      '# T\n\nOne.[^3a] Two.[^3a-2]\n\n[^3a]: First note.\n\n[^3a-2]: Second note, longer.\n',
    );
    expect(x.changes.map((c) => [c.id, c.fate, c.broken])).toEqual([['fn-3a', 'kept', false]]);
  });

  it('says a cited passage is gone', () => {
    const x = reimport(
      'file:///c/009.md',
      '# T\n\nAlpha beta gamma. ^a\n\nDelta.\n',
      '# T\n\nSomething else entirely.\n\nDelta.\n',
      { file: 'x', sha256: 'y' },
      new Set(['a']),
    );
    expect(x.changes.map((c) => [c.id, c.fate, c.broken])).toEqual([['a', 'gone', true]]);
    expect(x.passages).toEqual({ same: 2, moved: 0, changed: 0, added: 1, gone: 1 });
  });
});

describe('withOldFrontMatter', () => {
  it('replaces an inline original, keeps the rest, and takes the new front matter when there was none', () => {
    const fm = withOldFrontMatter(
      '---\nid: "002"\noriginal: "002_x.txt"\ndate: "2022"\n---\n\nold body\n',
      '---\nid: "002"\n---\n\nnew body\n',
      { file: 'paper.pdf', sha256: 'abc' },
    );
    expect(fm).toBe(
      '---\nid: "002"\ndate: "2022"\noriginal:\n  file: "paper.pdf"\n  sha256: "abc"\n---\n\nnew body\n',
    );
    expect(
      withOldFrontMatter('no front matter\n', '---\nid: "1"\n---\nx\n', { file: 'a', sha256: 'b' }),
    ).toBe('---\nid: "1"\n---\nx\n');
  });
});

describe('matchPassages', () => {
  it('matches exact texts in order, then the most alike pairs, and leaves the unlike gone', () => {
    const p = (text: string) => ({ kind: 'paragraph', text });
    const m = matchPassages(
      [p('A cat sat.'), p('Dogs bark loudly.'), p('Nothing like it.')],
      [p('Dogs bark loudly!'), p('a  CAT sat.'), p('Zebras graze.')],
    );
    expect(m).toEqual([
      { to: 1, exact: true, similarity: 1 },
      { to: 0, exact: false, similarity: similarity('Dogs bark loudly.', 'Dogs bark loudly!') },
      undefined,
    ]);
    expect(Math.round(similarity('Dogs bark loudly.', 'Dogs bark loudly!') * 100)).toBe(93);
    expect(matchPassages([{ kind: 'heading', text: 'Same' }], [p('Same')])).toEqual([undefined]);
  });
});
