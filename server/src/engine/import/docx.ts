/**
 * Word files (`.docx`): `mammoth` (in `node/docxHtml.ts`) turns the document's styles into HTML —
 * headings, paragraphs, lists, tables, emphasis, links — and this turns that HTML into Markdown,
 * with Word's footnotes and endnotes as Markdown footnotes:
 *
 *     mammoth:  …基础。<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>但是…
 *               <ol><li id="footnote-1"><p>申玉辉：… <a href="#footnote-ref-1">↑</a></p></li></ol>
 *     Markdown: …基础。[^1]但是…            [^1]: 申玉辉：…
 *
 * Endnotes are labelled `e1`, `e2`, …. The title and author come from the file's properties
 * (`docProps/core.xml`: `dc:title`, `dc:creator`), else the title is the first level-1 heading.
 */
import { parseHTML } from 'linkedom';
import { strFromU8, unzipSync } from 'fflate';
import { type ImportedDoc, type ImportOutcome } from './importedDoc.js';
import { makeTurndown } from './htmlToMarkdown.js';
import { guessLanguage } from './plainText.js';

interface El {
  id: string;
  textContent: string | null;
  innerHTML: string;
  parentNode: El | null;
  tagName: string;
  remove(): void;
  querySelectorAll(selector: string): Iterable<El>;
  getAttribute(name: string): string | null;
}

const NOTE_ID = /^(footnote|endnote)-(\d+)$/;
const NOTE_REF_ID = /^(footnote|endnote)-ref-(\d+)$/;

export function importDocxHtml(html: string, coreXml: string | undefined, fileName: string): ImportOutcome {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const body = document.body as unknown as El;
  const doc: ImportedDoc = { meta: { authors: [] }, blocks: [], dropped: new Map() };
  const turndown = makeTurndown(doc);
  const label = (kind: string, n: string) => (kind === 'endnote' ? `e${n}` : n);

  turndown.addRule('noteReference', {
    filter: (node) =>
      node.nodeName === 'SUP' && NOTE_REF_ID.test((node.firstChild as unknown as El | null)?.id ?? ''),
    replacement: (_c, node) => {
      const m = NOTE_REF_ID.exec((node.firstChild as unknown as El).id)!;
      return `[^${label(m[1]!, m[2]!)}]`;
    },
  });
  const notes: string[] = [];
  for (const li of [...body.querySelectorAll('li')]) {
    const m = NOTE_ID.exec(li.id);
    if (!m) continue;
    for (const back of li.querySelectorAll('a'))
      if (NOTE_REF_ID.test((back.getAttribute('href') ?? '').slice(1))) back.remove();
    const text = turndown
      .turndown(li.innerHTML)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l)
      .join(' ');
    notes.push(`[^${label(m[1]!, m[2]!)}]: ${text}`);
    const list = li.parentNode;
    li.remove();
    if (list && list.tagName === 'OL' && !list.textContent?.trim()) list.remove();
  }
  const markdown = turndown.turndown(body.innerHTML);
  for (const block of markdown.split(/\n{2,}/))
    if (block.trim()) doc.blocks.push({ kind: 'markdown', text: block.trim() });
  for (const note of notes) doc.blocks.push({ kind: 'markdown', text: note });
  if (!doc.blocks.length)
    return { ok: false, message: `'${fileName}' has no text to import (an empty document?)` };

  const core = coreProperties(coreXml);
  const firstH1 = /^# (.+)$/m.exec(markdown)?.[1]?.trim();
  const title = core.title ?? firstH1;
  if (title) doc.meta.title = title;
  if (core.creator) doc.meta.authors = [core.creator];
  const language = guessLanguage((body.textContent ?? '').slice(0, 20_000));
  if (language) doc.meta.language = language;
  return { ok: true, doc };
}

/** `dc:title` and `dc:creator` from `docProps/core.xml`. */
function coreProperties(xml: string | undefined): { title?: string; creator?: string } {
  if (!xml) return {};
  const field = (tag: string) => {
    const start = xml.indexOf(`<${tag}`);
    if (start === -1) return undefined;
    const open = xml.indexOf('>', start);
    const close = xml.indexOf(`</${tag}>`, open);
    if (open === -1 || close === -1 || xml[open - 1] === '/') return undefined;
    const value = decodeXml(xml.slice(open + 1, close)).trim();
    return value || undefined;
  };
  const out: { title?: string; creator?: string } = {};
  const title = field('dc:title');
  const creator = field('dc:creator');
  if (title) out.title = title;
  if (creator) out.creator = creator;
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** `docProps/core.xml` of a docx, if it has one. */
export function docxCoreXml(bytes: Uint8Array): string | undefined {
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === 'docProps/core.xml' });
    const core = files['docProps/core.xml'];
    return core ? strFromU8(core) : undefined;
  } catch {
    return undefined;
  }
}
