/**
 * `check --format github` and `--format sarif` on the broken example workspace
 * (test/fixtures/broken-example: the bundled corpus, a draft with one problem of each kind a draft
 * can have, and a source named `005-notes, v2.md` with a duplicate anchor). Both outputs are golden
 * files (UPDATE_GOLDEN=1 rewrites them); the SARIF log is validated against the official SARIF
 * 2.1.0 JSON schema (test/fixtures/sarif, see its README) with Ajv.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../server/src/cli/githubFormat.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, REPO, type Workspace } from '../lsp/harness.js';

const GOLDEN_GITHUB = join(REPO, 'test/cli/golden/broken-example.github.txt');
const GOLDEN_SARIF = join(REPO, 'test/cli/golden/broken-example.sarif.json');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace();
  cpSync(join(REPO, 'test/fixtures/broken-example'), ws.dir, { recursive: true });
});
afterAll(() => ws.dispose());

/** Compares with a golden file, or rewrites it under UPDATE_GOLDEN=1. */
function expectGolden(actual: string, golden: string): void {
  if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, actual);
  expect(actual).toBe(readFileSync(golden, 'utf8'));
}

describe('check --format github', () => {
  it('prints one workflow command per diagnostic, then the summary (golden file)', () => {
    const r = runCli(['check', '--format', 'github', '--no-cache', 'drafts/'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expectGolden(r.stdout, GOLDEN_GITHUB);
    // Spelled out: the annotation of the information-level quote, and the escaped file name.
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      '::notice file=drafts/draft.md,line=10,endLine=10,col=11,endColumn=39,title=quote-converted::Quote matches [[004#defense-industry]] after Traditional→Simplified conversion: the source is in Traditional script.',
    );
    expect(
      lines.filter((l) => l.startsWith('::warning file=corpus/005-notes%2C v2.md,line=9,')),
    ).toHaveLength(1);
    expect(lines.at(-2)).toBe('✖ 5 errors, 1 warning — 9 citations in 1 draft (6 sources, 4 cited).');
  });

  it("escapes a message's %, CR and LF, and a property's : and , too, as GitHub's runner reads them", () => {
    expect(escapeData('88% similar\r\nnext: a, b')).toBe('88%25 similar%0D%0Anext: a, b');
    expect(escapeProperty('C:\\a,b%\n.md')).toBe('C%3A\\a%2Cb%25%0A.md');
  });
});

describe('check --format sarif', () => {
  const sarif = () => runCli(['check', '--format', 'sarif', '--no-cache', 'drafts/'], ws.dir);

  it('prints a SARIF 2.1.0 log (golden file)', () => {
    const r = sarif();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expectGolden(r.stdout.replace(`"version": "${VERSION}"`, '"version": "<version>"'), GOLDEN_SARIF);
  });

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(
      readFileSync(join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(sarif().stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    // The schema is strict enough to notice a mistake: a level SARIF does not have.
    log.runs[0].results[0].level = 'information';
    expect(validate(log)).toBe(false);
  });

  it('has a rule per diagnostic code, and each result its rule, level and 1-based region', () => {
    const log = JSON.parse(sarif().stdout);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('source-anchors');
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'unknown-document',
      'unknown-anchor',
      'malformed-citation',
      'page-out-of-range',
      'duplicate-anchor',
      'duplicate-document',
      'invalid-front-matter',
      'invalid-bytes',
      'unreadable-source',
      'quote-converted',
      'quote-elsewhere',
      'quote-not-found',
      'quote-no-text',
    ]);
    expect(
      run.results.map(
        (r: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[];
        }) => [
          r.ruleId,
          run.tool.driver.rules[r.ruleIndex].id,
          r.level,
          r.locations[0]!.physicalLocation.artifactLocation.uri,
          r.locations[0]!.physicalLocation.region,
        ],
      ),
    ).toEqual([
      [
        'unknown-anchor',
        'unknown-anchor',
        'error',
        'drafts/draft.md',
        { startLine: 7, startColumn: 24, endLine: 7, endColumn: 33 },
      ],
      [
        'unknown-document',
        'unknown-document',
        'error',
        'drafts/draft.md',
        { startLine: 8, startColumn: 11, endLine: 8, endColumn: 13 },
      ],
      [
        'quote-not-found',
        'quote-not-found',
        'error',
        'drafts/draft.md',
        { startLine: 9, startColumn: 2, endLine: 9, endColumn: 20 },
      ],
      [
        'quote-converted',
        'quote-converted',
        'note',
        'drafts/draft.md',
        { startLine: 10, startColumn: 11, endLine: 10, endColumn: 39 },
      ],
      [
        'page-out-of-range',
        'page-out-of-range',
        'error',
        'drafts/draft.md',
        { startLine: 11, startColumn: 31, endLine: 11, endColumn: 33 },
      ],
      [
        'malformed-citation',
        'malformed-citation',
        'error',
        'drafts/draft.md',
        { startLine: 11, startColumn: 40, endLine: 11, endColumn: 44 },
      ],
      [
        'duplicate-anchor',
        'duplicate-anchor',
        'warning',
        'corpus/005-notes%2C%20v2.md',
        { startLine: 9, startColumn: 43, endLine: 9, endColumn: 52 },
      ],
    ]);
  });

  it('report refuses the CI formats: they are for check', () => {
    expect(runCli(['report', '--format', 'sarif'], ws.dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "source-anchors: --format must be text or json, not 'sarif'\n",
    });
  });
});
