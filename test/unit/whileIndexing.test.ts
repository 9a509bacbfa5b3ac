/** Completion while the corpus is first read: wait a little, then say the answer is incomplete. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import { completeWhileIndexing, INDEXING_WAIT_MS } from '../../server/src/lsp/whileIndexing.js';

const list = (...labels: string[]): CompletionList => ({
  isIncomplete: false,
  items: labels.map((label) => ({ label })),
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('completeWhileIndexing', () => {
  it('answers as usual once indexing is over', async () => {
    const never = () => new Promise<void>(() => {});
    expect(
      await completeWhileIndexing(
        () => false,
        never,
        () => list('s1'),
      ),
    ).toEqual(list('s1'));
    expect(
      await completeWhileIndexing(
        () => false,
        never,
        () => undefined,
      ),
    ).toBeNull();
  });

  it('marks what it found while indexing incomplete, without waiting', async () => {
    const never = () => new Promise<void>(() => {});
    expect(
      await completeWhileIndexing(
        () => true,
        never,
        () => list('0001', '0002'),
      ),
    ).toEqual({
      isIncomplete: true,
      items: list('0001', '0002').items,
    });
  });

  it('waits for indexing when it found nothing, and answers from the full index', async () => {
    let indexing = true;
    let finish!: () => void;
    const indexed = new Promise<void>((done) => (finish = done));
    const answer = () => (indexing ? undefined : list('s1', 's2'));
    const result = completeWhileIndexing(
      () => indexing,
      () => indexed,
      answer,
    );
    indexing = false;
    finish();
    expect(await result).toEqual(list('s1', 's2'));
  });

  it(`answers incomplete and empty after ${INDEXING_WAIT_MS} ms when the document is still not read`, async () => {
    const never = () => new Promise<void>(() => {});
    const result = completeWhileIndexing(
      () => true,
      never,
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(INDEXING_WAIT_MS);
    expect(await result).toEqual({ isIncomplete: true, items: [] });
  });
});
