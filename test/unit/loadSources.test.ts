/**
 * `loadSources` with a parser beside it: both take files as fast as they go, every source enters the
 * index once, parsed as it would be here, and a parser that fails or a load that is cancelled
 * leaves no file lost or added late.
 */
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { CorpusIndex } from '../../server/src/engine/index/corpusIndex.js';
import { loadSources, type SourceParser } from '../../server/src/engine/index/loadSources.js';
import type { ICorpusWorkspace } from '../../server/src/engine/workspace.js';

const N = 400;
const uriOf = (i: number) => `file:///w/corpus/${String(i).padStart(4, '0')}-s.md`;
const textOf = (i: number) => `# 第${i}篇\n\n## 一节 {#s1}\n\n正文${i}。 ^b${i}\n`;
const URIS = Array.from({ length: N }, (_, i) => uriOf(i));

const workspace: ICorpusWorkspace = {
  roots: ['file:///w/'],
  listFiles: () => Promise.resolve(URIS),
  readFile: (uri) => Promise.resolve(new TextEncoder().encode(textOf(Number(/(\d+)-s/.exec(uri)![1])))),
};

/** A parser that answers after `delayMs` (or fails), counting what it was given. */
function fakeParser(delayMs: number, fail = false): SourceParser & { given: number } {
  let backlog = 0;
  const parser = {
    given: 0,
    get backlog() {
      return backlog;
    },
    parse(uri: string) {
      parser.given++;
      backlog++;
      return new Promise<never>((resolve, reject) =>
        setTimeout(() => {
          backlog--;
          if (fail) return reject(new Error('no'));
          const text = textOf(Number(/(\d+)-s/.exec(uri)![1]));
          resolve({ doc: parseSource(uri, text), content: { size: text.length, hash: 'h' } } as never);
        }, delayMs),
      );
    },
  };
  return parser;
}

const ids = (index: CorpusIndex) => index.docs().map((d) => d.id);

describe('loadSources with a parser', () => {
  it('shares the files with it: each enters the index once, as a parse here gives it', async () => {
    const parser = fakeParser(1);
    const index = new CorpusIndex();
    const progress: number[] = [];
    await loadSources(workspace, URIS, index, (p) => progress.push(p.done), undefined, undefined, parser);
    expect(ids(index)).toEqual(URIS.map((_, i) => String(i).padStart(4, '0')));
    expect(parser.given).toBeGreaterThan(0);
    expect(parser.given).toBeLessThan(N);
    expect(progress.at(-1)).toBe(N);
    expect(index.get('0007')).toEqual(parseSource(uriOf(7), textOf(7)));
  });

  it('parses here what the parser could not', async () => {
    const parser = fakeParser(0, true);
    const index = new CorpusIndex();
    await loadSources(workspace, URIS, index, undefined, undefined, undefined, parser);
    expect(parser.given).toBeGreaterThan(0);
    expect(index.size).toBe(N);
    expect(index.get('0123')?.anchorMap.has('b123')).toBe(true);
  });

  it('adds nothing once cancelled, not even the parses that come back after', async () => {
    const parser = fakeParser(20);
    const index = new CorpusIndex();
    const token = { isCancellationRequested: false };
    await loadSources(
      workspace,
      URIS,
      index,
      (p) => {
        if (p.done >= 10) token.isCancellationRequested = true;
      },
      token,
      undefined,
      parser,
    );
    const size = index.size;
    expect(size).toBeLessThan(N);
    await new Promise((r) => setTimeout(r, 60));
    expect(index.size).toBe(size);
  });
});
