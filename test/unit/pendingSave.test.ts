/**
 * When the server writes its index cache: after what it waits for (indexing, the passage-search
 * build) and a quiet moment, one save at a time, the latest replacing one still waiting; at once
 * on flush. And the search builder says when no build runs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { createService } from '../../server/src/engine/service.js';
import { createLeanHeap, HeapPolicy, LEAN_PERCENT, type LeanHeap } from '../../server/src/lsp/leanHeap.js';
import { PendingSave } from '../../server/src/lsp/pendingSave.js';
import { SearchBuilder } from '../../server/src/lsp/searchBuilder.js';

/** A lean heap that logs when it is made lean and when let go. */
function loggedLean(log: string[]): LeanHeap {
  return createLeanHeap((percent) => log.push(percent ? 'lean' : 'default'));
}

describe('the lean heap', () => {
  it('is lean while any hold lasts, and each hold ends once', () => {
    const set: number[] = [];
    const lean = createLeanHeap((percent) => set.push(percent));
    const a = lean.hold();
    const b = lean.hold();
    a();
    a();
    expect(set).toEqual([LEAN_PERCENT]);
    b();
    expect(set).toEqual([LEAN_PERCENT, 0]);
    lean.hold()();
    expect(set).toEqual([LEAN_PERCENT, 0, LEAN_PERCENT, 0]);
  });
});

describe('the heap policy', () => {
  it('lets V8 grow the heap its own way while sources are read, and keeps it lean after', () => {
    const log: string[] = [];
    const lean = loggedLean(log);
    const policy = new HeapPolicy(lean);
    policy.indexing();
    expect(log).toEqual([]);
    policy.indexed();
    policy.indexed();
    expect(log).toEqual(['lean']);
    // A build's own hold meanwhile changes nothing; a new indexing lets go of the policy's.
    const build = lean.hold();
    policy.indexing();
    expect(log).toEqual(['lean']);
    build();
    expect(log).toEqual(['lean', 'default']);
    policy.indexed();
    expect(log).toEqual(['lean', 'default', 'lean']);
  });
});

describe('PendingSave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves only once what it waits for is over, and the delay has passed', async () => {
    const saves: string[] = [];
    const pending = new PendingSave(1000, 30_000);
    let quiet!: () => void;
    pending.schedule(async () => void saves.push('a'), new Promise<void>((done) => (quiet = done)));
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toEqual([]);
    quiet();
    await vi.advanceTimersByTimeAsync(999);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual(['a']);
    // Nothing waits now: flushing saves nothing more.
    await pending.flush();
    expect(saves).toEqual(['a']);
  });

  it('waits while the writer is active, but not past the longest wait', async () => {
    const saves: number[] = [];
    const start = Date.now();
    const pending = new PendingSave(1000, 5000);
    // Activity before the wait began changes nothing.
    pending.active();
    pending.schedule(async () => void saves.push(Date.now() - start), Promise.resolve());
    await vi.advanceTimersByTimeAsync(0);
    for (let ms = 0; ms < 2500; ms += 500) {
      pending.active();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(saves).toEqual([]);
    // The last activity at 2,000 ms: saved 1,000 ms later.
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([3000]);

    // Busy without a pause: saved when the longest wait (5,000 ms) is over.
    const again = Date.now();
    pending.schedule(async () => void saves.push(Date.now() - again), Promise.resolve());
    await vi.advanceTimersByTimeAsync(0);
    for (let ms = 0; ms < 8000; ms += 100) {
      pending.active();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toEqual([3000, 5000]);
  });

  it('lets a newer save replace one still waiting, and saves at once when flushed', async () => {
    const saves: string[] = [];
    const pending = new PendingSave(1000, 30_000);
    pending.schedule(async () => void saves.push('old'), Promise.resolve());
    await vi.advanceTimersByTimeAsync(500);
    pending.schedule(async () => void saves.push('new'), new Promise<void>(() => {}));
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toEqual([]);
    await pending.flush();
    expect(saves).toEqual(['new']);
  });

  it('keeps the heap lean while it saves, even when the save fails', async () => {
    const log: string[] = [];
    const pending = new PendingSave(0, 0, loggedLean(log));
    pending.schedule(async () => void log.push('save'), Promise.resolve());
    await pending.flush();
    pending.schedule(async () => {
      log.push('fails');
      throw new Error('disk full');
    }, Promise.resolve());
    await pending.flush();
    expect(log).toEqual(['lean', 'save', 'default', 'lean', 'fails', 'default']);
  });

  it('runs saves one after another, and a failed one does not stop the next', async () => {
    const events: string[] = [];
    const pending = new PendingSave(0, 0);
    let finish!: () => void;
    pending.schedule(
      () =>
        new Promise<void>((_, fail) => {
          events.push('first starts');
          finish = () => fail(new Error('disk full'));
        }),
      Promise.resolve(),
    );
    await vi.advanceTimersByTimeAsync(0);
    pending.schedule(async () => void events.push('second'), Promise.resolve());
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['first starts']);
    finish();
    await pending.flush();
    expect(events).toEqual(['first starts', 'second']);
  });
});

describe('SearchBuilder.idle', () => {
  it('resolves once the build has installed its segment, and at once when none runs', async () => {
    const service = createService();
    for (let i = 0; i < 50; i++)
      service.index.set(parseSource(`file:///c/${i}.md`, `# 文${i} {#top}\n\n美国盟友第${i}段。\n`));
    const log: string[] = [];
    const builder = new SearchBuilder(service.search, () => log.push('built'), loggedLean(log));
    await builder.idle();
    builder.rebuild();
    // A second call while building coalesces into one more build, under the same hold.
    builder.rebuild();
    expect(service.search.ready).toBe(false);
    expect(log).toEqual(['lean']);
    await builder.idle();
    expect(service.search.ready).toBe(true);
    expect(log).toEqual(['lean', 'built', 'built', 'default']);
    expect(service.passages.search('盟友', 100).length).toBe(50);
    await builder.idle();
  });
});

describe('SearchBuilder.active', () => {
  afterEach(() => vi.useRealTimers());

  it('starts no slice while requests keep coming less than 5 ms apart, and goes on after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const service = createService();
    for (let i = 0; i < 50; i++)
      service.index.set(parseSource(`file:///c/${i}.md`, `# 文${i} {#top}\n\n美国盟友第${i}段。\n`));
    const log: string[] = [];
    const builder = new SearchBuilder(service.search, () => log.push('built'), loggedLean(log));
    builder.active();
    builder.rebuild();
    for (let ms = 0; ms < 100; ms += 2) {
      builder.active();
      await vi.advanceTimersByTimeAsync(2);
    }
    expect(log).toEqual(['lean']);
    expect(service.search.ready).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual(['lean', 'built', 'default']);
    expect(service.search.ready).toBe(true);
  });
});
