/** Completion while the corpus is first read: wait a little, then say the answer is incomplete. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import {
  completeWhileIndexing,
  IndexingSignal,
  INDEXING_WAIT_MS,
} from '../../server/src/lsp/whileIndexing.js';

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

  it('answers as soon as more sources are read and the document is among them, before indexing ends', async () => {
    const signal = new IndexingSignal();
    let read = 0;
    const answer = () => (read >= 3 ? list('s1') : undefined);
    let answered = false;
    const result = completeWhileIndexing(
      () => true,
      () => signal.next(),
      answer,
    ).then((r) => {
      answered = true;
      return r;
    });
    for (read = 1; read <= 2; read++) {
      signal.fire();
      await vi.advanceTimersByTimeAsync(0);
      expect(answered).toBe(false);
    }
    read = 3;
    signal.fire();
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(true);
    expect(await result).toEqual({ isIncomplete: true, items: list('s1').items });
  });

  it(`gives up after ${INDEXING_WAIT_MS} ms in all, however often sources are read`, async () => {
    const signal = new IndexingSignal();
    let asked = 0;
    const result = completeWhileIndexing(
      () => true,
      () => signal.next(),
      () => {
        asked++;
        return undefined;
      },
    );
    for (let ms = 0; ms < INDEXING_WAIT_MS; ms += 100) {
      signal.fire();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(await result).toEqual({ isIncomplete: true, items: [] });
    // Once at first, once per read (5), once when the time is up.
    expect(asked).toBe(2 + INDEXING_WAIT_MS / 100);
  });
});

describe('IndexingSignal', () => {
  it('wakes every waiter once at the next turn, however many times it fired in this one', async () => {
    const signal = new IndexingSignal();
    const woken: string[] = [];
    void signal.next().then(() => woken.push('a'));
    void signal.next().then(() => woken.push('b'));
    for (let i = 0; i < 1000; i++) signal.fire();
    expect(woken).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(woken).toEqual(['a', 'b']);
    void signal.next().then(() => woken.push('c'));
    await vi.advanceTimersByTimeAsync(10);
    expect(woken).toEqual(['a', 'b']);
    signal.fire();
    await vi.advanceTimersByTimeAsync(0);
    expect(woken).toEqual(['a', 'b', 'c']);
  });
});
