/**
 * Parses one source file — Markdown or plain text — into a {@link SourceDoc}. Never throws:
 * what cannot be understood becomes a problem on the document, and the rest is still indexed.
 */
import GithubSlugger from 'github-slugger';
import { range, splitLines, type Range } from '../text/positions.js';
import { fileName } from '../uris.js';
import { paragraphNumber } from './anchorSyntax.js';
import { parseFrontMatter } from './frontMatter.js';
import { markdownBlocks, type RawBlock } from './markdownBlocks.js';
import type { Anchor, Block, DocMeta, SourceDoc, SourceProblem } from './sourceDoc.js';
import { textBlocks } from './textBlocks.js';

export const SOURCE_EXTENSIONS = ['.md', '.markdown', '.txt'] as const;

export function isTextSource(uri: string): boolean {
  return uri.toLowerCase().endsWith('.txt');
}

/**
 * Document id: front matter `id`, else the file name's leading digits (`002_3984c6b6c7c0bc8d.txt`
 * → `002`), else the file name without its extension (`notes.v2.md` → `notes.v2`).
 */
export function idFromFileName(name: string): string {
  const digits = /^\d+/.exec(name);
  if (digits) return digits[0];
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function parseSource(uri: string, text: string, encoding = 'utf-8'): SourceDoc {
  const problems: SourceProblem[] = [];
  const lines = splitLines(text);
  const lineRange = (start: number, end: number): Range =>
    range(start, 0, Math.max(start, end - 1), lines[Math.max(start, end - 1)]?.length ?? 0);

  let meta: DocMeta = { authors: [] };
  let id: string | undefined;
  let raw: RawBlock[];
  const format = isTextSource(uri) ? 'text' : 'markdown';
  if (format === 'text') {
    raw = textBlocks(text);
  } else {
    const fm = parseFrontMatter(text);
    for (const e of fm.errors) {
      problems.push({ code: 'invalid-front-matter', range: lineRange(e.line, e.line + 1), message: e.message });
    }
    meta = readMeta(fm.data);
    id = nonEmptyString(fm.data['id']);
    raw = markdownBlocks(fm.bodyStartOffset ? text.slice(fm.bodyStartOffset) : text);
    for (const b of raw) {
      b.startLine += fm.bodyStartLine;
      b.endLine += fm.bodyStartLine;
    }
  }

  const blocks: Block[] = [];
  const anchors: Anchor[] = [];
  const anchorMap = new Map<string, Anchor>();
  const slugger = new GithubSlugger();
  let paragraphCount = 0;

  const register = (anchor: Anchor) => {
    anchors.push(anchor);
    const existing = anchorMap.get(anchor.id);
    if (!existing) {
      anchorMap.set(anchor.id, anchor);
      return;
    }
    const explicit = anchor.idRange !== undefined;
    if (explicit && existing.idRange !== undefined) {
      problems.push({
        code: 'duplicate-anchor',
        range: anchor.idRange!,
        anchor: anchor.id,
        message: `Anchor '${anchor.id}' is already defined on line ${existing.idRange.start.line + 1}; citations of [[${id ?? ''}#${anchor.id}]] go to the first one. Rename one of them.`,
      });
    } else if (explicit) {
      if (existing.kind === 'paragraph') {
        problems.push({
          code: 'duplicate-anchor',
          range: anchor.idRange!,
          anchor: anchor.id,
          message: `Anchor '${anchor.id}' is also the number of paragraph ${anchor.id.slice(1)}; citations of it now go here. Choose another id.`,
        });
      }
      anchorMap.set(anchor.id, anchor);
    }
  };

  for (const b of raw) {
    const index = blocks.length;
    blocks.push({
      kind: b.kind,
      startLine: b.startLine,
      endLine: b.endLine,
      text: b.text,
      ...(b.level !== undefined ? { level: b.level } : {}),
    });
    const where = lineRange(b.startLine, b.endLine);
    if (b.kind === 'heading') {
      const slug = slugger.slug(b.text);
      const level = b.level ?? 1;
      if (b.explicitId !== undefined) {
        register({
          id: b.explicitId,
          kind: 'heading',
          name: b.text,
          level,
          idRange: idRangeOn(lines, b.startLine, `#${b.explicitId}`, where),
          range: where,
          firstBlock: index + 1,
          endBlock: index + 1,
        });
      } else if (slug) {
        register({ id: slug, kind: 'slug', name: b.text, level, range: where, firstBlock: index + 1, endBlock: index + 1 });
      }
    } else if (b.kind === 'paragraph') {
      paragraphCount++;
      const name = openingWords(b.text);
      if (b.explicitId !== undefined) {
        const last = b.endLine - 1;
        register({
          id: b.explicitId,
          kind: 'block',
          name,
          idRange: idRangeOn(lines, last, `^${b.explicitId}`, where),
          range: where,
          firstBlock: index,
          endBlock: index + 1,
        });
      }
      register({ id: `p${paragraphCount}`, kind: 'paragraph', name, range: where, firstBlock: index, endBlock: index + 1 });
    } else if (b.kind === 'footnote' && b.footnoteLabel) {
      register({
        id: `fn-${b.footnoteLabel}`,
        kind: 'footnote',
        name: openingWords(b.text),
        range: where,
        firstBlock: index,
        endBlock: index + 1,
      });
    }
  }

  closeSections(anchors, blocks);
  return {
    uri,
    id: id ?? idFromFileName(fileName(uri)),
    format,
    encoding,
    meta,
    blocks,
    anchors,
    anchorMap,
    problems,
    lineCount: lines.length,
  };
}

/** A source that could not be read at all: an empty document carrying the reason. */
export function unreadableSource(uri: string, reason: string): SourceDoc {
  return {
    uri,
    id: idFromFileName(fileName(uri)),
    format: isTextSource(uri) ? 'text' : 'markdown',
    encoding: 'unknown',
    meta: { authors: [] },
    blocks: [],
    anchors: [],
    anchorMap: new Map(),
    unreadable: true,
    problems: [{ code: 'unreadable-source', range: range(0, 0, 0, 0), message: `Cannot read this source: ${reason}. It is left out of the index.` }],
    lineCount: 1,
  };
}

/** A heading's section runs to the next heading of the same or a higher level. */
function closeSections(anchors: Anchor[], blocks: Block[]): void {
  for (const a of anchors) {
    if (a.kind !== 'heading' && a.kind !== 'slug') continue;
    let end = a.firstBlock;
    while (end < blocks.length) {
      const b = blocks[end]!;
      if (b.kind === 'heading' && (b.level ?? 1) <= (a.level ?? 1)) break;
      end++;
    }
    a.endBlock = end;
  }
}

/** Range of `id` written as `marker` (`#id` or `^id`) on `line`, without the marker's first character. */
function idRangeOn(lines: string[], line: number, marker: string, fallback: Range): Range {
  const text = lines[line] ?? '';
  const at = text.lastIndexOf(marker);
  if (at < 0) return fallback;
  return range(line, at + 1, line, at + marker.length);
}

/** The first words of a paragraph, for labels: about 40 characters, cut with `…`. */
export function openingWords(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function readMeta(data: Record<string, unknown>): DocMeta {
  const meta: DocMeta = { authors: [] };
  const authors = data['authors'] ?? data['author'];
  if (Array.isArray(authors)) meta.authors = authors.map((a) => String(a)).filter((a) => a.trim());
  else if (typeof authors === 'string' && authors.trim()) meta.authors = [authors.trim()];
  for (const key of ['title', 'date', 'publisher', 'source', 'language', 'original', 'url'] as const) {
    const value = nonEmptyString(data[key]);
    if (value !== undefined) meta[key] = value;
  }
  return meta;
}

function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' || value instanceof Date) return String(value);
  return undefined;
}

export { paragraphNumber };
