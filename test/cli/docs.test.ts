/**
 * The documentation holds: every relative link and image of the README and docs/ (and of
 * CONTRIBUTING.md and CHANGELOG.md) resolves, every heading anchor a link names exists (GitHub's
 * slugs, by github-slugger), every page of docs/ is on both maps (README.md and docs/README.md),
 * the README fits in 300 lines, and the shell commands of the README's tour and of the getting
 * started page print what the pages show, run in order in a fresh copy of the example workspace
 * with `source-anchors` on the PATH (dist/cli.js).
 *
 * A runnable example is a ```sh block followed by a ```text block: the text block is the shell
 * block's standard output, exactly.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
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
import { dirname, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { REPO } from '../lsp/harness.js';

const md = new MarkdownIt({ html: true });
const DOCS = readdirSync(join(REPO, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => `docs/${f}`);
const PAGES = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...DOCS];

const tokensOf = (page: string) => md.parse(readFileSync(join(REPO, page), 'utf8'), {});

/** The plain text of an inline token (text and code spans), as GitHub slugs a heading. */
const plain = (inline: Token) =>
  (inline.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : ''))
    .join('');

/** The anchors of a page's headings, as GitHub makes them. */
function anchorsOf(page: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = tokensOf(page);
  const anchors = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') anchors.add(slugger.slug(plain(tokens[i + 1]!)));
  });
  return anchors;
}

/** Every link and image target of a page, outside code. */
function targetsOf(page: string): { kind: 'link' | 'image'; target: string }[] {
  const out: { kind: 'link' | 'image'; target: string }[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'link_open') out.push({ kind: 'link', target: String(t.attrGet('href') ?? '') });
      if (t.type === 'image') out.push({ kind: 'image', target: String(t.attrGet('src') ?? '') });
      if (t.children) visit(t.children);
    }
  };
  visit(tokensOf(page));
  return out;
}

describe('links, images and anchors', () => {
  it.each(PAGES)('%s: every relative link and image resolves, with its heading anchor', (page) => {
    const broken: string[] = [];
    for (const { kind, target } of targetsOf(page)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, command:
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const file = path ? join(dirname(join(REPO, page)), decodeURIComponent(path)) : join(REPO, page);
      const shown = relative(REPO, file);
      if (!existsSync(file)) broken.push(`${kind} ${target}: no ${shown}`);
      else if (kind === 'image' && !/\.(png|svg|gif|jpe?g)$/i.test(file))
        broken.push(`image ${target}: not an image`);
      else if (fragment !== undefined) {
        if (!file.endsWith('.md')) broken.push(`${target}: an anchor in a file that is not Markdown`);
        else if (!anchorsOf(shown).has(decodeURIComponent(fragment)))
          broken.push(`${target}: ${shown} has no heading #${fragment}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every page of docs/ is on the README map and the docs index', () => {
    const linked = (page: string) =>
      new Set(
        targetsOf(page)
          .map((t) => t.target.split('#')[0]!)
          .filter((t) => t.endsWith('.md'))
          .map((t) => relative(REPO, join(dirname(join(REPO, page)), t))),
      );
    const fromReadme = linked('README.md');
    const fromIndex = linked('docs/README.md');
    for (const page of DOCS.filter((p) => p !== 'docs/README.md')) {
      expect(fromReadme.has(page), `README.md does not link ${page}`).toBe(true);
      expect(fromIndex.has(page), `docs/README.md does not link ${page}`).toBe(true);
    }
  });

  it('the README fits in 300 lines', () => {
    expect(readFileSync(join(REPO, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300);
  });
});

/** The ```sh blocks of a page (within the section headed `section`, if given), each with the ```text block after it. */
function examplesOf(page: string, section?: string): { script: string; output: string; line: number }[] {
  const tokens = tokensOf(page);
  let from = 0;
  let to = tokens.length;
  if (section) {
    from = tokens.findIndex(
      (t, i) => t.type === 'heading_open' && t.tag === 'h2' && plain(tokens[i + 1]!) === section,
    );
    expect(from, `${page} has no section '${section}'`).toBeGreaterThanOrEqual(0);
    const next = tokens.findIndex((t, i) => i > from && t.type === 'heading_open' && t.tag === 'h2');
    to = next < 0 ? tokens.length : next;
  }
  const fences = tokens.slice(from, to).filter((t) => t.type === 'fence');
  const examples: { script: string; output: string; line: number }[] = [];
  fences.forEach((f, i) => {
    if (f.info.trim() !== 'sh') return;
    const next = fences[i + 1];
    expect(next?.info.trim(), `${page}:${f.map![0] + 1}: a sh block without its text block`).toBe('text');
    examples.push({ script: f.content, output: next!.content, line: f.map![0] + 1 });
  });
  return examples;
}

/** A fresh copy of the example workspace, and a PATH whose `source-anchors` is dist/cli.js. */
function exampleWorkspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'sa-docs-'));
  for (const entry of ['corpus', 'examples', 'source-anchors.json'])
    cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  const shim = join(bin, 'source-anchors');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'dist/cli.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return { dir, env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` } };
}

describe.each([
  ['README.md', 'In 30 seconds'],
  ['docs/getting-started.md', 'the whole page'],
])('the shell examples of %s (%s)', (page, section) => {
  it('print what the page shows, run in order in a copy of the example workspace', () => {
    const examples = examplesOf(page, section === 'the whole page' ? undefined : section);
    expect(examples.length).toBeGreaterThan(0);
    const { dir, env } = exampleWorkspace();
    try {
      for (const { script, output, line } of examples) {
        const r = spawnSync('bash', ['-c', script], { cwd: dir, env, encoding: 'utf8' });
        expect(r.stderr, `${page}:${line}`).toBe('');
        expect(r.stdout, `${page}:${line}`).toBe(output);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
