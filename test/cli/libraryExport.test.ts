/**
 * A draft citing a reference library's documents, exported in GB/T 7714 (note) and APA: the
 * library's journals, years, publishers and pages reach the notes and the bibliography; and Pandoc
 * (`pandoc --citeproc`, its own BibLaTeX reader) given the same `.bib` as its bibliography, with
 * the same draft in Pandoc's citation syntax, prints the same references.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BETTER_BIBTEX, JABREF } from '../helpers/library.js';
import { makeWorkspace, REPO, type Workspace } from '../lsp/harness.js';

/** The Better BibTeX export and the JabRef file in one, without attachments. */
const BIB = BETTER_BIBTEX.replace(/\n {2}file = \{[^}]*\}/g, '') + JABREF.replace(/\n {2}file +=[^\n]*/, '');
const CITED: [key: string, pages: string][] = [
  ['lan2022', '54'],
  ['qian2021', ''],
  ['mueller2019', '12-14'],
  ['worldbank2020', ''],
  ['un2023', ''],
  ['Smith2020', '105'],
];
const STYLES = {
  'gb-note': { csl: 'china-national-standard-gb-t-7714-2015-note.csl', locale: [] as string[] },
  apa: { csl: 'apa.csl', locale: ['--locale', 'en-US'] },
} as const;

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace(
    { 'source-anchors.json': '{ "corpus": ["corpus/"], "drafts": ["drafts/**/*.md"] }', 'library.bib': BIB },
    false,
  );
  expect(runCli(['import', 'library.bib'], ws.dir).code).toBe(0);
  const sentence = (cite: (key: string, pages: string) => string) =>
    CITED.map(([key, pages], i) => `Claim ${i + 1} ${cite(key, pages)}.`).join(' ');
  ws.write('drafts/paper.md', `# Paper\n\n${sentence((k, p) => `[[${k}${p ? `@${p}` : ''}]]`)}\n`);
  ws.write('drafts/pandoc.md', `# Paper\n\n${sentence((k, p) => `[@${k}${p ? `, ${p}` : ''}]`)}\n`);
});
afterAll(() => ws.dispose());

