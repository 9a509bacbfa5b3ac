/**
 * `source-anchors check` over the bundled corpus: exact diagnostics, formats and exit codes.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { waitForWriters } from '../../server/src/node/cacheWriter.js';
import { fileUri } from '../../server/src/node/nodeWorkspace.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, REPO, type Workspace } from '../lsp/harness.js';

const cli = runCli;

const BROKEN = [
  '# 草稿',
  '',
  '好的引用[[002#us-phase3]]和[[004#rimland|边缘地带]]。',
  '坏的锚点[[002#us-phase9]]，坏的文档[[02#us-phase3]]。',
  '`[[999]]` 在代码里不算。',
  '空的[[]]与[[002#]]。',
  '',
].join('\n');

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace({ 'drafts/a.md': BROKEN, 'drafts/good.md': '[[000#background]] [[003#p8]]\n' });
});
afterAll(() => ws.dispose());

describe('source-anchors check', () => {
  it('passes the example draft: what `npm start` runs', () => {
    const r = cli(['check', 'examples/']);
    expect(r).toEqual({
      code: 0,
      stdout: '✔ 16 citations in 1 draft: all resolve (5 sources, 5 cited).\n',
      stderr: '',
    });
  });

  it('prints exactly the diagnostics of a draft with good and broken citations as JSON', () => {
    const r = cli(['check', '--format', 'json', 'drafts/a.md'], ws.dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      files: [
        {
          path: 'drafts/a.md',
          diagnostics: [
            {
              line: 4,
              column: 11,
              endLine: 4,
              endColumn: 20,
              severity: 'error',
              code: 'unknown-anchor',
              message:
                "Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
              citation: '002#us-phase9',
              suggestions: ['002#us-phase1', '002#us-phase2', '002#us-phase3'],
            },
            {
              line: 4,
              column: 29,
              endLine: 4,
              endColumn: 31,
              severity: 'error',
              code: 'unknown-document',
              message:
                "Unknown document '02' in [[02#us-phase3]]: no source has this id. Did you mean [[002#us-phase3]]?",
              citation: '02#us-phase3',
              suggestions: ['002#us-phase3'],
            },
            {
              line: 6,
              column: 3,
              endLine: 6,
              endColumn: 7,
              severity: 'error',
              code: 'malformed-citation',
              message:
                'Malformed citation [[]]: the citation is empty. Write [[doc]] or [[doc#anchor]], e.g. [[002#us-phase3]].',
              citation: '',
            },
            {
              line: 6,
              column: 8,
              endLine: 6,
              endColumn: 16,
              severity: 'error',
              code: 'malformed-citation',
              message:
                'Malformed citation [[002#]]: the anchor after "#" is empty. Write [[doc]] for the whole document or [[doc#anchor]].',
              citation: '002#',
            },
          ],
        },
      ],
      summary: { files: 1, citations: 6, errors: 4, warnings: 0, sources: 5, cited: 2 },
    });
  });

  it('prints compiler-style text, and checks the configured drafts by default', () => {
    const r = cli(['check'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      "drafts/a.md:4:11 error unknown-anchor Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?",
      "drafts/a.md:4:29 error unknown-document Unknown document '02' in [[02#us-phase3]]: no source has this id. Did you mean [[002#us-phase3]]?",
      'drafts/a.md:6:3 error malformed-citation Malformed citation [[]]: the citation is empty. Write [[doc]] or [[doc#anchor]], e.g. [[002#us-phase3]].',
      'drafts/a.md:6:8 error malformed-citation Malformed citation [[002#]]: the anchor after "#" is empty. Write [[doc]] for the whole document or [[doc#anchor]].',
      '✖ 4 errors, 0 warnings — 8 citations in 2 drafts (5 sources, 4 cited).',
      '',
    ]);
  });

  it('stops quietly when its reader does (check | head), with the status of a closed pipe', () => {
    const many = makeWorkspace({ 'drafts/many.md': '坏的[[002#nope]]。\n'.repeat(5_000) });
    try {
      const r = spawnSync(
        'bash',
        [
          '-o',
          'pipefail',
          '-c',
          `"${process.execPath}" "${join(REPO, 'dist/cli.js')}" check drafts | head -1`,
        ],
        { cwd: many.dir, encoding: 'utf8', env: { ...process.env, SOURCE_ANCHORS_CACHE_WRITE: 'inline' } },
      );
      expect(r.stdout).toMatch(/^drafts\/many\.md:1:\d+ error unknown-anchor Unknown anchor 'nope'[^\n]*\n$/);
      expect(r.stderr).toBe('');
      // 128 + SIGPIPE, as `yes | head` leaves: the report was not all delivered.
      expect(r.status).toBe(141);
    } finally {
      many.dispose();
    }
  });

  it('exits 0 on a clean draft', () => {
    expect(cli(['check', 'drafts/good.md'], ws.dir)).toMatchObject({ code: 0 });
  });

  it.each([
    [['frobnicate'], "source-anchors: unknown command 'frobnicate'"],
    [[], 'source-anchors: no command given'],
    [['check', '--format', 'xml'], "source-anchors: --format must be text, json, github or sarif, not 'xml'"],
    [['check', 'missing.md'], 'source-anchors: no such file or folder: missing.md'],
    [['check', '--corpus', 'nowhere/'], "source-anchors: cannot read the corpus folder 'nowhere'"],
    [['check', '--bogus'], "source-anchors: Unknown option '--bogus'"],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const r = cli(args, ws.dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(message);
  });

  it('reads sources in legacy encodings and plain text, and reports what it cannot read', () => {
    const w = makeWorkspace({ 'd.md': '[[010#gb]] [[011#p2]] [[012]]\n' }, false);
    try {
      w.write('corpus/.keep', '');
      writeFileSync(
        join(w.dir, 'corpus/010-gb.md'),
        iconv.encode('## 背景 {#gb}\n\n巴基斯坦与阿富汗。\n', 'gb18030'),
      );
      writeFileSync(
        join(w.dir, 'corpus/011_big5.txt'),
        iconv.encode('美國及其盟友。\n\n誰控制了邊緣地帶。\n', 'big5'),
      );
      writeFileSync(join(w.dir, 'corpus/012-bad.md'), Buffer.from([0, 159, 146, 150, 0, 0]));
      const r = cli(['check', '--format', 'json', 'd.md'], w.dir);
      const out = JSON.parse(r.stdout) as {
        files: { path: string; diagnostics: { code: string; severity: string }[] }[];
      };
      expect(out.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.severity} ${d.code}`)])).toEqual([
        ['d.md', ['error unknown-document']],
        ['corpus/012-bad.md', ['warning unreadable-source']],
      ]);
      expect(r.code).toBe(1);
    } finally {
      w.dispose();
    }
  });

  it('takes the corpus from --corpus, outside the working folder too', () => {
    const w = makeWorkspace({ 'paper.md': '[[000#background]]\n' });
    try {
      const r = cli(['check', '--corpus', join(w.dir, 'corpus'), join(w.dir, 'paper.md')], REPO);
      expect(r).toMatchObject({ code: 0 });
      expect(r.stdout).toMatch(/^✔ 1 citation in 1 draft: all resolve \(5 sources, 1 cited\)\.\n$/);
    } finally {
      w.dispose();
    }
  });

  it('keeps its index in $XDG_CACHE_HOME/source-anchors and answers the same from it; --no-cache neither reads nor writes it', () => {
    const cacheHome = join(ws.dir, 'cache');
    const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
    const fresh = cli(['check', '--no-cache', 'drafts/a.md'], ws.dir, env);
    expect(existsSync(cacheHome)).toBe(false);
    const first = cli(['check', 'drafts/a.md'], ws.dir, env);
    // The index, its texts, and check's results (checkResultCache.ts).
    expect(readdirSync(join(cacheHome, 'source-anchors'))).toHaveLength(3);
    const second = cli(['check', 'drafts/a.md'], ws.dir, env);
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
    expect(fresh.code).toBe(1);
  });

  it('leaves the index cache to a detached writer, whose cache is complete and used by the next run', async () => {
    const source = 'corpus/002-us-taliban-internal-games.md';
    const w = makeWorkspace({ 'drafts/d.md': '引用[[002#us-phase3]]。\n' });
    try {
      const cacheHome = join(w.dir, 'cache');
      const env = { ...process.env, XDG_CACHE_HOME: cacheHome, CI: '', SOURCE_ANCHORS_CACHE_WRITE: '' };
      // An old mtime, so that the cache may trust the file's stats without reading it.
      const old = new Date('2020-01-01T00:00:00Z');
      utimesSync(join(w.dir, source), old, old);
      const ok = {
        code: 0,
        stdout: '✔ 1 citation in 1 draft: all resolve (5 sources, 1 cited).\n',
        stderr: '',
      };
      expect(cli(['check', 'drafts'], w.dir, env)).toEqual(ok);
      expect(await waitForWriters(join(cacheHome, 'source-anchors'))).toBe(true);
      // Complete: the index, its texts and check's results; no lock, no temporary file left.
      expect(
        readdirSync(join(cacheHome, 'source-anchors')).map((f) => f.replace(/-[0-9a-f]{16}/, '')),
      ).toEqual(['checks.bin', 'index.bin', 'index.texts']);
      // The source changes behind the cache's back (same size, inode and mtime): only a run that
      // takes the source from the cache still finds `us-phase3`; a new draft misses check's results.
      const text = readFileSync(join(w.dir, source), 'utf8');
      writeFileSync(join(w.dir, source), text.replace('{#us-phase3}', '{#us-phase7}'));
      utimesSync(join(w.dir, source), old, old);
      w.write('drafts/e.md', '又引[[002#us-phase3]]。\n');
      expect(cli(['check', 'drafts'], w.dir, env)).toEqual({
        code: 0,
        stdout: '✔ 2 citations in 2 drafts: all resolve (5 sources, 1 cited).\n',
        stderr: '',
      });
      expect(cli(['check', '--no-cache', 'drafts'], w.dir, env).code).toBe(1);
      expect(await waitForWriters(join(cacheHome, 'source-anchors'))).toBe(true);
    } finally {
      w.dispose();
    }
  });

  it('reports the problems of the sources the drafts cite, and of the others only what their ids tell', () => {
    const w = makeWorkspace({
      'drafts/d.md': '引用[[002#us-phase3]]。\n',
      'corpus/006-bad.md': '---\nid: "006"\ntitle: [unclosed\n---\n# 坏\n\n一段。\n',
      'corpus/008-dup.md': '---\nid: "003"\n---\n# 重复\n\n一段。\n',
    });
    try {
      const env = { ...process.env, XDG_CACHE_HOME: join(w.dir, 'cache') };
      const dup = `corpus/008-dup.md:1:1 warning duplicate-document Document id '003' is also used by ${fileUri(join(w.dir, 'corpus/003-us-quasi-allies-dilemma.md'))}; citations of [[003]] go there. Give this source another id in its front matter.\n`;
      const bad =
        'corpus/006-bad.md:4:1 warning invalid-front-matter front matter: Flow sequence in block collection must be sufficiently indented and end with a ]\n';
      const uncited = {
        code: 0,
        stdout: `${dup}⚠ 0 errors, 1 warning — 1 citation in 1 draft (7 sources, 1 cited).\n`,
        stderr: '',
      };
      // The same report cold, from the cache, from the stored results and without the cache.
      expect(cli(['check', 'drafts'], w.dir, env)).toEqual(uncited);
      expect(cli(['check', 'drafts'], w.dir, env)).toEqual(uncited);
      expect(cli(['check', '--no-cache', 'drafts'], w.dir, env)).toEqual(uncited);
      w.write('drafts/e.md', '引用[[006]]。\n');
      const cited = {
        code: 0,
        stdout: `${dup}${bad}⚠ 0 errors, 2 warnings — 2 citations in 2 drafts (7 sources, 2 cited).\n`,
        stderr: '',
      };
      expect(cli(['check', 'drafts'], w.dir, env)).toEqual(cited);
      expect(cli(['check', '--no-cache', 'drafts'], w.dir, env)).toEqual(cited);
      // One draft of the two: the stored results of both are not its answer.
      expect(cli(['check', 'drafts/d.md'], w.dir, env)).toEqual(uncited);
    } finally {
      w.dispose();
    }
  });

  it('suggests the same anchor in another document among the cited ones, the same with or without the cache', () => {
    const w = makeWorkspace({
      'drafts/a.md': '错的文档[[004#us-phase3]]。\n',
      'drafts/b.md': '另一篇[[002#us-phase1]]。\n',
    });
    try {
      const env = { ...process.env, XDG_CACHE_HOME: join(w.dir, 'cache') };
      const both = cli(['check', 'drafts'], w.dir, env);
      expect(both.stdout).toContain("Unknown anchor 'us-phase3' in [[004#us-phase3]]");
      expect(both.stdout).toContain('Did you mean [[002#us-phase3]]?');
      const alone = cli(['check', '--no-cache', 'drafts/a.md'], w.dir, env);
      expect(alone.stdout).not.toContain('[[002#us-phase3]]');
      expect(alone.stdout).toContain('Its anchors include');
      // a.md's report stored with b.md's citations is not a.md's report alone.
      expect(cli(['check', 'drafts/a.md'], w.dir, env)).toEqual(alone);
      expect(cli(['check', 'drafts'], w.dir, env)).toEqual(both);
    } finally {
      w.dispose();
    }
  });

  it('checks a draft again when a source it cites changes, though the draft did not', () => {
    const w = makeWorkspace({ 'drafts/new.md': '新的一节[[002#brand-new]]。\n' });
    try {
      const env = { ...process.env, XDG_CACHE_HOME: join(w.dir, 'cache') };
      const before = cli(['check', 'drafts/new.md'], w.dir, env);
      expect(before.code).toBe(1);
      expect(before.stdout).toContain("unknown-anchor Unknown anchor 'brand-new'");
      expect(cli(['check', 'drafts/new.md'], w.dir, env)).toEqual(before);
      const file = readdirSync(join(w.dir, 'corpus')).find((f) => f.startsWith('002'))!;
      const path = join(w.dir, 'corpus', file);
      // A heading and its paragraph: two anchors more.
      writeFileSync(path, `${readFileSync(path, 'utf8')}\n## 新的一节 {#brand-new}\n\n新的段落。\n`);
      expect(cli(['check', 'drafts/new.md'], w.dir, env)).toEqual({
        code: 0,
        stdout: '✔ 1 citation in 1 draft: all resolve (5 sources, 1 cited).\n',
        stderr: '',
      });
      // Answered from the stored results (nothing changed), then a new source is counted.
      expect(cli(['check', 'drafts/new.md'], w.dir, env).stdout).toContain('(5 sources, 1 cited)');
      w.write('corpus/005-new.md', '# 新来源\n\n一段。\n');
      expect(cli(['check', 'drafts/new.md'], w.dir, env).stdout).toContain('(6 sources, 1 cited)');
    } finally {
      w.dispose();
    }
  });
});
