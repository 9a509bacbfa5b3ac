/**
 * The library reader (`engine/library/`): entries of a Better BibTeX export, a JabRef file and a
 * Zotero CSL-JSON export, each entry's front matter against its golden lines, the `file` field's
 * forms, names and the re-import rule for front matter.
 */
import { describe, expect, it } from 'vitest';
import { cslName } from '../../../server/src/engine/biblio/cslItem.js';
import { parseSource } from '../../../server/src/engine/corpus/parseSource.js';
import { attachmentPaths } from '../../../server/src/engine/library/bibtexFile.js';
import { entryFrontMatter, writtenName } from '../../../server/src/engine/library/entryFrontMatter.js';
import { libraryDocument, withLibraryFrontMatter } from '../../../server/src/engine/library/libraryDoc.js';
import type { LibraryFormat } from '../../../server/src/engine/library/libraryFormat.js';
import { readLibrary } from '../../../server/src/engine/library/readLibrary.js';
import { BETTER_BIBTEX, JABREF, ZOTERO_CSL_JSON } from '../../helpers/library.js';

const GOLDEN: Record<string, string[]> = {
  lan2022: [
    'id: "lan2022"',
    'title: "美塔协议签署后的美阿塔三方内部博弈"',
    'authors:',
    '  - "兰江"',
    '  - "杨秀琴"',
    'type: "article-journal"',
    'date: "2022-06"',
    'container: "南亚研究季刊"',
    'volume: "3"',
    'issue: "2"',
    'pages: "47–66"',
    'language: "zh-Hans"',
    'library: "library.bib"',
  ],
  qian2021: [
    'id: "qian2021"',
    'title: "巴基斯坦与阿富汗塔利班的关系"',
    'authors:',
    '  - "钱雪梅"',
    'type: "article-journal"',
    'date: "2021"',
    'container: "国际问题研究"',
    'pages: "12–30"',
    'language: "zh-Hans"',
    'library: "library.bib"',
  ],
  mueller2019: [
    'id: "mueller2019"',
    'title: "Café Society and the Cold War"',
    'authors:',
    '  - "Müller, Jörg"',
    '  - "Smith, Jr., Adam"',
    'editors:',
    '  - "de la Cruz, María"',
    'translators:',
    '  - "Brown, Ann"',
    'type: "book"',
    'date: "2019"',
    'edition: "2"',
    'publisher: "Oxford University Press"',
    'place: "Oxford"',
    'isbn: "978-0-19-000000-1"',
    'language: "en"',
    'csl:',
    '  "editor": [{"given":"María","family":"Cruz","non-dropping-particle":"de la"}]',
    'library: "library.bib"',
  ],
  worldbank2020: [
    'id: "worldbank2020"',
    'title: "Trading for Development in the Age of Global Value Chains"',
    'authors:',
    '  - "{World Bank}"',
    'type: "report"',
    'date: "2020"',
    'publisher: "World Bank"',
    'place: "Washington, DC"',
    'doi: "10.1596/978-1-4648-1457-0"',
    'url: "https://www.worldbank.org/en/publication/wdr2020"',
    'language: "en"',
    'library: "library.bib"',
  ],
  un2023: [
    'id: "un2023"',
    'title: "Afghanistan: UN Calls for Inclusive Talks"',
    'authors:',
    '  - "{United Nations}"',
    'type: "webpage"',
    'date: "2023-04-30"',
    'publisher: "UN News"',
    'url: "https://news.un.org/en/story/2023/04/1136172"',
    'accessed: "2023-05-01"',
    'language: "en"',
    'library: "library.bib"',
  ],
  Smith2020: [
    'id: "Smith2020"',
    'title: "Quasi Alliances Revisited"',
    'authors:',
    '  - "Smith, John"',
    '  - "Lee, Anna"',
    'type: "article-journal"',
    'date: "2020"',
    'container: "Journal of Alliance Studies"',
    'volume: "12"',
    'issue: "3"',
    'pages: "101–130"',
    'doi: "10.1000/jas.2020.3"',
    'library: "library.bib"',
  ],
  chen2019: [
    'id: "chen2019"',
    'title: "阿富汗和平进程中的巴基斯坦因素"',
    'authors:',
    '  - "陈小鼎"',
    'type: "article-journal"',
    'date: "2019-05"',
    'container: "南亚研究"',
    'volume: "4"',
    'pages: "12–30"',
    'language: "zh-CN"',
    'library: "library.bib"',
  ],
  rubin2013: [
    'id: "rubin2013"',
    'title: "Afghanistan from the Cold War through the War on Terror"',
    'authors:',
    '  - "Rubin, Barnett R."',
    'type: "book"',
    'date: "2013"',
    'publisher: "Oxford University Press"',
    'place: "New York"',
    'isbn: "978-0-19-979112-8"',
    'language: "en"',
    'csl:',
    '  "number-of-pages": "520"',
    'library: "library.bib"',
  ],
};

