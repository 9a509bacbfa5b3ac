/**
 * The persistent index (`DiskSourceCache`): an index read back from the cache answers exactly as a
 * freshly parsed one, and a cache that is stale, truncated, damaged or foreign is not trusted.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync as readdir,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeConfig } from '../../server/src/engine/config.js';
import {
  checkDraftText,
  checkSources,
  citedIds,
  corpusCounts,
  summarize,
} from '../../server/src/engine/checkFiles.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import {
  loadSources,
  sourceFromBytes,
  type SourceCache,
  type SourceParser,
} from '../../server/src/engine/index/loadSources.js';
import { blocksPending } from '../../server/src/engine/index/sourceCodec.js';
import { createService, type SourceAnchorsService } from '../../server/src/engine/service.js';
import { DiskSourceCache, type HeldTexts } from '../../server/src/node/diskSourceCache.js';
import { fileUri, NodeWorkspace } from '../../server/src/node/nodeWorkspace.js';
import { ParseThread } from '../../server/src/node/parseThread.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DRAFT = readFileSync(join(REPO, 'examples/draft.md'), 'utf8');
const KEY = 'test corpus';

let dir: string;
let sources: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-cache-'));
  cpSync(join(REPO, 'corpus'), join(dir, 'corpus'), { recursive: true });
  sources = ['000', '001', '002', '003', '004']
    .map((id) =>
      join(
        dir,
        'corpus',
        readdir(join(dir, 'corpus')).find((f) => f.startsWith(id))!,
      ),
    )
    .map(fileUri);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Loads the corpus through `cache` (none: parse everything); counts what the cache answered. */
async function load(
  cache?: DiskSourceCache,
  parser?: SourceParser,
): Promise<{ service: SourceAnchorsService; hits: number }> {
  const service = createService();
  let hits = 0;
  const counting: SourceCache | undefined = cache && {
    lookup: async (uri) => {
      const doc = await cache.lookup(uri);
      if (doc) hits++;
      return doc;
    },
    store: (uri, bytes, doc) => cache.store(uri, bytes, doc),
  };
  await loadSources(
    new NodeWorkspace([fileUri(dir)]),
    sources,
    service.index,
    undefined,
    undefined,
    counting,
    parser,
  );
  await cache?.save();
  return { service, hits };
}

/** When `file` was last written (ns). */
const writtenAt = (file: string) => statSync(file, { bigint: true }).mtimeNs;

/** `bytes` with the byte at `at` changed. */
function flip(bytes: Buffer, at: number): Buffer {
  const out = Buffer.from(bytes);
  out[at] = out[at]! ^ 0xff;
  return out;
}

const open = (version = 'v1') => DiskSourceCache.open(join(dir, 'cache'), KEY, version);

/** Everything a writer sees of the corpus: the check's report, completion and hover on the example draft. */
function answers(service: SourceAnchorsService) {
  const config = mergeConfig();
  const reports = [checkDraftText('file:///draft.md', DRAFT, service.index, config, service.quotes)];
  reports.push(...checkSources(service.index, config));
  const probe = `${DRAFT}\n[[002#\n[[004#`;
  const draft = parseDraft(probe);
  const last = probe.split('\n').length;
  return {
    reports,
    summary: summarize(reports, corpusCounts(service.index, citedIds([parseDraft(DRAFT)]))),
    docs: service.index.docs(),
    completion002: service.completion.provideCompletion(draft, { line: last - 2, character: 6 }),
    completion004: service.completion.provideCompletion(draft, { line: last - 1, character: 6 }),
    hovers: DRAFT.split('\n').map((_, line) =>
      service.hover.provideHover(parseDraft(DRAFT), { line, character: 30 }),
    ),
  };
}

