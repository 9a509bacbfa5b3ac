/**
 * The build's posting lists: bytes appended to many lists in turn come back per list, in order,
 * across slices and pages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingLists } from '../../server/src/engine/search/postingLists.js';

/** The LEB128 bytes of `n`, as the module comment of segment.ts shows. */
function leb128(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

function copied(lists: PostingLists, id: number): { bytes: number[]; slices: number[] } {
  const out = new Uint8Array(lists.bytesOf(id) + 2);
  const slices = [...lists.copy(id, out, 1)];
  // Nothing is written outside the list's place.
  expect(out[0]).toBe(0);
  expect(out.at(-1)).toBe(0);
  return { bytes: [...out.subarray(1, -1)], slices };
}

describe('posting lists', () => {
  it('gives back each list as appended, numbers interleaved between lists (fast-check)', () => {
    const appends = fc.array(fc.tuple(fc.nat(20), fc.nat(2 ** 32 - 1)), { maxLength: 400 });
    fc.assert(
      fc.property(appends, (ops) => {
        const lists = new PostingLists();
        const expected: number[][] = [];
        for (const [which, n] of ops) {
          while (expected.length <= which) {
            expect(lists.open()).toBe(expected.length);
            expected.push([]);
          }
          lists.append(which, n);
          expected[which]!.push(...leb128(n));
        }
        expected.forEach((bytes, id) => expect(copied(lists, id).bytes).toEqual(bytes));
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('chains slices of 8, 16, 32 … 1,024 bytes', () => {
    const lists = new PostingLists();
    const ids = Array.from({ length: 3 }, () => lists.open());
    // 3,000,000 one-byte numbers over three lists.
    for (let i = 0; i < 3_000_000; i++) lists.append(ids[i % 3]!, i % 128);
    const { bytes, slices } = copied(lists, ids[1]!);
    expect(bytes).toEqual(Array.from({ length: 1_000_000 }, (_, k) => (3 * k + 1) % 128));
    // Each slice keeps its last 4 bytes for the next one's address.
    expect(slices.slice(0, 9)).toEqual([4, 12, 28, 60, 124, 252, 508, 1020, 1020]);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(lists.poolBytes).toBeGreaterThan(3_000_000);
    // The pool holds the bytes and a few percent more (long lists: 4 bytes of 1,024 are addresses).
    expect(lists.poolBytes).toBeLessThan(3_000_000 * 1.1);
  });

  it('cuts no slice across pages (pages of 4 KB here)', () => {
    const lists = new PostingLists(12);
    const ids = Array.from({ length: 50 }, () => lists.open());
    const expected: number[][] = ids.map(() => []);
    for (let i = 0; i < 100_000; i++) {
      const id = ids[(i * 7) % 50]!;
      lists.append(id, i);
      expected[id]!.push(...leb128(i));
    }
    ids.forEach((id) => expect(copied(lists, id).bytes).toEqual(expected[id]));
    expect(lists.poolBytes).toBeGreaterThan(60 * 4096);
  });
});