function entries(format: LibraryFormat, text: string) {
  const r = readLibrary(format, text);
  if (!r.ok) throw new Error(r.message);
  return r.library;
}

describe('readLibrary + entryFrontMatter: golden front matter per entry', () => {
  it.each([
    [
      'Better BibTeX',
      'bibtex',
      BETTER_BIBTEX,
      ['lan2022', 'qian2021', 'mueller2019', 'worldbank2020', 'un2023'],
    ],
    ['JabRef', 'bibtex', JABREF, ['Smith2020']],
    ['Zotero CSL-JSON', 'csl-json', ZOTERO_CSL_JSON, ['chen2019', 'rubin2013']],
  ] as const)('%s', (_, format, text, keys) => {
    const lib = entries(format, text);
    expect(lib.problems).toEqual([]);
    expect(lib.entries.map((e) => e.key)).toEqual(keys);
    for (const e of lib.entries)
      expect(entryFrontMatter(e.key, e.item, 'library.bib'), e.key).toEqual(GOLDEN[e.key]);
  });

  it('reads the written front matter back into the same CSL names and fields', () => {
    const e = entries('bibtex', BETTER_BIBTEX).entries.find((x) => x.key === 'mueller2019')!;
    const doc = parseSource(
      'file:///c/mueller2019.md',
      libraryDocument(entryFrontMatter(e.key, e.item, 'library.bib'), ''),
    );
    expect(doc.meta.authors.map(cslName)).toEqual([
      { family: 'Müller', given: 'Jörg' },
      { family: 'Smith', suffix: 'Jr.', given: 'Adam' },
    ]);
    expect(doc.meta.csl?.['editor']).toEqual([
      { given: 'María', family: 'Cruz', 'non-dropping-particle': 'de la' },
    ]);
    expect(doc.blocks).toEqual([]);
    expect(doc.problems).toEqual([]);
  });

  it('gives the attachments as written', () => {
    expect(entries('bibtex', BETTER_BIBTEX).entries.map((e) => e.files)).toEqual([
      ['/ATTACHMENTS/lan2022.pdf'],
      ['papers/qian2021.html'],
      ['/nonexistent/mueller2019.pdf'],
      [],
      [],
    ]);
    expect(entries('bibtex', JABREF).entries[0]!.files).toEqual(['smith2020.txt']);
  });
});

describe('attachmentPaths', () => {
  it.each([
    [
      '/home/a/Zotero/storage/X/paper.pdf;/home/a/snap.html',
      ['/home/a/Zotero/storage/X/paper.pdf', '/home/a/snap.html'],
    ],
    [':papers/lan2022.pdf:PDF;Snapshot:lan.html:text/html', ['papers/lan2022.pdf', 'lan.html']],
    ['Full Text PDF:C\\:\\\\Users\\\\a\\\\paper.pdf:application/pdf', ['C:\\Users\\a\\paper.pdf']],
    ['papers/a.pdf', ['papers/a.pdf']],
    ['', []],
  ])('%s', (field, paths) => expect(attachmentPaths(field)).toEqual(paths));
});

