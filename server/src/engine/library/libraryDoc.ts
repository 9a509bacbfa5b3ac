/**
 * A library entry's corpus document, and the re-import rule for its front matter.
 *
 * New: the entry's front matter (`entryFrontMatter.ts`), then the attachment's text as the
 * importers convert it, or no body at all (a metadata-only document: citable as a whole, with
 * pages, but with no text to verify quotes against).
 *
 * Re-import rule: the keys a library writes ({@link LIBRARY_KEYS}: title, names, date, container,
 * volume, issue, pages, publisher, place, edition, DOI, ISBN, URL, accessed, language, type, `csl`,
 * `library`) are the library's — replaced by its current values, and removed when it no longer
 * has them. Every other key (a writer's own `note:`, `short:`, `tags:`, and `original`) and the
 * whole body (anchors, `{#id}`s, `^id`s) are kept. Correct a title in the reference manager, not
 * in the front matter, or it is overwritten by the next import.
 *
 * Example: old `id, title: "Old", tags: [war], original: {…}` and a library whose title is now
 * "New" → `id, title: "New", …, library, tags: [war], original: {…}`.
 */
import { parseFrontMatter } from '../corpus/frontMatter.js';
import { splitLines } from '../text/positions.js';
import { LIBRARY_KEYS } from './entryFrontMatter.js';

/** A whole document: `frontMatter` lines between `---` lines, then `body` (Markdown, may be empty). */
export function libraryDocument(frontMatter: readonly string[], body: string): string {
  const head = `---\n${frontMatter.join('\n')}\n---\n`;
  const text = body.trim();
  return text ? `${head}\n${text}\n` : head;
}

/** The body of a converted or existing document: the text after its front matter. */
export function bodyOf(text: string): string {
  return text.slice(parseFrontMatter(text).bodyStartOffset);
}

/**
 * `oldText` with its front matter's library keys (and `id`) replaced by `frontMatter` (which must
 * not hold `original`): the writer's own keys and `original` follow them, the body is kept as it is.
 */
export function withLibraryFrontMatter(oldText: string, frontMatter: readonly string[]): string {
  const fm = parseFrontMatter(oldText);
  if (!fm.bodyStartOffset) return libraryDocument(frontMatter, oldText);
  const head = splitLines(oldText.slice(0, fm.bodyStartOffset).replace(/(?:\r\n|\r|\n)$/, ''));
  head.pop();
  head.shift();
  const replaced = new Set<string>(['id', ...LIBRARY_KEYS]);
  const kept: string[] = [];
  let dropping = false;
  for (const line of head) {
    const key = /^([^\s#:][^:]*):(?:\s|$)/
      .exec(line)?.[1]
      ?.trim()
      .replace(/^["']|["']$/g, '');
    if (key !== undefined) dropping = replaced.has(key);
    else if (!/^(?:[ \t-]|$)/.test(line)) dropping = false;
    if (!dropping) kept.push(line);
  }
  return `---\n${[...frontMatter, ...kept].join('\n')}\n---\n${oldText.slice(fm.bodyStartOffset)}`;
}
