/**
 * The language server inside a second real LSP client that no one here wrote: Neovim's built-in
 * one, headless. `neovim/client.lua` starts `dist/server.js --stdio`, opens a draft whose
 * citations follow CJK text, and reports what it saw; this file asserts on it. Neovim counts
 * columns in bytes and the protocol in UTF-16 code units (JavaScript's string indices), so
 * matching both proves the server and a foreign client agree on positions.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT, readSetup, REPO, SERVER } from './paths';
import { makeTestWorkspace } from './workspace';

const LINES = [
  '# Neovim 草稿',
  '',
  '其中美国重启撤军之后的阶段最为关键[[002#us-phase3|第三阶段]]：见原文。',
  '第四阶段尚无定论[[002#us-phase9]]。',
  '拼写有误[[02#us-phase3]]。',
  '补充：[[002#]]',
];
const DRAFT_LINE = { cited: 2, unknownAnchor: 3, unknownDocument: 4, typing: 5 };

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Probe<T> {
  byte: number;
  position: Position;
  result: T;
  accepted?: string;
}
interface Report {
  error?: string;
  status: { state: string; sources: number; anchors: number }[];
  serverCapabilities: {
    completionProvider?: { triggerCharacters?: string[] };
    hoverProvider?: unknown;
    definitionProvider?: unknown;
    codeActionProvider?: unknown;
  };
  offsetEncoding: string;
  lines: string[];
  diagnostics: {
    lnum: number;
    col: number;
    end_col: number;
    message: string;
    source: string;
    code: string;
  }[];
  probes: {
    hover: Probe<{ contents: { kind: string; value: string } }>;
    definition: Probe<({ uri: string; range: Range } | { targetUri: string; targetSelectionRange: Range })[]>;
    codeAction: Probe<{ title: string; isPreferred?: boolean }[]>;
    completion: Probe<{ items: { label: string }[] } | { label: string }[]>;
  };
}

/** The UTF-16 column of `needle` on draft line `line` (a JavaScript string index). */
const utf16 = (line: number, needle: string) => (LINES[line] ?? '').indexOf(needle);
/** The byte column of the same place, which is what Neovim's cursor and diagnostics count. */
const byteCol = (line: number, needle: string) =>
  Buffer.byteLength((LINES[line] ?? '').slice(0, utf16(line, needle)));

