/**
 * Parses one source file — Markdown or plain text — into a {@link SourceDoc}. Never throws:
 * what cannot be understood becomes a problem on the document, and the rest is still indexed.
 */
import GithubSlugger from 'github-slugger';
import { ownString } from '../text/ownString.js';
import { range, splitLines, type Range } from '../text/positions.js';
import { fileName } from '../uris.js';
import { paragraphNumber } from './anchorSyntax.js';
import { parseFrontMatter, type FrontMatter } from './frontMatter.js';
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

/**
 * The id `parseSource` gives the source of `uri` with `text`, read from the front matter alone
 * (the rest of the text is not parsed): front matter `id`, else {@link idFromFileName}.
 */
export function sourceIdOf(uri: string, text: string): string {
  let fromFrontMatter: string | undefined;
  if (!isTextSource(uri)) {
    const fm = parseFrontMatter(text);
    justRead = { text, fm };
    fromFrontMatter = nonEmptyString(fm.data['id']);
  }
  return fromFrontMatter ?? idFromFileName(fileName(uri));
}

/**
 * The front matter {@link sourceIdOf} read last, for a `parseSource` of the same text right after
 * (loading asks a source's id, then parses it if it is cited): taken once, then forgotten, so no
 * two documents share it.
 */
let justRead: { text: string; fm: FrontMatter } | undefined;

function frontMatterOf(text: string): FrontMatter {
  const read = justRead;
  justRead = undefined;
  return read && read.text === text ? read.fm : parseFrontMatter(text);
}