describe('the persistent index', () => {
  it('answers from the cache exactly as from a fresh parse', async () => {
    const fresh = await load();
    const first = await load(await open());
    expect(first.hits).toBe(0);
    const second = await load(await open());
    expect(second.hits).toBe(5);
    expect(answers(second.service)).toEqual(answers(fresh.service));
    const doc = second.service.index.get('002')!;
    for (const a of doc.anchors) expect(doc.anchorMap.get(a.id) === a || doc.anchorMap.has(a.id)).toBe(true);
    expect(doc.anchorMap.get('us-phase3')).toBe(doc.anchors.find((a) => a.id === 'us-phase3'));
  });

  it('parses a changed source again, and keeps an unchanged one whose mtime moved', async () => {
    await load(await open());
    const changed = join(
      dir,
      'corpus',
      readdir(join(dir, 'corpus')).find((f) => f.startsWith('000'))!,
    );
    writeFileSync(
      changed,
      readFileSync(changed, 'utf8').replace('## ', '## 新增 {#added}\n\n新的段落。\n\n## '),
    );
    const touched = join(
      dir,
      'corpus',
      readdir(join(dir, 'corpus')).find((f) => f.startsWith('001'))!,
    );
    const { atime, mtime } = statSync(touched);
    utimesSync(touched, atime, new Date(mtime.getTime() + 60_000));
    const { service, hits } = await load(await open());
    expect(hits).toBe(4);
    expect(service.index.get('000')!.anchorMap.has('added')).toBe(true);
    expect(answers(service)).toEqual(answers((await load()).service));
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['damaged', (bytes: Buffer) => flip(bytes, Math.floor(bytes.length / 2))],
    ['empty', () => Buffer.alloc(0)],
    ['not ours', () => Buffer.from('{"hello": "world"}\n')],
  ])('ignores a %s index file and writes a good one', async (_, spoil) => {
    const cache = await open();
    await load(cache);
    writeFileSync(cache.file, spoil(readFileSync(cache.file)));
    const spoiled = await load(await open());
    expect(spoiled.hits).toBe(0);
    expect(answers(spoiled.service)).toEqual(answers((await load()).service));
    expect((await load(await open())).hits).toBe(5);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['damaged', (bytes: Buffer) => flip(bytes, bytes.length - 100)],
    ['from another index', (bytes: Buffer) => flip(bytes, 10)],
    ['missing', undefined],
  ])('parses a source again when its texts are %s, and answers as a fresh parse', async (_, spoil) => {
    const cache = await open();
    await load(cache);
    if (spoil) writeFileSync(cache.textsFile, spoil(readFileSync(cache.textsFile)));
    else rmSync(cache.textsFile);
    const spoiled = await load(await open());
    expect(spoiled.hits).toBe(5);
    expect(answers(spoiled.service)).toEqual(answers((await load()).service));
    // The next save writes good texts again.
    await load(await open());
    expect(answers((await load(await open())).service)).toEqual(answers((await load()).service));
  });

  it('reads a source only when its mtime is not older than the clock of the run that cached it', async () => {
    const file = fileURLToPath(sources[0]!);
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(file, future, future);
    await load(await open());
    // Same size, same mtime, other text: a write the mtime cannot show. It is hashed, so seen.
    writeFileSync(file, readFileSync(file, 'utf8').replace('。', '；'));
    utimesSync(file, future, future);
    const { service, hits } = await load(await open());
    expect(hits).toBe(4);
    expect(answers(service)).toEqual(answers((await load()).service));
    // Still dated in the future: hashed again on every run, but the index is not rewritten for it.
    const cache = await open();
    const written = writtenAt(cache.file);
    expect((await load(cache)).hits).toBe(5);
    expect(writtenAt(cache.file)).toBe(written);
  });

  it('trusts an unchanged source on its size, mtime and inode without reading it', async () => {
    // Files written just now may share the clock tick of the first run: the second hashes and settles them.
    await load(await open());
    await load(await open());
    const cache = await open();
    const written = writtenAt(cache.file);
    const { hits } = await load(cache);
    expect(hits).toBe(5);
    // Nothing changed: the index is not written again.
    expect(writtenAt(cache.file)).toBe(written);
  });

  it('with stores dropped (a detached writer saves), looks up as before, notes stores and writes nothing', async () => {
    const cold = await open();
    cold.dropStores();
    const fresh = await load();
    const dropped = await load(cold);
    expect(dropped.hits).toBe(0);
    expect(cold.needsSave).toBe(true);
    expect(answers(dropped.service)).toEqual(answers(fresh.service));
    expect(readdir(join(dir, 'cache'))).toEqual([]);
    // A cache saved by another process is still read through.
    await load(await open());
    const warm = await open();
    warm.dropStores();
    expect((await load(warm)).hits).toBe(5);
    // Each file written just now is hashed and settled by this second run: nothing stored, so nothing to save.
    const settled = await open();
    settled.dropStores();
    expect((await load(settled)).hits).toBe(5);
    expect(settled.needsSave).toBe(false);
  });

  it('ignores a cache written by another parser version or for another corpus', async () => {
    await load(await open('v1'));
    expect((await load(await open('v2'))).hits).toBe(0);
    expect((await load(await DiskSourceCache.open(join(dir, 'cache'), 'other corpus', 'v2'))).hits).toBe(0);
    expect((await load(await open('v2'))).hits).toBe(5);
  });
});

