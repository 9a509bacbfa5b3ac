import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thousands } from '../../server/src/engine/text/thousands.js';

describe('thousands', () => {
  it('puts a comma between thousands', () => {
    expect([0, 7, 999, 1000, 12_345, 1_234_567, -980, -1000].map(thousands)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '12,345',
      '1,234,567',
      '-980',
      '-1,000',
    ]);
  });

  it('writes every safe integer as en-US toLocaleString does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e7, max: 1e7 }), fc.maxSafeInteger()), (n) => {
        expect(thousands(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 500 },
    );
  });
});