/** Our export's notes (or in-text citations) and bibliography entries, as Markdown lines. */
function ours(style: keyof typeof STYLES): { notes: string[]; references: string[] } {
  const r = runCli(
    ['export', 'drafts/paper.md', '--style', style, ...STYLES[style].locale, '-o', '-'],
    ws.dir,
  );
  expect(r.stderr).toBe('');
  const [body, refs] = r.stdout.split(/^## .*$/m) as [string, string];
  const notes = [...body.matchAll(/^\[\^\d+\]: (.*)$/gm)].map((m) => m[1]!);
  const text = body.split('\n').filter((l) => l.startsWith('Claim'));
  return { notes: notes.length ? notes : text, references: refs.split('\n').filter((l) => l.trim()) };
}

/** Pandoc's bibliography for the same draft and the same `.bib`: key → entry. */
function pandocs(style: keyof typeof STYLES): Map<string, string> {
  const r = spawnSync(
    'pandoc',
    [
      'drafts/pandoc.md',
      '--citeproc',
      '--bibliography',
      'library.bib',
      '--csl',
      join(REPO, 'dist/csl', STYLES[style].csl),
      '-M',
      'lang=en-US',
      '-t',
      'markdown-citations',
      '--wrap=none',
    ],
    { cwd: ws.dir, encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  return new Map(
    [...r.stdout.matchAll(/^::: \{#ref-(\S+) \.csl-entry\}\n([\s\S]*?)\n:::$/gm)].map((m) => [m[1]!, m[2]!]),
  );
}

/**
 * What both must agree on: the entry's words, digits and CJK characters, ignoring case (APA's
 * sentence case is Pandoc's, not citeproc-js's), punctuation, Markdown emphasis, escapes, spans
 * and links (Pandoc links a DOI).
 */
const facts = (s: string) =>
  s
    .replace(/\]\(https?:[^)\s]*\)/g, ']')
    .replace(/\{\.csl-[\w-]+\}/g, '')
    .replace(/\\/g, '')
    .replace(/\[\d+\]\s*/, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

describe('export of a draft citing the library', () => {
  it('prints the library’s journals, years, publishers and pages in GB/T 7714 notes and bibliography', () => {
    const { notes, references } = ours('gb-note');
    expect(notes).toEqual([
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈\\[J\\]. 南亚研究季刊, 2022, 3(2): 54.',
      '钱雪梅. 巴基斯坦与阿富汗塔利班的关系\\[J\\]. 国际问题研究, 2021: 12-30.',
      'MÜLLER J, SMITH A Jr. Café Society and the Cold War\\[M\\]. BROWN A, tran. 2nd ed. Oxford: Oxford University Press, 2019: 12–14.',
      'WORLD BANK. Trading for Development in the Age of Global Value Chains\\[R/OL\\]. Washington, DC: World Bank, 2020. https://www.worldbank.org/en/publication/wdr2020. DOI:10.1596/978-1-4648-1457-0.',
      'UNITED NATIONS. Afghanistan: UN Calls for Inclusive Talks\\[EB/OL\\]. UN News, 2023\\[2023-05-01\\]. https://news.un.org/en/story/2023/04/1136172.',
      'SMITH J, LEE A. Quasi Alliances Revisited\\[J/OL\\]. Journal of Alliance Studies, 2020, 12(3): 105. DOI:10.1000/jas.2020.3.',
    ]);
    expect(references).toEqual([
      '\\[1\\] 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈\\[J\\]. 南亚研究季刊, 2022, 3(2): 47-66.',
      '\\[2\\] 钱雪梅. 巴基斯坦与阿富汗塔利班的关系\\[J\\]. 国际问题研究, 2021: 12-30.',
      '\\[3\\] MÜLLER J, SMITH A Jr. Café Society and the Cold War\\[M\\]. BROWN A, tran. 2nd ed. Oxford: Oxford University Press, 2019.',
      '\\[4\\] WORLD BANK. Trading for Development in the Age of Global Value Chains\\[R/OL\\]. Washington, DC: World Bank, 2020. https://www.worldbank.org/en/publication/wdr2020. DOI:10.1596/978-1-4648-1457-0.',
      '\\[5\\] UNITED NATIONS. Afghanistan: UN Calls for Inclusive Talks\\[EB/OL\\]. UN News, 2023\\[2023-05-01\\]. https://news.un.org/en/story/2023/04/1136172.',
      '\\[6\\] SMITH J, LEE A. Quasi Alliances Revisited\\[J/OL\\]. Journal of Alliance Studies, 2020, 12(3): 101-130. DOI:10.1000/jas.2020.3.',
    ]);
  });

  it('prints them in APA', () => {
    const { notes, references } = ours('apa');
    expect(notes).toEqual([
      'Claim 1 (兰江 \\& 杨秀琴, 2022, p. 54). Claim 2 (钱雪梅, 2021). Claim 3 (Müller \\& Smith, 2019, pp. 12–14). Claim 4 (World Bank, 2020). Claim 5 (United Nations, 2023). Claim 6 (Smith \\& Lee, 2020, p. 105).',
    ]);
    expect(references).toEqual([
      'Müller, J., \\& Smith, A., Jr. (2019). *Café Society and the Cold War* (M. de la Cruz, Ed.; A. Brown, Trans.; 2nd ed.). Oxford University Press.',
      'Smith, J., \\& Lee, A. (2020). Quasi Alliances Revisited. *Journal of Alliance Studies*, *12*(3), 101–130. https://doi.org/10.1000/jas.2020.3',
      'United Nations. (2023, April 30). *Afghanistan: UN Calls for Inclusive Talks*. UN News. https://news.un.org/en/story/2023/04/1136172',
      'World Bank. (2020). *Trading for Development in the Age of Global Value Chains*. World Bank. https://doi.org/10.1596/978-1-4648-1457-0',
      '兰江 \\& 杨秀琴. (2022). 美塔协议签署后的美阿塔三方内部博弈. 南亚研究季刊, *3*(2), 47–66.',
      '钱雪梅. (2021). 巴基斯坦与阿富汗塔利班的关系. 国际问题研究, 12–30.',
    ]);
  });

  it.each(Object.keys(STYLES) as (keyof typeof STYLES)[])(
    'agrees with pandoc --citeproc on the references in %s',
    (style) => {
      const theirs = pandocs(style);
      const mine = ours(style).references;
      expect([...theirs.keys()].sort()).toEqual(CITED.map(([k]) => k).sort());
      expect(mine.map(facts)).toEqual([...theirs.values()].map(facts));
    },
  );
});