describe('Neovim built-in LSP client with dist/server.js --stdio', () => {
  let report: Report;
  let workspace: ReturnType<typeof makeTestWorkspace>;
  let home: string;

  beforeAll(async () => {
    const setup = readSetup();
    workspace = makeTestWorkspace({ 'draft.md': LINES.join('\n') + '\n' });
    // Neovim's own state (its LSP log among it) stays in a temporary home.
    home = mkdtempSync(join(tmpdir(), 'sa-nvim-'));
    const out = join(OUTPUT, 'neovim');
    mkdirSync(out, { recursive: true });
    const specFile = join(home, 'spec.json');
    const reportFile = join(out, 'report.json');
    rmSync(reportFile, { force: true });
    writeFileSync(
      specFile,
      JSON.stringify({
        cmd: [process.execPath, SERVER, '--stdio'],
        root: workspace.dir,
        draft: join(workspace.dir, 'draft.md'),
        report: reportFile,
        probes: [
          { name: 'hover', method: 'textDocument/hover', line: DRAFT_LINE.cited, needle: 'us-phase3' },
          {
            name: 'definition',
            method: 'textDocument/definition',
            line: DRAFT_LINE.cited,
            needle: 'us-phase3',
          },
          {
            name: 'codeAction',
            method: 'textDocument/codeAction',
            line: DRAFT_LINE.unknownDocument,
            needle: '02#',
          },
          // Last: accepting the completion edits the buffer.
          {
            name: 'completion',
            method: 'textDocument/completion',
            line: DRAFT_LINE.typing,
            needle: ']]',
            accept: 'us-phase3',
          },
        ],
      }),
    );
    const script = join(REPO, 'test', 'e2e', 'neovim', 'client.lua');
    const env = {
      ...process.env,
      SA_SPEC: specFile,
      XDG_CACHE_HOME: home,
      XDG_STATE_HOME: home,
      XDG_DATA_HOME: home,
    };
    const run = promisify(execFile)(setup.nvim, ['--headless', '--clean', '-n', '-c', `luafile ${script}`], {
      env,
      timeout: 90_000,
    });
    await run.catch((e: Error) => console.error(`nvim failed: ${e.message}`));
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    } catch {
      throw new Error(`Neovim wrote no report to ${reportFile}; see the error above.`);
    }
    if (report.error) throw new Error(`Neovim's LSP script failed:\n${report.error}`);
  });

  afterAll(() => {
    workspace?.dispose();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('initializes: UTF-16 positions and the capabilities we rely on', () => {
    expect(report.offsetEncoding).toBe('utf-16');
    expect(report.serverCapabilities.completionProvider?.triggerCharacters).toEqual(
      expect.arrayContaining(['[', '#', '|']),
    );
    expect(report.serverCapabilities.hoverProvider).toBeTruthy();
    expect(report.serverCapabilities.definitionProvider).toBeTruthy();
    expect(report.serverCapabilities.codeActionProvider).toBeTruthy();
    expect(report.status.at(-1)).toMatchObject({ state: 'ready', sources: 5 });
    expect(report.lines.slice(0, LINES.length - 1)).toEqual(LINES.slice(0, -1));
  });

  it('sends UTF-16 positions after CJK text (byte column ≠ character)', () => {
    const { byte, position } = report.probes.hover;
    expect(byte).toBe(byteCol(DRAFT_LINE.cited, 'us-phase3'));
    expect(position).toEqual({ line: DRAFT_LINE.cited, character: utf16(DRAFT_LINE.cited, 'us-phase3') });
    expect(byte).not.toBe(position.character);
  });

  it('hover shows the cited passage', () => {
    const { contents } = report.probes.hover.result;
    expect(contents.kind).toBe('markdown');
    expect(contents.value).toContain(
      '第三阶段美国内部博弈主要围绕和谈主导权与以何种方式帮助阿富汗政府抵御塔利班攻势。',
    );
  });

  it('definition goes to the heading of us-phase3 in 002', () => {
    const [location] = report.probes.definition.result;
    const uri = location && ('targetUri' in location ? location.targetUri : location.uri);
    const range = location && ('targetUri' in location ? location.targetSelectionRange : location.range);
    expect(uri).toMatch(/\/corpus\/002-us-taliban-internal-games\.md$/);
    const heading = readFileSync(join(REPO, 'corpus', '002-us-taliban-internal-games.md'), 'utf8')
      .split('\n')
      .findIndex((l) => l.endsWith('{#us-phase3}'));
    expect(range?.start.line).toBe(heading);
  });

  it('diagnostics land on the broken citations, at byte columns Neovim computed from UTF-16', () => {
    const byLine = new Map(report.diagnostics.map((d) => [d.lnum, d]));
    const anchor = byLine.get(DRAFT_LINE.unknownAnchor);
    expect(anchor).toMatchObject({ source: 'source-anchors', code: 'unknown-anchor' });
    expect(anchor?.message).toMatch(
      /^Unknown anchor 'us-phase9' in \[\[002#us-phase9\]\]: document 002 \(美塔协议签署后的美阿塔三方内部博弈\) has no such heading, block or paragraph\. Did you mean \[\[002#us-phase1\]\], \[\[002#us-phase2\]\], \[\[002#us-phase3\]\]\?/,
    );
    // The range covers the citation, or a part of it; either way it starts inside it, in bytes.
    const start = byteCol(DRAFT_LINE.unknownAnchor, '[[002#us-phase9]]');
    const end = start + Buffer.byteLength('[[002#us-phase9]]');
    expect(anchor?.col).toBeGreaterThanOrEqual(start);
    expect(anchor?.end_col).toBeLessThanOrEqual(end);
    expect(byLine.get(DRAFT_LINE.unknownDocument)).toMatchObject({ code: 'unknown-document' });
    expect(byLine.has(DRAFT_LINE.cited)).toBe(false);
  });

  it('the unknown document has one preferred quick fix', () => {
    const actions = report.probes.codeAction.result;
    const preferred = actions.filter((a) => a.isPreferred);
    expect(preferred.map((a) => a.title)).toEqual(['Change to [[002#us-phase3]]']);
  });

  it('completion after [[002# lists 002 anchors; accepting us-phase3 writes [[002#us-phase3]]', () => {
    const { result, accepted } = report.probes.completion;
    const labels = (Array.isArray(result) ? result : result.items).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['us-phase1', 'us-phase2', 'us-phase3']));
    expect(labels.indexOf('us-phase1')).toBeLessThan(labels.indexOf('us-phase3'));
    expect(accepted).toBe('补充：[[002#us-phase3]]');
  });
});
