/**
 * `source-anchors import library.bib` as a user runs it (dist/cli.js): a Better BibTeX export
 * whose attachments are a PDF (absolute path, printed by Chromium), a saved web page (relative
 * path) and a missing file; drafts citing the documents; then re-imports after the library
 * changed (a field, an entry gone, an attachment changed).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ATTACHMENTS, BETTER_BIBTEX, JABREF, ZOTERO_CSL_JSON } from '../helpers/library.js';
import { printPdf } from '../helpers/printPdf.js';
import { makeWorkspace, type Workspace } from '../lsp/harness.js';

const LAN_TITLE = '美塔协议签署后的美阿塔三方内部博弈';
const LAN_PARAGRAPHS = [
  '美国与塔利班的谈判经历了多个阶段，双方在撤军时间表、囚犯交换和停火安排上分歧明显，每一轮会谈都伴随着战场上的较量，谈判桌上的让步往往取决于双方在战场上的得失。',
  '塔利班内部的强硬派与务实派对协议的态度并不一致，前者担心协议削弱其宗教合法性，后者则希望借此获得国际承认与经济援助，这种分歧深刻影响了协议的执行。',
];
const QIAN = [
  '巴基斯坦长期以来被视为阿富汗塔利班最重要的外部支持者，但双方关系远比外界想象的复杂，既有合作也有深刻的矛盾。',
  '杜兰线边境问题始终是两国关系中最敏感的议题，塔利班从未承认这条由英国殖民者划定的边界，这使巴基斯坦的期待一再落空。',
  '两国之间的贸易与难民问题同样牵动着双边关系，数百万阿富汗难民长期滞留巴基斯坦，成为伊斯兰堡手中的一张筹码，也是双方摩擦的根源之一。',
  '此外，巴基斯坦塔利班运动在开伯尔-普什图省的活动也使双边关系更加紧张，伊斯兰堡多次要求喀布尔约束这些武装分子，却收效甚微，双方的互信因此不断流失。',
];

function lanPdf(paragraphs: string[]): Uint8Array {
  return printPdf(
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 11pt; } p { text-indent: 2em; margin: 0; }</style></head><body>` +
      `<h1>${LAN_TITLE}</h1><h2>一、谈判的进程</h2>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
  );
}

let ws: Workspace;
let storage: string;
const read = (rel: string) => readFileSync(join(ws.dir, rel), 'utf8');
const shown = (s: string) => s.replaceAll(ws.dir, '<ws>');
beforeAll(() => {
  ws = makeWorkspace(
    { 'source-anchors.json': '{ "corpus": ["corpus/"], "drafts": ["drafts/**/*.md"] }' },
    false,
  );
  storage = join(ws.dir, 'Zotero/storage/ABCD1234');
  ws.write('Zotero/storage/ABCD1234/lan2022.pdf', '');
  writeFileSync(join(storage, 'lan2022.pdf'), lanPdf(LAN_PARAGRAPHS));
  ws.write(
    'library/papers/qian2021.html',
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>巴基斯坦与阿富汗塔利班的关系</title></head><body><article><h1>巴基斯坦与阿富汗塔利班的关系</h1>${QIAN.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
  );
  ws.write('library/library.bib', BETTER_BIBTEX.replace(ATTACHMENTS, storage));
}, 120_000);
afterAll(() => ws.dispose());

