/**
 * The npm package as a user gets it: `npm pack` of the built dist/ (scripts skipped: the test
 * packs what `npm run build` made), installed from the tarball into an empty project (offline:
 * the package has no dependencies, everything it runs is bundled), then `npx source-anchors`
 * checks, exports and imports in a folder with a corpus, and the pre-commit hook's entry
 * (.pre-commit-hooks.yaml) runs there as pre-commit runs it.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO } from '../lsp/harness.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
let dir: string;
let project: string;

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-npm-'));
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO);
  expect(packed.code, packed.stderr).toBe(0);
  project = join(dir, 'paper');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "paper", "private": true }\n');
  const installed = run(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      join(dir, `source-anchors-${pkg.version}.tgz`),
    ],
    project,
  );
  expect(installed.code, installed.stderr).toBe(0);
  cpSync(join(REPO, 'corpus'), join(project, 'corpus'), { recursive: true });
  cpSync(join(REPO, 'examples'), join(project, 'examples'), { recursive: true });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdf.js's data files of one folder (`cmaps`: the CJK CMaps and their license), as packed. */
function pdfjsData(folder: string): string[] {
  return readdirSync(join(REPO, 'node_modules/pdfjs-dist', folder))
    .map((f) => `package/dist/pdfjs/${folder}/${f}`)
    .sort();
}

it('packs only what runs: the bundles, styles, pdf.js, notices, grammar, style sheet and icon', () => {
  const r = run('tar', ['tzf', join(dir, `source-anchors-${pkg.version}.tgz`)], dir);
  expect(r.stdout.trim().split('\n').sort()).toEqual([
    'package/LICENSE',
    'package/README.md',
    'package/dist/ThirdPartyNotices.txt',
    'package/dist/cli-export.js',
    'package/dist/cli-import.js',
    'package/dist/cli-mcp.js',
    'package/dist/cli.js',
    'package/dist/csl/apa.csl',
    'package/dist/csl/chicago-note-bibliography.csl',
    'package/dist/csl/china-national-standard-gb-t-7714-2015-author-date.csl',
    'package/dist/csl/china-national-standard-gb-t-7714-2015-note.csl',
    'package/dist/csl/locales-en-US.xml',
    'package/dist/csl/locales-zh-CN.xml',
    'package/dist/csl/locales-zh-TW.xml',
    'package/dist/extension.js',
    'package/dist/importPlan.js',
    'package/dist/lib/chardet.js',
    'package/dist/lib/citeproc.js',
    'package/dist/lib/iconv-lite.js',
    'package/dist/lib/opencc-js.js',
    'package/dist/lib/paperDocx.js',
    'package/dist/lib/yaml.js',
    'package/dist/libraryPlan.js',
    'package/dist/parseWorker.js',
    'package/dist/pdfjs/LICENSE',
    ...pdfjsData('cmaps'),
    'package/dist/pdfjs/pdf.mjs',
    'package/dist/pdfjs/pdf.worker.mjs',
    ...pdfjsData('standard_fonts'),
    'package/dist/server.js',
    'package/dist/serverMain.js',
    'package/dist/styleWorker.js',
    'package/images/icon.png',
    'package/media/preview.css',
    'package/media/walkthrough/add-source.svg',
    'package/media/walkthrough/check-all.svg',
    'package/media/walkthrough/cite.svg',
    'package/media/walkthrough/corpus.svg',
    'package/media/walkthrough/export.svg',
    'package/media/walkthrough/hover.svg',
    'package/package.json',
    'package/syntaxes/citation.injection.tmLanguage.json',
  ]);
  // Nothing to install beside it: every dependency is bundled.
  expect(readdirSync(join(project, 'node_modules')).sort()).toEqual([
    '.bin',
    '.package-lock.json',
    'source-anchors',
  ]);
});

it('npx source-anchors checks, exports and imports from the installed tarball', () => {
  expect(run('npx', ['--no-install', 'source-anchors', '--version'], project).stdout).toBe(
    `${pkg.version}\n`,
  );
  expect(run('npx', ['--no-install', 'source-anchors', 'check', 'examples/'], project)).toEqual({
    code: 0,
    stdout: '✔ 16 citations in 1 draft: all resolve (5 sources, 5 cited).\n',
    stderr: '',
  });
  const exported = run(
    'npx',
    ['--no-install', 'source-anchors', 'export', 'examples/draft.md', '-o', 'paper.docx'],
    project,
  );
  expect(exported.code, exported.stderr).toBe(0);
  expect(readFileSync(join(project, 'paper.docx')).subarray(0, 2).toString()).toBe('PK');
  // PDF import with the pdf.js the package carries (there is no pdfjs-dist in node_modules).
  const imported = run(
    'npx',
    ['--no-install', 'source-anchors', 'import', 'examples/quasi-alliances.pdf'],
    project,
  );
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout.split('\n')[0]).toBe(
    'examples/quasi-alliances.pdf → corpus/005-quasi-alliances.md (005)',
  );
  expect(existsSync(join(project, 'corpus/005-quasi-alliances.md'))).toBe(true);
});

it("runs the pre-commit hook's entry in the project, failing on a broken citation", () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
  }[];
  expect(hooks.map((h) => h.id)).toEqual(['source-anchors-check']);
  const [command, ...args] = hooks[0]!.entry.split(' ');
  expect(run(command!, args, project).code).toBe(0);
  writeFileSync(join(project, 'examples/broken.md'), '[[002#us-phase9]]\n');
  const r = run(command!, args, project);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("examples/broken.md:1:7 error unknown-anchor Unknown anchor 'us-phase9'");
});
