/**
 * The .vsix holds only what the extension needs: the bundles (dist/cli.js + cli-mcp.js for the chat's
 * MCP server) and their third-party notices, pdf.js
 * for PDF import, the built-in citation styles, the grammar, the icon, README, LICENSE and the
 * manifest. Packages the already-built dist/ with vsce into a temporary folder. And the bundles
 * import a PDF with the pdf.js beside them where there is no node_modules, as when installed —
 * a Chinese one in a non-embedded CID font too, which needs pdf.js's CMaps beside it.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { chinese002Paragraphs, cidFontPdf, CID_TITLE } from '../helpers/fontPdfs.js';
import { REPO } from '../lsp/harness.js';

/** Names of the entries of a zip file, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.sort();
}

/** pdf.js's data files of one folder (`cmaps`: the CJK CMaps and their license), as packaged. */
function pdfjsData(folder: string): string[] {
  return readdirSync(join(REPO, 'node_modules/pdfjs-dist', folder))
    .map((f) => `extension/dist/pdfjs/${folder}/${f}`)
    .sort();
}

it('packages an installable .vsix with only the files it needs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-vsix-'));
  try {
    const out = join(dir, 'source-anchors.vsix');
    const vsce = join(REPO, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(zipEntries(readFileSync(out))).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/ThirdPartyNotices.txt',
      'extension/dist/cli-mcp.js',
      'extension/dist/cli.js',
      'extension/dist/csl/apa.csl',
      'extension/dist/csl/chicago-note-bibliography.csl',
      'extension/dist/csl/china-national-standard-gb-t-7714-2015-author-date.csl',
      'extension/dist/csl/china-national-standard-gb-t-7714-2015-note.csl',
      'extension/dist/csl/locales-en-US.xml',
      'extension/dist/csl/locales-zh-CN.xml',
      'extension/dist/csl/locales-zh-TW.xml',
      'extension/dist/extension.js',
      'extension/dist/importPlan.js',
      'extension/dist/lib/chardet.js',
      'extension/dist/lib/citeproc.js',
      'extension/dist/lib/iconv-lite.js',
      'extension/dist/lib/opencc-js.js',
      'extension/dist/lib/paperDocx.js',
      'extension/dist/lib/yaml.js',
      'extension/dist/libraryPlan.js',
      'extension/dist/parseWorker.js',
      'extension/dist/pdfjs/LICENSE',
      ...pdfjsData('cmaps'),
      'extension/dist/pdfjs/pdf.mjs',
      'extension/dist/pdfjs/pdf.worker.mjs',
      ...pdfjsData('standard_fonts'),
      'extension/dist/server.js',
      'extension/dist/serverMain.js',
      'extension/dist/styleWorker.js',
      'extension/images/icon.png',
      'extension/media/preview.css',
      'extension/media/walkthrough/add-source.svg',
      'extension/media/walkthrough/check-all.svg',
      'extension/media/walkthrough/cite.svg',
      'extension/media/walkthrough/corpus.svg',
      'extension/media/walkthrough/export.svg',
      'extension/media/walkthrough/hover.svg',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/citation.injection.tmLanguage.json',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('imports a PDF with the pdf.js beside the bundle when there is no node_modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-nomodules-'));
  try {
    // The bundles as built (the command's own and the lazily loaded ones), without source maps.
    cpSync(join(REPO, 'dist'), join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
    mkdirSync(join(dir, 'ws/corpus'), { recursive: true });
    copyFileSync(join(REPO, 'examples/quasi-alliances.pdf'), join(dir, 'ws/paper.pdf'));
    const r = spawnSync(process.execPath, [join(dir, 'dist/cli.js'), 'import', 'paper.pdf'], {
      cwd: join(dir, 'ws'),
      encoding: 'utf8',
    });
    expect([r.status, r.stderr, r.stdout.split('\n')[0]]).toEqual([
      0,
      '',
      'paper.pdf → corpus/001-quasi-alliances.md (001)',
    ]);
    expect(readdirSync(join(dir, 'ws/corpus'))).toEqual(['001-quasi-alliances.md']);
    // A Chinese PDF in a CID font it does not embed reads with the CMaps beside the bundle.
    const paragraphs = chinese002Paragraphs();
    writeFileSync(join(dir, 'ws/cid.pdf'), cidFontPdf(CID_TITLE, paragraphs));
    const cid = spawnSync(process.execPath, [join(dir, 'dist/cli.js'), 'import', 'cid.pdf'], {
      cwd: join(dir, 'ws'),
      encoding: 'utf8',
    });
    expect([cid.status, cid.stderr, cid.stdout.split('\n')[0]]).toEqual([
      0,
      '',
      `cid.pdf → corpus/002-${CID_TITLE}.md (002)`,
    ]);
    const md = readFileSync(join(dir, `ws/corpus/002-${CID_TITLE}.md`), 'utf8');
    expect(paragraphs.filter((p) => md.replace(/\s+/g, '').includes(p.replace(/\s+/g, ''))).length).toBe(
      paragraphs.length,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('serves MCP from the packaged files alone (the extension offers it to the chat)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sa-vsix-mcp-'));
  try {
    // What the .vsix holds of dist/ for `dist/cli.js mcp`, and no node_modules.
    const keep = /^dist\/(cli\.js|cli-mcp\.js|parseWorker\.js|lib\/[^/]+\.js|csl\/[^/]+\.(csl|xml))$/;
    cpSync(join(REPO, 'dist'), join(dir, 'dist'), {
      recursive: true,
      filter: (f) => {
        const rel = f.slice(REPO.length).replace(/^\//, '');
        return rel === 'dist' || rel === 'dist/lib' || rel === 'dist/csl' || keep.test(rel);
      },
    });
    cpSync(join(REPO, 'corpus'), join(dir, 'ws/corpus'), { recursive: true });
    const input = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'format_citation', arguments: { citation: '002#us-phase3' } },
      },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n');
    const r = spawnSync(process.execPath, [join(dir, 'dist/cli.js'), 'mcp', '--root', join(dir, 'ws')], {
      input: `${input}\n`,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: { text: string } } });
    expect([r.status, answers.map((a) => a.id), answers[1]?.result.structuredContent?.text]).toEqual([
      0,
      [1, 2],
      '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