describe('source-anchors import library.bib', () => {
  it('writes one document per entry, with the attachments’ text, and says what became of each attachment', () => {
    const r = runCli(['import', 'library/library.bib'], ws.dir);
    expect(r.stderr).toBe('');
    expect(shown(r.stdout)).toBe(
      [
        'library/library.bib: 5 entries, 5 new, 0 updated, 0 up to date',
        'lan2022 → corpus/lan2022.md (new)',
        `  title: ${LAN_TITLE}`,
        '  attachment: <ws>/Zotero/storage/ABCD1234/lan2022.pdf imported',
        '  found: no page numbers, 1 section, 0 footnotes, 2 paragraphs',
        '  dropped: nothing',
        'qian2021 → corpus/qian2021.md (new)',
        '  title: 巴基斯坦与阿富汗塔利班的关系',
        '  attachment: papers/qian2021.html imported',
        '  found: no page numbers, 0 sections, 0 footnotes, 4 paragraphs',
        '  dropped: nothing',
        'mueller2019 → corpus/mueller2019.md (new, no text)',
        '  title: Café Society and the Cold War',
        '  attachment: /nonexistent/mueller2019.pdf missing: no such file (the metadata is imported)',
        'worldbank2020 → corpus/worldbank2020.md (new, no text)',
        '  title: Trading for Development in the Age of Global Value Chains',
        'un2023 → corpus/un2023.md (new, no text)',
        '  title: Afghanistan: UN Calls for Inclusive Talks',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(readdirSync(join(ws.dir, 'corpus')).sort()).toEqual([
      'lan2022.md',
      'mueller2019.md',
      'qian2021.md',
      'un2023.md',
      'worldbank2020.md',
    ]);
    const lan = read('corpus/lan2022.md').replace(/sha256: "[0-9a-f]{64}"/, 'sha256: "…"');
    expect(lan).toBe(
      [
        '---',
        'id: "lan2022"',
        `title: "${LAN_TITLE}"`,
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
        'original:',
        '  file: "lan2022.pdf"',
        '  sha256: "…"',
        '---',
        '',
        '<!-- page 1 -->',
        '',
        `# ${LAN_TITLE}`,
        '',
        '## 一、谈判的进程 {#s1}',
        '',
        ...LAN_PARAGRAPHS.flatMap((p) => [p, '']),
      ].join('\n'),
    );
    expect(read('corpus/mueller2019.md')).toBe(
      [
        '---',
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
        '---',
        '',
      ].join('\n'),
    );
  });

  it('lets drafts cite the documents by key: passages of the attachments, metadata-only ones with pages', () => {
    ws.write(
      'drafts/paper.md',
      [
        '# Paper',
        '',
        `“${LAN_PARAGRAPHS[1]}”[[lan2022#s1]] 钱雪梅认为边境问题最敏感。[[qian2021#p2]]`,
        '',
        'Müller makes the point at length [[mueller2019@12-14]], as does the report [[worldbank2020]].',
        '',
      ].join('\n'),
    );
    const r = runCli(['check', '--no-cache'], ws.dir);
    expect(r.stdout).toBe('✔ 4 citations in 1 draft: all resolve (5 sources, 4 cited).\n');
    expect(r.code).toBe(0);
  });

  it('re-imports a changed library: the changed field replaced, the writer’s keys and the body kept, a removed entry reported', () => {
    const fm = read('corpus/mueller2019.md');
    writeFileSync(
      join(ws.dir, 'corpus/mueller2019.md'),
      fm.replace('library: "library.bib"\n', 'library: "library.bib"\nshort: "Müller"\n') +
        '\nMy notes. ^notes\n',
    );
    const bib = read('library/library.bib')
      .replace("Caf{\\'e} Society and the {Cold War}", "Caf{\\'e} Society in the {Cold War}")
      .replace(/@online\{un2023,[\s\S]*?\n\}\n/, '');
    writeFileSync(join(ws.dir, 'library/library.bib'), bib);
    const r = runCli(['import', 'library/library.bib'], ws.dir);
    expect(r.stderr).toBe('');
    expect(shown(r.stdout)).toBe(
      [
        'library/library.bib: 4 entries, 0 new, 1 updated, 3 up to date',
        'lan2022 → corpus/lan2022.md (up to date)',
        `  title: ${LAN_TITLE}`,
        '  attachment: <ws>/Zotero/storage/ABCD1234/lan2022.pdf unchanged since the last import',
        'qian2021 → corpus/qian2021.md (up to date)',
        '  title: 巴基斯坦与阿富汗塔利班的关系',
        '  attachment: papers/qian2021.html unchanged since the last import',
        'mueller2019 → corpus/mueller2019.md (updated)',
        '  title: Café Society in the Cold War',
        '  attachment: /nonexistent/mueller2019.pdf missing: no such file (the metadata is imported)',
        'worldbank2020 → corpus/worldbank2020.md (up to date, no text)',
        '  title: Trading for Development in the Age of Global Value Chains',
        'no longer in library/library.bib: un2023 (corpus/un2023.md): kept in the corpus; delete it yourself if no draft needs it',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const now = read('corpus/mueller2019.md');
    expect(now).toBe(
      fm
        .replace('Café Society and the Cold War', 'Café Society in the Cold War')
        .replace('library: "library.bib"\n', 'library: "library.bib"\nshort: "Müller"\n') +
        '\nMy notes. ^notes\n',
    );
    expect(readdirSync(join(ws.dir, 'corpus'))).toContain('un2023.md');
  });

  it('re-imports a changed attachment through the re-import: the cited section keeps its id', () => {
    writeFileSync(
      join(storage, 'lan2022.pdf'),
      lanPdf([
        LAN_PARAGRAPHS[0]!,
        '新增的一段：双方都需要在国内听众面前保住面子，因此任何妥协都必须被包装成胜利，这使谈判进程更加曲折。',
        LAN_PARAGRAPHS[1]!,
      ]),
    );
    const r = runCli(['import', 'library/library.bib'], ws.dir);
    expect(r.stderr).toBe('');
    expect(shown(r.stdout).split('\n').slice(0, 8)).toEqual([
      'library/library.bib: 4 entries, 0 new, 1 updated, 3 up to date',
      'lan2022 → corpus/lan2022.md (updated)',
      `  title: ${LAN_TITLE}`,
      '  attachment: <ws>/Zotero/storage/ABCD1234/lan2022.pdf re-imported',
      '  found: no page numbers, 1 section, 0 footnotes, 3 paragraphs',
      '  dropped: nothing',
      '  passages: 3 as before, 1 moved, 0 changed, 1 new, 0 gone',
      'qian2021 → corpus/qian2021.md (up to date)',
    ]);
    expect(r.code).toBe(0);
    expect(read('corpus/lan2022.md')).toContain(
      `## 一、谈判的进程 {#s1}\n\n${LAN_PARAGRAPHS[0]}\n\n新增的一段：双方都需要在国内听众面前保住面子，因此任何妥协都必须被包装成胜利，这使谈判进程更加曲折。\n`,
    );
    expect(runCli(['check', '--no-cache'], ws.dir).code).toBe(0);
  });

  it('imports a JabRef file (its attachment relative to the .bib) and a Zotero CSL-JSON export', () => {
    ws.write('jabref/refs.bib', JABREF);
    ws.write(
      'jabref/smith2020.txt',
      'Quasi Alliances Revisited\n\nAllies that are not quite allies share threats but not treaties.\n',
    );
    ws.write('zotero/My Library.json', ZOTERO_CSL_JSON);
    const jab = runCli(['import', 'jabref/refs.bib', '--into', 'other'], ws.dir);
    expect(jab.stdout).toBe(
      [
        'jabref/refs.bib: 1 entry, 1 new, 0 updated, 0 up to date',
        'Smith2020 → other/Smith2020.md (new)',
        '  title: Quasi Alliances Revisited',
        '  attachment: smith2020.txt imported',
        '  found: no page numbers, 0 sections, 0 footnotes, 1 paragraph',
        '  dropped: nothing',
        '',
      ].join('\n'),
    );
    expect(read('other/Smith2020.md')).toContain(
      '\nlibrary: "refs.bib"\noriginal:\n  file: "smith2020.txt"\n',
    );
    const zot = runCli(['import', 'zotero/My Library.json', '--into', 'other'], ws.dir);
    expect(zot.stdout).toBe(
      [
        'zotero/My Library.json: 2 entries, 2 new, 0 updated, 0 up to date',
        'chen2019 → other/chen2019.md (new, no text)',
        '  title: 阿富汗和平进程中的巴基斯坦因素',
        'rubin2013 → other/rubin2013.md (new, no text)',
        '  title: Afghanistan from the Cold War through the War on Terror',
        '',
      ].join('\n'),
    );
    expect(zot.code).toBe(0);
  });

  it('writes nothing with --dry-run, and says so', () => {
    const dry = makeWorkspace({ 'refs.bib': JABREF }, false);
    try {
      const r = runCli(['import', 'refs.bib', '--dry-run'], dry.dir);
      expect(r.stdout.split('\n')[0]).toBe(
        'refs.bib: 1 entry, 1 new, 0 updated, 0 up to date [dry run: not written]',
      );
      expect(r.code).toBe(0);
      expect(existsSync(join(dry.dir, 'corpus'))).toBe(false);
    } finally {
      dry.dispose();
    }
  });

  it('leaves alone a document of the same id or file name that the library did not write', () => {
    const other = makeWorkspace(
      {
        'corpus/Smith2020.md': '---\nid: "007"\ntitle: "Mine"\n---\n\nMy text.\n',
        'corpus/x.md': '---\nid: "Lee2019"\n---\n\nMine too.\n',
        'refs.bib': `${JABREF}\n@book{Lee2019, title = {Other}, author = {Lee, Anna}, year = 2019}\n`,
      },
      false,
    );
    try {
      const r = runCli(['import', 'refs.bib'], other.dir);
      expect(r.stdout).toBe(
        [
          'refs.bib: 0 entries, 0 new, 0 updated, 0 up to date, 2 left out',
          "left out: 'Smith2020' left out: Smith2020.md is already in the corpus folder and is not its document",
          "left out: 'Lee2019' left out: the document x.md has that id and was not imported from refs.bib",
          '',
        ].join('\n'),
      );
      expect(readFileSync(join(other.dir, 'corpus/Smith2020.md'), 'utf8')).toBe(
        '---\nid: "007"\ntitle: "Mine"\n---\n\nMy text.\n',
      );
    } finally {
      other.dispose();
    }
  });

  it('refuses an unreadable library, and a library mixed with originals', () => {
    ws.write('library/broken.json', '{ "not": "a list" }');
    expect(runCli(['import', 'library/broken.json'], ws.dir)).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        "source-anchors: cannot read 'library/broken.json' as a library: not a CSL list of items (expected a list of entries)\n",
    });
    expect(runCli(['import', 'library/library.bib', 'library/papers/qian2021.html'], ws.dir)).toMatchObject({
      code: 2,
      stderr:
        'source-anchors: a library (library/library.bib) is imported on its own, without --id: its citation keys are the ids\n',
    });
  });
});
