/**
 * The folders the real editors open: the bundled `corpus/` beside drafts. CJK text is written to
 * disk here, so that the editors only ever have ASCII typed into them.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './paths';

/** The draft VS Code opens: one citation after CJK text (its UTF-16 column differs from its byte column). */
export const DRAFT = [
  '# 测试草稿',
  '',
  '其中美国重启撤军之后的阶段最为关键[[002#us-phase3]]，见原文。',
  '',
  '',
].join('\n');

/** A second draft that VS Code does not open: only "Check All Citations" reports its broken citation. */
export const NOTES = '另见[[003#no-such-anchor]]。\n';

/** A temporary workspace with a copy of the corpus and the given drafts (by relative path). */
export function makeTestWorkspace(drafts: Record<string, string>): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sa-e2e-'));
  cpSync(join(REPO, 'corpus'), join(dir, 'corpus'), { recursive: true });
  for (const [name, text] of Object.entries(drafts)) writeFileSync(join(dir, name), text);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh copy of the repository's example workspace (corpus, examples, configuration) in `dir`. */
export function makeDemoWorkspace(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ['corpus', 'examples', 'source-anchors.json']) {
    cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}
