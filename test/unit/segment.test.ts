/**
 * The compact search segment against a plain reference built the obvious way (a Map of token →
 * sorted blocks): generated texts (fast-check, seeded) and one corpus large enough to cross the
 * builder's chunk boundaries must give exactly the same arrays, built at once or step by step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  foldedTermsIn,
  forEachToken,
  tokenPieceEnd,
  tokens,
} from '../../server/src/engine/search/searchText.js';
import {
  buildSegment,
  buildSegmentSteps,
  hanPostings,
  hanPostingsAt,
  STEP_WORK,
  wordPostingsAt,
  type Segment,
  type SegmentInput,
} from '../../server/src/engine/search/segment.js';

/** The segment as plain arrays, built without any of the builder's machinery. */
function reference(inputs: readonly SegmentInput[]) {
  const blockDoc: number[] = [];
  const blockIndex: number[] = [];
  const han = new Map<number, Set<number>>();
  const words = new Map<string, Set<number>>();
  const add = <K>(m: Map<K, Set<number>>, k: K, g: number) => {
    const s = m.get(k) ?? new Set<number>();
    s.add(g);
    m.set(k, s);
  };
  inputs.forEach((input, d) =>
    input.texts.forEach((text, i) => {
      if (!text) return;
      const g = blockDoc.length;
      blockDoc.push(d);
      blockIndex.push(i);
      forEachToken(
        text,
        (k) => add(han, k, g),
        (w) => add(words, w, g),
      );
    }),
  );
  const hanKeys = [...han.keys()].sort((a, b) => a - b);
  const wordKeys = [...words.keys()].sort();
  return {
    docs: inputs.map((i) => i.key),
    blockDoc,
    blockIndex,
    han: hanKeys.map((k) => [k, [...han.get(k)!]]),
    words: wordKeys.map((w) => [w, [...words.get(w)!]]),
  };
}

/** A segment in the reference's shape. */
function plain(s: Segment) {
  expect(s.hanOffsets.length).toBe(s.hanKeys.length + 1);
  expect(s.wordOffsets.length).toBe(s.words.length + 1);
  expect(s.hanOffsets.at(-1)).toBe(s.hanPostings.length);
  expect(s.wordOffsets.at(-1)).toBe(s.wordPostings.length);
  return {
    docs: s.docs,
    blockDoc: [...s.blockDoc],
    blockIndex: [...s.blockIndex],
    han: [...s.hanKeys].map((k, t) => [k, [...hanPostingsAt(s, t)]]),
    words: s.words.map((w, t) => [w, [...wordPostingsAt(s, t)]]),
  };
}

function stepByStep(inputs: readonly SegmentInput[]): { segment: Segment; steps: number } {
  const it = buildSegmentSteps(inputs);
  for (let steps = 0; ; steps++) {
    const r = it.next();
    if (r.done) return { segment: r.value, steps };
  }
}

const text = fc.string({
  unit: fc.constantFrom(
    '美',
    '国',
    '國',
    '盟',
    '友',
    '么',
    '麼',
    'a',
    'B',
    'ｃ',
    '1',
    'é',
    ' ',
    '。',
    '\n',
    '-',
  ),
  maxLength: 30,
});
const inputs = fc.array(
  fc.record({ key: fc.string({ maxLength: 3 }), texts: fc.array(text, { maxLength: 6 }) }),
  { maxLength: 8 },
);

