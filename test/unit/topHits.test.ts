/**
 * The best n of a stream, held to what sorting everything (stably, by exact then score) and
 * keeping the first n gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopHits } from '../../server/src/engine/search/topHits.js';

describe('top hits', () => {
  it('keeps what a stable sort of everything would put first (fast-check)', () => {
    const items = fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 6 })), { maxLength: 200 });
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 30 }), (scored, n) => {
        const all = scored.map(([exact, score], i) => ({ exact, score: score / 2, i }));
        const top = new TopHits<(typeof all)[number]>(n);
        for (const x of all) if (top.wants(x.exact, x.score)) top.add(x.exact, x.score, x);
        const sorted = [...all].sort((a, b) => b.exact - a.exact || b.score - a.score);
        expect(top.best().map((x) => x.i)).toEqual(sorted.slice(0, n).map((x) => x.i));
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('works through the example of its doc comment', () => {
    const top = new TopHits<string>(2);
    const offer = (exact: number, score: number, name: string) => {
      if (top.wants(exact, score)) top.add(exact, score, name);
    };
    offer(1, 5, 'a');
    offer(0, 9, 'b');
    offer(1, 5, 'c');
    offer(1, 7, 'd');
    expect(top.best()).toEqual(['d', 'a']);
  });
});
