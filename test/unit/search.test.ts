/**
 * Passage search over the bundled corpus: Chinese in both scripts, several terms, Latin words
 * with prefixes and typos, and freshness as sources change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { tokens } from '../../server/src/engine/search/searchText.js';
import { buildSegment } from '../../server/src/engine/search/segment.js';
import { createService } from '../../server/src/engine/service.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function loaded() {
  const service = createService();
  for (const name of readdirSync(join(REPO, 'corpus'))) {
    service.index.set(
      parseSource(`file:///repo/corpus/${name}`, readFileSync(join(REPO, 'corpus', name), 'utf8')),
    );
  }
  service.search.rebuildNow();
  return service;
}

const service = loaded();
const top = (query: string, n = 3) => service.passages.search(query, n).map((r) => r.target);

describe('search tokens', () => {
  it('cuts Han runs into bigrams, folds Traditional to Simplified and lowers Latin words', () => {
    expect(tokens('美國盟友 Two-Level ＡＢ')).toEqual(['美国', '国盟', '盟友', 'two', 'level', 'ab']);
    expect(tokens('国')).toEqual(['国']);
  });
});

describe('passage search', () => {
  it('finds Traditional 004 with a Simplified query, and the same with a Traditional one', () => {
    const simplified = service.passages.search('美国盟友', 5);
    expect(simplified[0]!.docId).toBe('004');
    expect(simplified[0]!.sentence).toContain('美國盟友');
    expect(simplified[0]!.sentenceMarkdown).toContain('**美國盟友**');
    expect(top('美國盟友', 5)).toEqual(top('美国盟友', 5));
  });

  it('ranks the passage holding every term of a multi-term query first', () => {
    const [first] = service.passages.search('撤军派 胜出', 5);
    expect(first!.target).toBe('002#abstract');
    expect(first!.sentence).toBe('最终“撤军派”主张在美国内部博弈中胜出成为美国政策。');
    expect(first!.sentenceMarkdown).toBe('最终“**撤军派**”主张在美国内部博弈中**胜出**成为美国政策。');
  });

  it('finds a Simplified source with a Traditional query', () => {
    expect(top('溫和派 強硬派', 1)).toEqual(top('温和派 强硬派', 1));
    expect(top('溫和派 強硬派', 1)[0]).toMatch(/^002#/);
  });

  it('finds the rimland quotation by its words', () => {
    expect(top('谁控制了边缘地带', 1)).toEqual(['004#rimland']);
  });

  it('matches Latin words exactly, by prefix and despite a typo', () => {
    expect(top('Putnam', 1)).toEqual(['002#fn-47b']);
    expect(top('putn', 1)).toEqual(['002#fn-47b']);
    expect(top('Putnum', 1)).toEqual(['002#fn-47b']);
  });

  it('answers nothing for nothing', () => {
    expect(service.passages.search('', 5)).toEqual([]);
    expect(service.passages.search('   ', 5)).toEqual([]);
    expect(service.passages.search('zzzzqqqq', 5)).toEqual([]);
  });

  it('sees a changed source at once, before any rebuild', () => {
    const s = loaded();
    const uri = 'file:///repo/corpus/001-pakistan-afghanistan-talks-mistrust.md';
    s.index.set(parseSource(uri, '---\nid: "001"\n---\n## 新 {#new}\n\n冥王星探测器抵达柯伊伯带。 ^probe\n'));
    expect(s.passages.search('柯伊伯带', 3).map((r) => r.target)).toEqual(['001#probe']);
    expect(s.passages.search('赛义德', 10).map((r) => r.docId)).not.toContain('001');
    s.index.delete(uri);
    expect(s.passages.search('柯伊伯带', 3)).toEqual([]);
  });

  it('keeps changes made while a segment was being built', () => {
    const s = createService();
    const a = 'file:///c/010.md';
    s.index.set(parseSource(a, '---\nid: "010"\n---\n旧的段落提到海王星。\n'));
    const { inputs, mark } = s.search.snapshot();
    s.index.set(parseSource(a, '---\nid: "010"\n---\n新的段落提到天王星。\n'));
    s.search.install(buildSegment(inputs), mark);
    expect(s.passages.search('天王星', 3).map((r) => r.target)).toEqual(['010#p1']);
    expect(s.passages.search('海王星', 3)).toEqual([]);
  });
});

describe('single characters and variant chains', () => {
  it('finds a lone character inside words, not only where it stands alone', () => {
    const hits = service.passages.search('塔', 5);
    expect(hits.length).toBe(5);
    for (const h of hits) expect(h.sentence).toContain('塔');
  });

  it('folds a Traditional character and its Simplified form to one token', () => {
    expect(tokens('什麼')).toEqual(tokens('什么'));
  });
});
