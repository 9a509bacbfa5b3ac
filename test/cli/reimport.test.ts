/**
 * `source-anchors import` of an original imported before (dist/cli.js): it goes into the same
 * document, keeps the ids drafts cite, says what moved, changed and disappeared, and refuses (exit
 * 1, nothing written) a re-import that would break a citation unless --force.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, type Workspace } from '../lsp/harness.js';

const V1 = [
  'Quasi Allies',
  'The first paragraph.',
  '1. Ukraine',
  'The second one, on Ukraine and the war.',
  '2. Korea',
  'The third paragraph, about Korea and Japan.',
];
/** A paragraph added, one reworded. */
const V2 = [
  ...V1.slice(0, 2),
  'A new paragraph here.',
  V1[2]!,
  'The second one, on Ukraine and the long war.',
  ...V1.slice(4),
];
/** Section 2 gone. */
const V3 = [...V2.slice(0, 5)];
const DOC = 'corpus/005-quasi-allies.md';

let ws: Workspace;
const doc = () => readFileSync(join(ws.dir, DOC), 'utf8');
const original = (lines: string[]) => ws.write('in/paper.txt', `${lines.join('\n')}\n`);
const draft = (citations: string) => ws.write('drafts/a.md', `# Draft\n\n${citations}\n`);

beforeEach(() => {
  ws = makeWorkspace();
  original(V1);
  expect(runCli(['import', 'in/paper.txt'], ws.dir).code).toBe(0);
  // The writer names a paragraph, and a draft cites it and the sections.
  ws.write(DOC, doc().replace('and the war.', 'and the war. ^ukraine'));
  draft('See [[005#s1]] and [[005#ukraine]].\n\nAlso [[005#s2]].');
});
afterEach(() => ws.dispose());

describe('source-anchors import (re-import)', () => {
  it('says an unchanged original is up to date and writes nothing', () => {
    const before = doc();
    const r = runCli(['import', 'in/paper.txt'], ws.dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').slice(4)).toEqual([
      '  passages: 6 as before, 0 moved, 0 changed, 0 new, 0 gone',
      '  corpus/005-quasi-allies.md is up to date: nothing to write',
      '',
    ]);
    expect(doc()).toBe(before);
  });

  it('keeps the cited ids on the matched passages and says what moved and changed', () => {
    original(V2);
    const r = runCli(['import', 'in/paper.txt'], ws.dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'in/paper.txt → corpus/005-quasi-allies.md (005, re-import)',
        '  title: Quasi Allies',
        '  found: no page numbers, 2 sections, 0 footnotes, 4 paragraphs',
        '  dropped: nothing',
        '  passages: 4 as before, 1 moved, 1 changed, 1 new, 0 gone',
        '  changed: #ukraine “The second one, on Ukraine and the war.” (paragraph 2 → 3, 91 % alike) — cited',
        '',
      ].join('\n'),
    );
    expect(doc().split('\n').slice(10)).toEqual([
      '# Quasi Allies',
      '',
      'The first paragraph.',
      '',
      'A new paragraph here.',
      '',
      '## 1\\. Ukraine {#s1}',
      '',
      'The second one, on Ukraine and the long war. ^ukraine',
      '',
      '## 2\\. Korea {#s2}',
      '',
      'The third paragraph, about Korea and Japan.',
      '',
    ]);
    expect(runCli(['check'], ws.dir).code).toBe(0);
  });

  it('refuses a re-import that breaks citations, listing them (exit 1, nothing written)', () => {
    draft('See [[005#s1]] and [[005#ukraine]].\n\nAlso [[005#s2]] and [[005#p3]].');
    original(V3);
    const before = doc();
    const r = runCli(['import', 'in/paper.txt'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(4)).toEqual([
      '  passages: 3 as before, 0 moved, 1 changed, 1 new, 2 gone',
      '  changed: #ukraine “The second one, on Ukraine and the war.” (paragraph 2 → 3, 91 % alike) — cited',
      '  gone: #s2 “2. Korea” (was heading 3) — cited, would break',
      '  gone: #p3 “The third paragraph, about Korea and…” (was paragraph 3) — cited, would break',
      '',
    ]);
    expect(r.stderr).toBe(
      [
        "source-anchors: re-importing 'in/paper.txt' into corpus/005-quasi-allies.md would break 2 citations:",
        '  drafts/a.md:5 [[005#s2]]: its passage is gone',
        '  drafts/a.md:5 [[005#p3]]: its passage is gone',
        'source-anchors: nothing written (pass --force to write it anyway)',
        '',
      ].join('\n'),
    );
    expect(doc()).toBe(before);

    const dry = runCli(['import', 'in/paper.txt', '--dry-run'], ws.dir);
    expect(dry.code).toBe(1);
    expect(dry.stdout.split('\n')[0]).toBe(
      'in/paper.txt → corpus/005-quasi-allies.md (005, re-import) [dry run: not written]',
    );
    expect(dry.stderr.split('\n').at(-2)).toBe(
      'source-anchors: (dry run) the import would be refused without --force',
    );
    expect(doc()).toBe(before);

    const forced = runCli(['import', 'in/paper.txt', '--force'], ws.dir);
    expect(forced.code).toBe(0);
    expect(doc()).toContain('The second one, on Ukraine and the long war. ^ukraine');
    expect(runCli(['check'], ws.dir).stdout.split('\n')[0]).toMatch(
      /^drafts\/a\.md:5:\d+ error unknown-anchor Unknown anchor 's2'/,
    );
  });

  it('says a paragraph number that now means another paragraph would break', () => {
    draft('Cited by number: [[005#p3]].');
    original(V2);
    const r = runCli(['import', 'in/paper.txt', '--dry-run'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').at(-2)).toBe(
      '  moved: #p3 “The third paragraph, about Korea and…” (paragraph 3 → 4, now p4) — cited, would break',
    );
    expect(r.stderr.split('\n')[1]).toBe('  drafts/a.md:3 [[005#p3]]: its passage is now p4');
  });

  it('with --id re-imports into that document, and refuses an original that is not its source', () => {
    original(V2);
    ws.write('in/renamed.txt', `${V2.join('\n')}\n`);
    const r = runCli(['import', 'in/renamed.txt', '--id', '005', '--dry-run'], ws.dir);
    expect([r.code, r.stdout.split('\n')[0]]).toEqual([
      0,
      'in/renamed.txt → corpus/005-quasi-allies.md (005, re-import) [dry run: not written]',
    ]);
    const other = runCli(['import', 'in/renamed.txt', '--id', '003'], ws.dir);
    expect(other.code).toBe(1);
    expect(other.stderr.split('\n')[0]).toBe(
      "source-anchors: 'in/renamed.txt' keeps only 0 of the 67 passages of corpus/003-us-quasi-allies-dilemma.md: is it the same source?",
    );
    expect(readdirSync(join(ws.dir, 'corpus')).length).toBe(6);
  });
});