describe('parsing on a worker thread', () => {
  /** Runs `test` with a parse thread on the built worker, closed after. */
  async function withWorker(test: (thread: ParseThread) => Promise<void>): Promise<void> {
    const thread = new ParseThread(join(REPO, 'dist/parseWorker.js'));
    try {
      await test(thread);
    } finally {
      thread.close();
    }
  }

  /** Counts the files the parser was given and parsed. */
  function counting(thread: ParseThread): SourceParser & { parsed: number } {
    const parser = {
      parsed: 0,
      get backlog() {
        return thread.backlog;
      },
      parse: async (uri: string) => {
        const result = await thread.parse(uri);
        parser.parsed++;
        return result;
      },
    };
    return parser;
  }

  it('gives the index and the cache exactly what parsing here gives (dist/parseWorker.js)', () =>
    withWorker(async (thread) => {
      const parser = counting(thread);
      const viaWorker = await load(await open(), parser);
      expect(parser.parsed).toBeGreaterThan(0);
      expect(answers(viaWorker.service)).toEqual(answers((await load()).service));
      // The cache written from the worker's encodings answers the same too.
      const cached = await load(await open());
      expect(cached.hits).toBe(5);
      expect(answers(cached.service)).toEqual(answers((await load()).service));
    }));

  it('saves a second time, after a source changed, what a fresh parse gives (the worker encodings let go)', () =>
    withWorker(async (thread) => {
      const cache = await open();
      const first = await load(cache, counting(thread));
      // The first save wrote the worker's encodings; some documents' blocks are read since.
      expect(first.service.index.docs()[0]!.blocks.length).toBeGreaterThan(0);
      const path = fileURLToPath(sources[1]!);
      writeFileSync(path, `${readFileSync(path, 'utf8')}\n\n## 又一节 {#one-more}\n\n新的段落。\n`);
      const second = await load(cache);
      expect(second.hits).toBe(4);
      const third = await load(await open());
      expect(third.hits).toBe(5);
      expect(third.service.index.get('001')?.anchorMap.has('one-more')).toBe(true);
      expect(answers(third.service)).toEqual(answers((await load()).service));
    }));

  it('sends each parse back compact: anchors decoded, blocks from their JSON when first read', () =>
    withWorker(async (thread) => {
      const uri = sources[2]!;
      const { doc, content } = await thread.parse(uri);
      const here = sourceFromBytes(uri, readFileSync(fileURLToPath(uri)));
      expect(content.size).toBe(readFileSync(fileURLToPath(uri)).length);
      expect(blocksPending(doc)).toBe(true);
      expect(doc.anchors).toEqual(here.anchors);
      expect([...doc.anchorMap.keys()]).toEqual([...here.anchorMap.keys()]);
      expect((content.encoded as HeldTexts).texts?.bytes.length).toBeGreaterThan(0);
      expect(doc.blocks).toEqual(here.blocks);
      expect(blocksPending(doc)).toBe(false);
      // Read once, the blocks' JSON is let go (the save encodes them again if it must).
      expect((content.encoded as HeldTexts).texts).toBeUndefined();
      expect({ ...doc }).toEqual({ ...here });
    }));

  it('parses here what a worker that cannot start was given', async () => {
    const thread = new ParseThread(join(dir, 'no-such-worker.js'));
    const parser = counting(thread);
    try {
      const { service } = await load(undefined, parser);
      expect(parser.parsed).toBe(0);
      expect(answers(service)).toEqual(answers((await load()).service));
    } finally {
      thread.close();
    }
  });
});
