/**
 * Reference libraries as the reference managers write them, for the library import tests: a
 * Better BibTeX (BibLaTeX) export, a JabRef file and a Zotero CSL-JSON export. `ATTACHMENTS` is
 * the folder the Better BibTeX export's absolute `file` paths point into (the tests replace it).
 */
export const ATTACHMENTS = '/ATTACHMENTS';

/** Better BibTeX's BibLaTeX export: braces, accents, CJK and corporate names, `file` absolute, relative, missing. */
export const BETTER_BIBTEX = `
@article{lan2022,
  title = {美塔协议签署后的美阿塔三方内部博弈},
  author = {{兰江} and 杨秀琴},
  date = {2022-06},
  journaltitle = {南亚研究季刊},
  volume = {3},
  number = {2},
  pages = {47--66},
  langid = {chinese},
  file = {${ATTACHMENTS}/lan2022.pdf}
}

@article{qian2021,
  title = {巴基斯坦与阿富汗塔利班的关系},
  author = {钱, 雪梅},
  date = {2021},
  journaltitle = {国际问题研究},
  pages = {12--30},
  langid = {chinese},
  file = {papers/qian2021.html}
}

@book{mueller2019,
  title = {Caf{\\'e} Society and the {Cold War}},
  author = {M{\\"u}ller, J{\\"o}rg and Smith, Jr., Adam},
  editor = {de la Cruz, Mar{\\'i}a},
  translator = {Brown, Ann},
  date = {2019},
  publisher = {Oxford University Press},
  location = {Oxford},
  edition = {2},
  isbn = {978-0-19-000000-1},
  langid = {english},
  file = {/nonexistent/mueller2019.pdf}
}

@report{worldbank2020,
  title = {Trading for Development in the Age of Global Value Chains},
  author = {{World Bank}},
  date = {2020},
  institution = {World Bank},
  location = {Washington, DC},
  doi = {10.1596/978-1-4648-1457-0},
  url = {https://www.worldbank.org/en/publication/wdr2020},
  langid = {english}
}

@online{un2023,
  title = {Afghanistan: {UN} Calls for Inclusive Talks},
  author = {{United Nations}},
  date = {2023-04-30},
  url = {https://news.un.org/en/story/2023/04/1136172},
  urldate = {2023-05-01},
  organization = {UN News},
  langid = {english}
}
`;

/** JabRef's own file: `file` as description:path:type, relative to the .bib, and its meta comment. */
export const JABREF = `% Encoding: UTF-8

@Article{Smith2020,
  author    = {Smith, John and Lee, Anna},
  journal   = {Journal of Alliance Studies},
  title     = {Quasi Alliances Revisited},
  year      = {2020},
  volume    = {12},
  number    = {3},
  pages     = {101--130},
  doi       = {10.1000/jas.2020.3},
  file      = {:smith2020.txt:Text},
}

@Comment{jabref-meta: databaseType:bibtex;}
`;

/** Zotero's CSL-JSON export (with Better BibTeX's citation keys). */
export const ZOTERO_CSL_JSON = JSON.stringify(
  [
    {
      id: 'chen2019',
      'citation-key': 'chen2019',
      type: 'article-journal',
      title: '阿富汗和平进程中的巴基斯坦因素',
      'container-title': '南亚研究',
      author: [{ family: '陈', given: '小鼎' }],
      issued: { 'date-parts': [['2019', 5]] },
      page: '12-30',
      volume: '4',
      language: 'zh-CN',
    },
    {
      id: 'rubin2013',
      'citation-key': 'rubin2013',
      type: 'book',
      title: 'Afghanistan from the Cold War through the War on Terror',
      author: [{ family: 'Rubin', given: 'Barnett R.' }],
      issued: { 'date-parts': [[2013]] },
      publisher: 'Oxford University Press',
      'publisher-place': 'New York',
      'number-of-pages': '520',
      ISBN: '978-0-19-979112-8',
      language: 'en',
    },
  ],
  null,
  2,
);
