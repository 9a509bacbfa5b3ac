/**
 * `check`'s stored results (`CheckResultCache`): a report comes back only for the same draft text
 * over the same corpus and configuration; a damaged file, or a corpus with an unreadable source,
 * gives nothing back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileReport } from '../../server/src/engine/checkFiles.js';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/engine/config.js';
import { parseSource, unreadableSource } from '../../server/src/engine/corpus/parseSource.js';
import { CorpusIndex } from '../../server/src/engine/index/corpusIndex.js';
import { CheckResultCache } from '../../server/src/node/checkResultCache.js';
import { fileUri } from '../../server/src/node/nodeWorkspace.js';

const DRAFT = 'file:///w/drafts/a.md';
const REPORT: FileReport = {
  uri: DRAFT,
  kind: 'draft',
  citations: 1,
  diagnostics: [
    {
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 17 } },
      severity: 'error',
      code: 'unknown-anchor',
      message: "Unknown anchor 'x' in [[002#x]]",
      citation: '002#x',
      suggestions: ['002#us'],
    },
  ],
};

function corpus(text = '# 标题 {#us}\n\n正文。\n'): CorpusIndex {
  const index = new CorpusIndex();
  index.set(parseSource('file:///w/corpus/002.md', text));
  return index;
}

/** What the draft cites. */
const CITED = new Set(['002']);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-results-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function stored(index = corpus()): Promise<void> {
  const cache = CheckResultCache.open(dir, 'c', index, DEFAULT_CONFIG, CITED);
  expect(cache.get(DRAFT, 'a [[002#x]]')).toBeUndefined();
  cache.set(DRAFT, 'a [[002#x]]', REPORT);
  await cache.save();
}

describe('CheckResultCache', () => {
  it('gives the stored report back for the same draft text, corpus and configuration', async () => {
    await stored();
    expect(
      CheckResultCache.open(dir, 'c', corpus(), DEFAULT_CONFIG, CITED).get(DRAFT, 'a [[002#x]]'),
    ).toEqual(REPORT);
  });

  it('gives nothing for another draft text, source text, configuration, corpus name or set of cited sources', async () => {
    await stored();
    expect(
      CheckResultCache.open(dir, 'c', corpus(), DEFAULT_CONFIG, CITED).get(DRAFT, 'a [[002#y]]'),
    ).toBeUndefined();
    const edited = corpus('# 标题 {#us}\n\n正文改了。\n');
    expect(
      CheckResultCache.open(dir, 'c', edited, DEFAULT_CONFIG, CITED).get(DRAFT, 'a [[002#x]]'),
    ).toBeUndefined();
    const strict = mergeConfig({ severity: { 'unknown-anchor': 'warning' } });
    expect(
      CheckResultCache.open(dir, 'c', corpus(), strict, CITED).get(DRAFT, 'a [[002#x]]'),
    ).toBeUndefined();
    expect(
      CheckResultCache.open(dir, 'other', corpus(), DEFAULT_CONFIG, CITED).get(DRAFT, 'a [[002#x]]'),
    ).toBeUndefined();
    // Other drafts checked with it cite other sources, among which its suggestions look.
    expect(
      CheckResultCache.open(dir, 'c', corpus(), DEFAULT_CONFIG, new Set(['002', '003'])).get(
        DRAFT,
        'a [[002#x]]',
      ),
    ).toBeUndefined();
  });

  it('ignores a damaged or truncated file, and replaces it', async () => {
    await stored();
    const [name] = readdirSync(dir);
    const file = join(dir, name!);
    const bytes = readFileSync(file);
    for (const damaged of [bytes.subarray(0, bytes.length - 3), Buffer.concat([bytes, Buffer.from('x')])]) {
      writeFileSync(file, damaged);
      expect(
        CheckResultCache.open(dir, 'c', corpus(), DEFAULT_CONFIG, CITED).get(DRAFT, 'a [[002#x]]'),
      ).toBeUndefined();
    }
    await stored();
    expect(
      CheckResultCache.open(dir, 'c', corpus(), DEFAULT_CONFIG, CITED).get(DRAFT, 'a [[002#x]]'),
    ).toEqual(REPORT);
  });

  it('keeps nothing for a corpus with an unreadable source', async () => {
    const index = corpus();
    index.set(unreadableSource('file:///w/corpus/003.md', 'EACCES'));
    await stored(index);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("CheckResultCache.unchanged: the stored results from the sources' stats alone", () => {
  const COUNTS = { sources: 2, cited: 1 };
  const DRAFTS = [DRAFT];
  let files: string[];
  beforeEach(() => {
    files = ['a.md', 'b.md'].map((f) => join(dir, f));
    for (const f of files) writeFileSync(f, `# ${f}\n`);
  });

  /** Stores REPORT and the corpus as seen with a clock `clockNs` (default: after every mtime). */
  async function record(clockNs?: bigint): Promise<void> {
    const cache = CheckResultCache.open(dir, 'c', corpus(), DEFAULT_CONFIG, CITED);
    cache.set(DRAFT, 'a [[002#x]]', REPORT);
    const seen = {
      clockNs: clockNs ?? statSync(files[1]!, { bigint: true }).mtimeNs + 1n,
      statOf: (uri: string) => {
        const s = statSync(new URL(uri), { bigint: true });
        return { size: Number(s.size), mtimeNs: s.mtimeNs, ino: s.ino };
      },
    };
    cache.recordCorpus(
      'c',
      DEFAULT_CONFIG,
      seen,
      { drafts: DRAFTS, sources: [], counts: COUNTS },
      files.map(fileUri),
    );
    await cache.save();
  }
  const unchanged = (uris = files.map(fileUri), config = DEFAULT_CONFIG, drafts = DRAFTS) =>
    CheckResultCache.unchanged(dir, 'c', config, uris, drafts);

  it('answers with the stored reports and counts when every source has its recorded stat', async () => {
    await record();
    const cache = unchanged();
    expect(cache?.corpus?.run.counts).toEqual(COUNTS);
    expect(cache?.get(DRAFT, 'a [[002#x]]')).toEqual(REPORT);
  });

  it('is undefined when a source moved, one is added or gone, the configuration or the drafts differ', async () => {
    await record();
    expect(unchanged(undefined, undefined, [])).toBeUndefined();
    expect(unchanged(undefined, undefined, [DRAFT, 'file:///other.md'])).toBeUndefined();
    expect(unchanged(undefined, undefined, ['file:///other.md'])).toBeUndefined();
    expect(unchanged(undefined, undefined, DRAFTS)).toBeDefined();
    expect(unchanged(files.slice(0, 1).map(fileUri))).toBeUndefined();
    expect(unchanged([...files, join(dir, 'c.md')].map(fileUri))).toBeUndefined();
    expect(unchanged(undefined, mergeConfig({ severity: { 'unknown-anchor': 'warning' } }))).toBeUndefined();
    const later = new Date(Date.now() + 5000);
    utimesSync(files[0]!, later, later);
    expect(unchanged()).toBeUndefined();
  });

  it('records nothing when a source is as new as the clock of the run that read it (racy)', async () => {
    await record(statSync(files[1]!, { bigint: true }).mtimeNs);
    expect(unchanged()).toBeUndefined();
  });
});
