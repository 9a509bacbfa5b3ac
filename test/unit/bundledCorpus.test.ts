/**
 * The bundled corpus: every required anchor resolves to the passage it names, every sentence of
 * the seeds is kept, and the front matter says what each source is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { passageText } from '../../server/src/engine/corpus/sourceDoc.js';
import { CorpusIndex } from '../../server/src/engine/index/corpusIndex.js';
import { checkCorpus, fixtureSeedsDir, sharedSeedsDir } from '../../scripts/corpus-fidelity.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const index = new CorpusIndex();
for (const name of readdirSync(join(REPO, 'corpus'))) {
  index.set(parseSource(`file:///repo/corpus/${name}`, readFileSync(join(REPO, 'corpus', name), 'utf8')));
}
const required = JSON.parse(readFileSync(join(REPO, 'test/fixtures/required-anchors.json'), 'utf8')) as {
  cite: string;
  sentence: string;
}[];
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The anchors the foundation issue requires by name; the fixture must cover them all. */
const REQUIRED_IDS = [
  ...[
    'abstract',
    'intro',
    'theory',
    'theory-choice',
    'theory-framework',
    'theory-revision',
    'us',
    'us-phase1',
    'us-phase2',
    'us-phase3',
  ].map((a) => `002#${a}`),
  ...[
    'gov',
    'gov-phase1',
    'gov-phase2',
    'gov-phase3',
    'taliban',
    'taliban-phase1',
    'taliban-phase2',
    'taliban-phase3',
    'conclusion',
  ].map((a) => `002#${a}`),
  ...['background', 'conflict', 'us-involvement', 'conflict-management'].map((a) => `000#${a}`),
  ...['tense-friendship', 'casualties', 'diplomacy', 'unintended-consequences'].map((a) => `001#${a}`),
  ...['intro', 'more-than-friends', 'vital-interests', 'limits-of-influence', 'threading-the-needle'].map(
    (a) => `003#${a}`,
  ),
  ...['editor-note', 'korea-briefing', 'colby', 'rimland', 'defense-industry'].map((a) => `004#${a}`),
];

describe('bundled corpus', () => {
  it('holds the five sources with their front matter', () => {
    expect(index.docs().map((d) => [d.id, d.meta.language, d.meta.original, d.problems])).toEqual([
      ['000', 'zh-Hans', '000_cf17eace7e3e770e.txt', []],
      ['001', 'zh-Hans', '001_5a5257f3996760b9.txt', []],
      ['002', 'zh-Hans', '002_3984c6b6c7c0bc8d.txt', []],
      ['003', 'zh-Hans', '003_fc94195cf814659a.txt', []],
      ['004', 'zh-Hant', '004_1821a0616e5dd3dc.txt', []],
    ]);
    for (const d of index.docs()) expect(d.meta.title, d.id).toBeTruthy();
    expect(index.get('002')!.meta.authors).toEqual(['兰江', '杨秀琴']);
  });

  it('covers every anchor the foundation requires', () => {
    expect(required.map((r) => r.cite)).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });

  it.each(required.map((r) => [r.cite, r.sentence] as const))(
    '%s resolves to the passage holding its sentence',
    (cite, sentence) => {
      const [docId, anchorId] = cite.split('#') as [string, string];
      const doc = index.get(docId)!;
      const anchor = doc.anchorMap.get(anchorId);
      expect(anchor, `${cite} is not an anchor`).toBeDefined();
      expect(squeeze(passageText(doc, anchor))).toContain(squeeze(sentence));
    },
  );

  it('puts the heading anchors of 002 on the sections they name', () => {
    const doc = index.get('002')!;
    const heading = (id: string) => doc.anchorMap.get(id)!.name;
    expect(heading('us-phase3')).toMatch(/^（三）/);
    expect(heading('gov')).toMatch(/^三、/);
    expect(heading('taliban')).toMatch(/^四、/);
    expect(heading('conclusion')).toBe('[结语]');
    expect(squeeze(passageText(doc, doc.anchorMap.get('conclusion')))).toMatch(
      /^塔利班重返执政是美阿塔三方博弈的结果/,
    );
    // A section holds its subsections.
    expect(passageText(doc, doc.anchorMap.get('us'))).toContain(
      passageText(doc, doc.anchorMap.get('us-phase3')),
    );
  });

  it('numbers paragraphs in order', () => {
    const doc = index.get('003')!;
    expect(passageText(doc, doc.anchorMap.get('p8'))).toMatch(/^自二战结束以来,美国逐步培育了这一类伙伴关系/);
  });

  /** Runs the fidelity check against one seeds folder and expects every sentence found. */
  const expectAllKept = (seedsDir: string) => {
    const { failures, report } = checkCorpus(REPO, { seedsDir });
    expect(failures).toEqual([]);
    const counts = report
      .map((l) => /(\d+) sentences checked, (\d+) found/.exec(l))
      .filter((m) => m !== null);
    expect(counts).toHaveLength(5);
    for (const m of counts) expect(m[2]).toBe(m[1]);
  };

  it('keeps every sentence of the seeds (the copy in test/fixtures/originals)', () => {
    expectAllKept(fixtureSeedsDir(REPO));
  });

  // The shared seeds sit beside the project (../shared/seeds) on developer machines and in CI, not
  // in a clone alone: when they are there, the repository's copy must be theirs, byte for byte.
  const shared = sharedSeedsDir(REPO);
  it.runIf(shared !== undefined)('keeps every sentence of the shared seeds, which the copy equals', () => {
    expectAllKept(shared!);
    const names = (dir: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort();
    expect(names(fixtureSeedsDir(REPO))).toEqual(names(shared!));
    for (const name of names(shared!)) {
      expect(
        readFileSync(join(fixtureSeedsDir(REPO), name)).equals(readFileSync(join(shared!, name))),
        name,
      ).toBe(true);
    }
  });
});
