/**
 * A source's front matter as a CSL-JSON item — the data model of every citation processor and of
 * Zotero. What the front matter does not say stays absent, so the style renders it as missing
 * (never invented).
 *
 *     title: 美塔协议签署后的美阿塔三方内部博弈          { id: '002', type: 'article-journal',
 *     authors: [兰江, 杨秀琴]                      →     title: '美塔协议…', author: [{ literal: '兰江' }, …],
 *     type: article-journal                              page: '47-66', language: 'zh-Hans' }
 *     pages: 47-66
 *
 * Names: a CJK name stays whole (`兰江` → `{ literal: '兰江' }`; a style must not print "Jiang,
 * Lan"); `丽贝卡·利斯纳 (Rebecca Lissner)` is printed as `丽贝卡·利斯纳`; `Family, Given` and
 * `Given Family` are split for Latin names. Raw CSL fields under `csl:` win over all of this.
 */
import type { DocMeta, SourceDoc } from '../corpus/sourceDoc.js';

export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}

export interface CslDate {
  'date-parts'?: number[][];
  literal?: string;
}

/** The CSL-JSON fields we write; `csl:` may add any other. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  'container-title'?: string;
  publisher?: string;
  source?: string;
  volume?: string;
  issue?: string;
  page?: string;
  URL?: string;
  language?: string;
  [field: string]: unknown;
}

export const CSL_TYPES = [
  'article-journal',
  'article-newspaper',
  'article-magazine',
  'webpage',
  'post-weblog',
  'report',
  'book',
  'chapter',
  'thesis',
  'document',
] as const;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A name as a writer reads it: `{World Bank}` → `World Bank`; any other as written. */
export function nameAsShown(written: string): string {
  const braced = /^\s*\{([^{}]+)\}\s*$/.exec(written);
  return braced ? braced[1]!.trim() : written;
}

/** One name as written → a CSL name. */
export function cslName(written: string): CslName {
  const name = written.trim();
  const braced = /^\{([^{}]+)\}$/.exec(name);
  if (braced) return { literal: braced[1]!.trim() };
  if (CJK.test(name) || /[·・]/.test(name)) {
    // `丽贝卡·利斯纳 (Rebecca Lissner)`: the name as the source prints it, without its gloss.
    const gloss = /^(.*?\S)\s*[（(][^（()）]*[)）]$/.exec(name);
    return { literal: gloss && CJK.test(gloss[1]!) ? gloss[1]! : name };
  }
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length === 3 && parts.every((p) => p))
    return { family: parts[0]!, suffix: parts[1]!, given: parts[2]! };
  const comma = name.indexOf(',');
  if (comma > 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  const space = name.lastIndexOf(' ');
  if (space > 0) return { family: name.slice(space + 1), given: name.slice(0, space).trim() };
  return { literal: name };
}

/**
 * A date as a writer writes it: `2021-08-15`, `2025-11`, `2025`, `2025年11月14日`, `2025/11/14`.
 * Anything else is kept as a literal.
 */
export function cslDate(written: string): CslDate {
  const m = /^(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?$/.exec(written.trim());
  if (!m) return { literal: written.trim() };
  const parts = [Number(m[1])];
  if (m[2]) parts.push(Number(m[2]));
  if (m[3]) parts.push(Number(m[3]));
  return { 'date-parts': [parts] };
}

/** The item type when the front matter names none: by what is present. */
export function defaultType(meta: DocMeta): string {
  if (meta.volume || meta.issue) return 'article-journal';
  if (meta.container) return meta.url ? 'webpage' : 'article-journal';
  if (meta.url) return 'webpage';
  if (meta.publisher) return 'book';
  return 'document';
}

export function toCslItem(doc: SourceDoc): CslItem {
  const m = doc.meta;
  const item: CslItem = { id: doc.id, type: m.type ?? defaultType(m) };
  if (m.title) item.title = m.title;
  if (m.authors.length) item.author = m.authors.map(cslName);
  if (m.editors.length) item.editor = m.editors.map(cslName);
  if (m.translators.length) item.translator = m.translators.map(cslName);
  if (m.date) item.issued = cslDate(m.date);
  if (m.accessed) item.accessed = cslDate(m.accessed);
  if (m.container) item['container-title'] = m.container;
  if (m.publisher) item.publisher = m.publisher;
  if (m.place) item['publisher-place'] = m.place;
  if (m.edition) item.edition = m.edition;
  if (m.doi) item.DOI = m.doi;
  if (m.isbn) item.ISBN = m.isbn;
  if (m.volume) item.volume = m.volume;
  if (m.issue) item.issue = m.issue;
  if (m.pages) item.page = m.pages;
  if (m.url) item.URL = m.url;
  if (m.language) item.language = cslLanguage(m.language);
  if (m.csl) Object.assign(item, rawCsl(m.csl));
  item.id = doc.id;
  return item;
}

/**
 * Raw CSL fields from YAML (read with every scalar a string): date parts and numbers become
 * numbers again, `author: [{family, given}]` is kept.
 */
function rawCsl(csl: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(csl)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && 'date-parts' in value) {
      const parts = (value as { 'date-parts': unknown })['date-parts'];
      out[key] = Array.isArray(parts)
        ? { 'date-parts': parts.map((p) => (Array.isArray(p) ? p.map(Number) : [Number(p)])) }
        : value;
    } else out[key] = value;
  }
  return out;
}

/** `zh-Hans` → `zh-CN`, `zh-Hant` → `zh-TW`: the language tags CSL styles test. */
function cslLanguage(tag: string): string {
  const t = tag.toLowerCase();
  if (/^zh-(hant|tw|hk|mo)/.test(t)) return 'zh-TW';
  if (/^zh/.test(t)) return 'zh-CN';
  return tag;
}