describe('names', () => {
  it.each([
    [{ family: '钱', given: '雪梅' }, '钱雪梅'],
    [{ family: '兰江' }, '兰江'],
    [{ literal: 'World Bank' }, '{World Bank}'],
    [{ family: 'World Bank' }, '{World Bank}'],
    [{ family: 'Smith', given: 'Adam', suffix: 'Jr.' }, 'Smith, Jr., Adam'],
    [{ family: 'Cruz', given: 'María', 'non-dropping-particle': 'de la' }, 'de la Cruz, María'],
  ])('%j is written %s', (name, written) => expect(writtenName(name)).toBe(written));

  it('reads {World Bank} as one corporate name', () => {
    expect(cslName('{World Bank}')).toEqual({ literal: 'World Bank' });
  });
});

describe('readLibrary: what it leaves out', () => {
  it('reads the other entries when one is broken, and says which', () => {
    const lib = entries(
      'bibtex',
      '@article{a, title = {A}}\n@article{b, title = {B}\n@book{c, title = {C}}\n',
    );
    expect(lib.entries.map((e) => e.key)).toEqual(['a', 'c']);
    expect(lib.problems).toHaveLength(1);
    expect(lib.problems[0]).toMatch(/^the entry at line 2 \('b'\) cannot be read: /);
  });

  it('leaves out a key used twice and a key that cannot be an id', () => {
    const lib = entries(
      'bibtex',
      '@misc{a, title = {A}}\n@misc{a, title = {A2}}\n@misc{a/b, title = {AB}}\n',
    );
    expect(lib.entries.map((e) => e.key)).toEqual(['a']);
    expect(lib.problems).toEqual([
      "entry 2 ('A2') left out: the key 'a' is used twice",
      "entry 3 ('AB') left out: its key 'a/b' is not a document id (letters, digits, _, then also - . :; not p1, p2, …)",
    ]);
  });

  it('accepts keys with a colon', () => {
    expect(entries('bibtex', '@misc{Smith:2020, title = {A}}').entries.map((e) => e.key)).toEqual([
      'Smith:2020',
    ]);
  });

  it('reads CSL-YAML as Pandoc writes it', () => {
    const lib = entries(
      'csl-yaml',
      'references:\n- id: doe2020\n  type: book\n  title: A Book\n  issued:\n    date-parts: [[2020]]\n',
    );
    expect(lib.entries.map((e) => [e.key, e.item['title']])).toEqual([['doe2020', 'A Book']]);
  });

  it.each([
    ['csl-json', '{"a": 1}', 'not a CSL list of items (expected a list of entries)'],
    ['csl-json', '[', 'not JSON: '],
    ['bibtex', 'no entries here', 'no BibTeX entries in it'],
  ] as const)('refuses %s %j', (format, text, message) => {
    const r = readLibrary(format, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.startsWith(message)).toBe(true);
  });
});

describe('withLibraryFrontMatter: the re-import rule', () => {
  it('replaces the library keys, keeps the writer’s keys, original and the body', () => {
    const old = [
      '---',
      'id: "lan2022"',
      'title: "Old title"',
      'authors:',
      '  - "兰江"',
      'tags:',
      '  - war',
      'library: "library.bib"',
      'short: "兰江"',
      'original:',
      '  file: "lan2022.pdf"',
      '  sha256: "abc"',
      '---',
      '',
      '# Body {#top}',
      '',
      'Text. ^kept',
      '',
    ].join('\n');
    expect(
      withLibraryFrontMatter(old, [
        'id: "lan2022"',
        'title: "New title"',
        'authors: []',
        'library: "library.bib"',
      ]),
    ).toBe(
      [
        '---',
        'id: "lan2022"',
        'title: "New title"',
        'authors: []',
        'library: "library.bib"',
        'tags:',
        '  - war',
        'short: "兰江"',
        'original:',
        '  file: "lan2022.pdf"',
        '  sha256: "abc"',
        '---',
        '',
        '# Body {#top}',
        '',
        'Text. ^kept',
        '',
      ].join('\n'),
    );
  });
});