export function parseSource(uri: string, text: string, encoding = 'utf-8'): SourceDoc {
  const problems: SourceProblem[] = [];
  const lines = linesOf(text);
  const lineRange = (start: number, end: number): Range =>
    range(start, 0, Math.max(start, end - 1), lines.length(Math.max(start, end - 1)) ?? 0);

  let meta: DocMeta = { authors: [], editors: [], translators: [] };
  let id: string | undefined;
  let raw: RawBlock[];
  const format = isTextSource(uri) ? 'text' : 'markdown';
  if (format === 'text') {
    raw = textBlocks(text);
  } else {
    const fm = frontMatterOf(text);
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

  const isExplicit = (a: Anchor) => a.kind === 'heading' || a.kind === 'block';
  const lineOf = (a: Anchor) => (a.idRange ?? a.range).start.line + 1;
  const duplicate = (at: Anchor, message: string) =>
    problems.push({ code: 'duplicate-anchor', range: at.idRange ?? at.range, anchor: at.id, message });

  /** Adds an anchor; an id defined twice keeps its first explicit definition and is reported. */
  const register = (anchor: Anchor) => {
    anchors.push(anchor);
    const existing = anchorMap.get(anchor.id);
    if (!existing) {
      anchorMap.set(anchor.id, anchor);
      return;
    }
    if (isExplicit(anchor) && isExplicit(existing)) {
      duplicate(
        anchor,
        `Anchor '${anchor.id}' is already defined on line ${lineOf(existing)}; citations of [[${id ?? idFromFileName(fileName(uri))}#${anchor.id}]] go to the first one. Rename one of them.`,
      );
    } else if (isExplicit(anchor) || isExplicit(existing)) {
      const written = isExplicit(anchor) ? anchor : existing;
      const other = written === anchor ? existing : anchor;
      if (other.kind === 'paragraph') {
        duplicate(
          written,
          `Anchor '${written.id}' is also the number of paragraph ${written.id.slice(1)}; citations of it go to this ${written.kind}. Choose another id.`,
        );
      }
      anchorMap.set(anchor.id, written);
    }
  };

  for (const b of raw) {
    const index = blocks.length;
    // Fields set one by one, in this order, rather than spread in: a first parse runs this cold.
    const block: Block = { kind: b.kind, startLine: b.startLine, endLine: b.endLine, text: b.text };
    if (b.level !== undefined) block.level = b.level;
    if (b.pageStart !== undefined) block.pageStart = b.pageStart;
    if (b.pageEnd !== undefined) block.pageEnd = b.pageEnd;
    blocks.push(block);
    const where = lineRange(b.startLine, b.endLine);
    if (b.kind === 'heading') {
      const level = b.level ?? 1;
      const name = b.text.replace(/\s+/g, ' ').trim();
      // A heading with an id leaves its slug to the others (docs/choices.md: one name per anchor).
      const slug = b.explicitId === undefined ? slugger.slug(name) : '';
      if (b.explicitId !== undefined) {
        register({
          id: b.explicitId,
          kind: 'heading',
          name,
          level,
          ...idRangeIn(lines, b.startLine, b.endLine, '#', b.explicitId),
          range: where,
          firstBlock: index + 1,
          endBlock: index + 1,
        });
      } else if (slug) {
        register({ id: slug, kind: 'slug', name, level, range: where, firstBlock: index + 1, endBlock: index + 1 });
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
          ...idRangeIn(lines, b.startLine, last + 1, '^', b.explicitId),
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
  ownStrings(blocks, anchors, meta);
  return {
    uri,
    id: ownString(id ?? idFromFileName(fileName(uri))),
    format,
    encoding,
    meta,
    blocks,
    anchors,
    anchorMap,
    problems,
    lineCount: lines.count,
    fingerprint: fingerprint(text),
  };
}

/** `length:hash` of a text (FNV-1a, 32 bits): equal texts, equal fingerprints. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/** A source that could not be read at all: an empty document carrying the reason. */
export function unreadableSource(uri: string, reason: string): SourceDoc {
  return {
    uri,
    id: idFromFileName(fileName(uri)),
    format: isTextSource(uri) ? 'text' : 'markdown',
    encoding: 'unknown',
    meta: { authors: [], editors: [], translators: [] },
    blocks: [],
    anchors: [],
    anchorMap: new Map(),
    unreadable: true,
    fingerprint: '',
    problems: [{ code: 'unreadable-source', range: range(0, 0, 0, 0), message: `Cannot read this source: ${reason}. It is left out of the index.` }],
    lineCount: 1,
  };
}

/**
 * Gives every kept string its own characters (see ownString.ts): block texts, labels, ids and
 * front matter values are cut out of the file's text and would otherwise keep all of it alive.
 */
function ownStrings(blocks: Block[], anchors: Anchor[], meta: DocMeta): void {
  for (const b of blocks) b.text = ownString(b.text);
  // A block's label and its paragraph number's label are one string: copy it once.
  const copies = new Map<string, string>();
  const own = (s: string) => {
    let c = copies.get(s);
    if (c === undefined) copies.set(s, (c = ownString(s)));
    return c;
  };
  for (const a of anchors) {
    a.id = ownString(a.id);
    a.name = own(a.name);
  }
  meta.authors = meta.authors.map(ownString);
  meta.editors = meta.editors.map(ownString);
  meta.translators = meta.translators.map(ownString);
  for (const key of META_KEYS) {
    const value = meta[key];
    if (value !== undefined) meta[key] = ownString(value);
  }
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

/** A text's lines as {@link splitLines} gives them: how many, and each one's length and text. */
interface Lines {
  count: number;
  length(line: number): number | undefined;
  at(line: number): string | undefined;
}

/**
 * The lines of `text`. Without a `\r` in it (most sources), line starts found by `indexOf` stand for
 * the lines, and a line's text is cut only when asked (for a written id): no string per line.
 */
function linesOf(text: string): Lines {
  if (text.includes('\r')) {
    const lines = splitLines(text);
    return { count: lines.length, length: (line) => lines[line]?.length, at: (line) => lines[line] };
  }
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const end = (line: number) => (line + 1 < starts.length ? starts[line + 1]! - 1 : text.length);
  return {
    count: starts.length,
    length: (line) => (line < starts.length ? end(line) - starts[line]! : undefined),
    at: (line) => (line < starts.length ? text.slice(starts[line], end(line)) : undefined),
  };
}

/**
 * Where `id` is written after `sigil` (`#` or `^`) in lines [start, end), the last occurrence
 * first, its spelling allowed to escape punctuation (`{#my\_id}` is the id `my_id`). The range
 * excludes the sigil. Not found (the id came from elsewhere) → no range, and rename refuses.
 */
function idRangeIn(lines: Lines, start: number, end: number, sigil: string, id: string): { idRange?: Range } {
  for (let line = end - 1; line >= start; line--) {
    const text = lines.at(line) ?? '';
    // The last `#id` / `^id` on the line, as written: `my\_id` spells `my_id`.
    for (let at = text.lastIndexOf(sigil); at !== -1; at = at > 0 ? text.lastIndexOf(sigil, at - 1) : -1) {
      const stop = spelledAt(text, at + 1, id);
      if (stop !== -1 && !isIdCharAt(text, stop)) return { idRange: range(line, at + 1, line, stop) };
    }
  }
  return {};
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const ID_CHAR = /^[\p{L}\p{N}_.:-]$/u;

/**
 * Where `id` written at `from` ends, or -1 when it is not written there. A character other than a
 * letter or digit may be escaped with a backslash (Markdown escapes: `my\_id`). No regular
 * expression per id: compiling one per anchor took 10 s for a file of 10,000 anchors.
 */
function spelledAt(text: string, from: number, id: string): number {
  // As written, without escapes (an id holds no backslash, so this is the loop's answer too).
  if (text.startsWith(id, from)) return from + id.length;
  let i = from;
  for (const c of id) {
    if (text.charCodeAt(i) === 0x5c && !LETTER_OR_DIGIT.test(c) && text.startsWith(c, i + 1)) i++;
    if (!text.startsWith(c, i)) return -1;
    i += c.length;
  }
  return i;
}

function isIdCharAt(text: string, at: number): boolean {
  const cp = text.codePointAt(at);
  if (cp === undefined) return false;
  if (cp < 0x80) return ASCII_ID_CHAR[cp] === 1;
  return ID_CHAR.test(String.fromCodePoint(cp));
}

/** {@link ID_CHAR} for the ASCII characters, as a table (it is asked after every written id). */
const ASCII_ID_CHAR = Uint8Array.from({ length: 0x80 }, (_, c) => (ID_CHAR.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * The first words of a paragraph, for labels: about 40 characters, cut with `…`. Only the start of
 * a long paragraph is flattened: its first `max + 1` flattened characters decide the label.
 */
export function openingWords(text: string, max = 40): string {
  // The flattened text (blank runs as one space, trimmed), built only as far as the label needs:
  // `max + 1` characters tell whether it is longer than `max`, and the first `max` are all cutWords reads.
  let flat = '';
  let blank = false;
  for (let i = 0; i < text.length && flat.length <= max; ) {
    if (isBlank(text.charCodeAt(i))) {
      blank = flat.length > 0;
      i++;
      continue;
    }
    if (blank) flat += ' ';
    blank = false;
    let end = i + 1;
    const stop = Math.min(text.length, i + max + 1 - flat.length);
    while (end < stop && !isBlank(text.charCodeAt(end))) end++;
    flat += text.slice(i, end);
    i = end;
  }
  if (flat.length <= max) return flat;
  return cutWords(flat, max);
}

/**
 * What `\s` matches (and `trim` removes): the ASCII blanks, U+00A0, U+1680, U+2000–U+200A, the line
 * and paragraph separators, U+202F, U+205F, U+3000 and U+FEFF.
 */
function isBlank(c: number): boolean {
  if (c < 0xa0) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function cutWords(flat: string, max: number): string {
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function readMeta(data: Record<string, unknown>): DocMeta {
  const meta: DocMeta = {
    authors: names(data['authors'] ?? data['author']),
    editors: names(data['editors'] ?? data['editor']),
    translators: names(data['translators'] ?? data['translator']),
  };
  for (const key of META_KEYS) {
    const value = nonEmptyString(data[key]);
    if (value !== undefined) meta[key] = value;
  }
  const csl = data['csl'];
  if (csl && typeof csl === 'object' && !Array.isArray(csl)) meta.csl = csl as Record<string, unknown>;
  // `original: {file, sha256}` as `source-anchors import` writes it.
  const original = data['original'];
  if (original && typeof original === 'object' && !Array.isArray(original)) {
    const file = nonEmptyString((original as Record<string, unknown>)['file']);
    if (file) meta.original = file;
  }
  return meta;
}

const META_KEYS = [
  'title',
  'date',
  'publisher',
  'source',
  'language',
  'original',
  'url',
  'type',
  'container',
  'volume',
  'issue',
  'pages',
  'accessed',
  'place',
  'edition',
  'doi',
  'isbn',
  'library',
] as const;

/** A list of names from `authors: [a, b]` or `authors: a`. */
function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((a) => String(a).trim()).filter((a) => a);
  if (typeof value === 'string' && value.trim()) return [value.trim()];
  return [];
}

function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' || value instanceof Date) return String(value);
  return undefined;
}

export { paragraphNumber };