describe('search segment', () => {
  it('holds exactly the reference postings for generated texts, at once and step by step', () => {
    fc.assert(
      fc.property(inputs, (ins) => {
        const expected = reference(ins);
        expect(plain(buildSegment(ins))).toEqual(expected);
        expect(plain(stepByStep(ins).segment)).toEqual(expected);
        expect(plain(buildSegment(ins, true))).toEqual(expected);
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('holds exactly the reference postings past its chunk and page boundaries (65,536 entries)', () => {
    // 3,000 blocks (one in seven empty) of 40 Han bigrams and 20 words each: over 100,000 Han pairs.
    const ins: SegmentInput[] = [];
    let n = 0;
    for (let d = 0; d < 100; d++) {
      const texts: string[] = [];
      for (let b = 0; b < 30; b++) {
        const han = Array.from({ length: 41 }, (_, i) =>
          String.fromCharCode(0x4e00 + ((n * 7 + i * 13) % 400)),
        ).join('');
        const words = Array.from({ length: 20 }, (_, i) => `w${(n + i * 31) % 997}`).join(' ');
        texts.push(b % 7 === 3 ? '' : `${han} ${words}`);
        n++;
      }
      ins.push({ key: `doc${d}`, texts });
    }
    const expected = reference(ins);
    expect(expected.han.reduce((sum, [, g]) => sum + (g as number[]).length, 0)).toBeGreaterThan(65_536);
    const { segment, steps } = stepByStep(ins);
    expect(plain(segment)).toEqual(expected);
    expect(plain(buildSegment(ins))).toEqual(expected);
    // One step per indexed block at least: a build never runs long without yielding.
    expect(steps).toBeGreaterThanOrEqual(expected.blockDoc.length);
  });

  it('does at most STEP_WORK units of work a step, long blocks, sorts and long lists included', () => {
    // 2,000 blocks: 1,500 short ones, each with words of its own (6,000 distinct words to sort)
    // and Han text; 500 with the same common bigram (a list longer than a step); and blocks of
    // 40,000 characters, cut between words.
    const ins: SegmentInput[] = [];
    let n = 0;
    for (let d = 0; d < 40; d++) {
      const texts: string[] = [];
      for (let b = 0; b < 50; b++, n++) {
        const han = Array.from({ length: 30 }, (_, i) =>
          String.fromCharCode(0x4e00 + ((n * 11 + i * 17) % 3000)),
        ).join('');
        const own = `x${n.toString(36)} y${n.toString(36)} z${n.toString(36)}`;
        texts.push(n % 4 === 0 ? `美国 ${own}` : `${han}。${own} w${n % 700}`);
      }
      if (d % 10 === 0) texts.push(Array.from({ length: 8000 }, (_, i) => `t${i % 3000}`).join(' '));
      ins.push({ key: `doc${d}`, texts });
    }
    const expected = reference(ins);
    expect(expected.words.length).toBeGreaterThan(6_000);
    expect(expected.han.find(([k]) => k === 0x7f8e * 65536 + 0x56fd)?.[1]).toHaveLength(500);
    const it = buildSegmentSteps(ins);
    const work: number[] = [];
    for (let r = it.next(); ; r = it.next()) {
      if (r.done) {
        expect(plain(r.value)).toEqual(expected);
        break;
      }
      work.push(r.value);
    }
    expect(Math.max(...work)).toBeLessThanOrEqual(STEP_WORK);
    expect(Math.min(...work)).toBeGreaterThan(0);
    // What the steps count covers the build: every character read, every token sorted and laid out.
    const chars = ins.reduce((sum, i) => sum + i.texts.reduce((s2, t) => s2 + t.length, 0), 0);
    const tokenCount = expected.han.length + expected.words.length;
    expect(work.reduce((a, b) => a + b, 0)).toBeGreaterThan(chars + 2 * tokenCount);
  });

  it('stores block numbers as LEB128 gaps, as the module comment shows', () => {
    // Blocks 3, 130 and 131 hold 美国; block 200 holds 盟友 (the others are empty).
    const texts = Array.from({ length: 201 }, (_, g) =>
      g === 3 || g === 130 || g === 131 ? '美国' : g === 200 ? '盟友' : '',
    );
    const s = buildSegment([{ key: 'a', texts }]);
    const key = (t: string) => t.charCodeAt(0) * 65536 + t.charCodeAt(1);
    expect([...s.blockIndex]).toEqual([3, 130, 131, 200]);
    // Global block numbers count indexed blocks only: 0, 1, 2 for 美国 and 3 for 盟友.
    expect([...hanPostings(s, key('美国'))]).toEqual([0, 1, 2]);
    expect([...hanPostings(s, key('盟友'))]).toEqual([3]);
    expect([...hanPostings(s, key('盟国'))]).toEqual([]);
    // 16,384 blocks: numbers past 2^7 and 2^14 take two and three bytes.
    const many = Array.from({ length: 20_000 }, (_, g) => (g % 129 === 0 || g === 19_999 ? '美国' : '盟友'));
    const big = buildSegment([{ key: 'b', texts: many }]);
    const us = many.flatMap((t, g) => (t === '美国' ? [g] : []));
    expect([...hanPostings(big, key('美国'))]).toEqual(us);
    // 0, then gaps of 129 (two bytes each), then 19,999 − 19,995 = 4.
    expect(us.slice(0, 2)).toEqual([0, 129]);
    const t = [...big.hanKeys].indexOf(key('美国'));
    expect([...big.hanPostings.subarray(big.hanOffsets[t]!, big.hanOffsets[t]! + 3)]).toEqual([
      0x00, 0x81, 0x01,
    ]);
    expect(big.hanOffsets[t + 1]! - big.hanOffsets[t]!).toBe(1 + 2 * (us.length - 2) + 1);
  });
});

describe('pieces of a long text', () => {
  it('cuts where no token spans the cut, as the doc comment shows', () => {
    expect(tokenPieceEnd('美国 盟友', 0, 3)).toBe(2);
    expect(tokenPieceEnd('美国 盟友', 0, 10)).toBe(5);
    // No separator within max: the first one after it.
    expect(tokenPieceEnd('美国盟友 ab', 0, 2)).toBe(4);
    expect(tokenPieceEnd('美国盟友', 0, 2)).toBe(4);
  });

  it("gives the whole text's tokens, piece after piece", () => {
    const unit = fc.constantFrom('美', '国', '國', '盟', 'a', 'B', '1', ' ', '。', '-', 'ｃ');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (text, max) => {
        const pieces: string[] = [];
        for (let from = 0; from < text.length;) {
          const to = tokenPieceEnd(text, from, max);
          expect(to).toBeGreaterThan(from);
          forEachToken(
            text,
            (k) =>
              pieces.push(
                tokens(String.fromCharCode(Math.floor(k / 65536), k % 65536).replace('\0', ''))[0]!,
              ),
            (w) => pieces.push(w),
            from,
            to,
          );
          from = to;
        }
        expect(pieces).toEqual(tokens(text));
      }),
      { seed: 17, numRuns: 500 },
    );
  });
});

describe('folded terms in a block', () => {
  const unit = fc.constantFrom(
    '美',
    '國',
    '国',
    '盟',
    '友',
    'A',
    'a',
    'ａ',
    ' ',
    '\u3000',
    '\n',
    '\t',
    '\u00a0',
    '。',
    '\ud83d',
  );
  it('counts as folding the text, dropping white space and using includes would, with no copy', () => {
    expect(foldedTermsIn('美國 盟友', ['美国盟友', '日本'])).toBe(1);
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 40 }),
        fc.array(fc.string({ unit, maxLength: 4 }), { maxLength: 4 }),
        (text, raw) => {
          const terms = raw.map((t) => foldForSearch(t).replace(/\s+/g, ''));
          const folded = foldForSearch(text).replace(/\s+/g, '');
          expect(foldedTermsIn(text, terms)).toBe(terms.filter((t) => folded.includes(t)).length);
        },
      ),
      { seed: 11, numRuns: 500 },
    );
    // A text longer than the scratch it starts with.
    expect(foldedTermsIn(`${'甲'.repeat(5000)} 美國`, ['甲美国', '美国甲'])).toBe(1);
  });
});
