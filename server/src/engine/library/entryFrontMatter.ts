/**
 * A library entry (a CSL-JSON item) as a corpus document's front matter: our keys where we have
 * them, every other field under `csl:`, and `library:` naming the library it came from.
 *
 *     { title: 'Trading for <span class="nocase">Development</span>',   ---
 *       author: [{ family: 'World Bank' }],                             id: "wb2020"
 *       editor: [{ family: 'Müller', given: 'Jörg' }],                  title: "Trading for Development"
 *       issued: { 'date-parts': [[2020]] }, page: '47-66',       →      authors:
 *       type: 'book', 'number-of-pages': '300' }                          - "{World Bank}"
 *                                                                       editors:
 *                                                                         - "Müller, Jörg"
 *                                                                       type: "book"
 *                                                                       date: "2020"
 *                                                                       pages: "47–66"
 *                                                                       csl:
 *                                                                         title: "Trading for <span …"
 *                                                                         number-of-pages: "300"
 *                                                                       library: "library.bib"
 *
 * Names are written as the library has them: `Family, Given` (`Smith, Jr., Adam` with a suffix),
 * a name without a given name in braces (`{World Bank}`, one corporate name), a CJK name whole
 * (`钱雪梅` from `family: 钱, given: 雪梅`). A role whose names would not read back the same
 * (`de la Cruz` with its particle) is written under `csl:` too, which citation styles read first.
 * A title with markup (`<i>`, `<span class="nocase">`) is written plain, the marked-up one under
 * `csl:`. Page ranges use an en dash (`47–66`). Every string is a JSON string, which YAML reads
 * as it is.
 */
import { cslName, type CslName } from '../biblio/cslItem.js';

/** The front matter keys a library import writes, and a re-import replaces (see `libraryDoc.ts`). */
export const LIBRARY_KEYS = [
  'title',
  'authors',
  'editors',
  'translators',
  'type',
  'date',
  'container',
  'volume',
  'issue',
  'pages',
  'edition',
  'publisher',
  'place',
  'doi',
  'isbn',
  'url',
  'accessed',
  'language',
  'csl',
  'library',
] as const;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Our string keys and the CSL field each comes from. */
const STRING_FIELDS: [key: string, field: string][] = [
  ['container', 'container-title'],
  ['volume', 'volume'],
  ['issue', 'issue'],
  ['edition', 'edition'],
  ['publisher', 'publisher'],
  ['place', 'publisher-place'],
  ['doi', 'DOI'],
  ['isbn', 'ISBN'],
  ['url', 'URL'],
];

const ROLES: [key: string, field: string][] = [
  ['authors', 'author'],
  ['editors', 'editor'],
  ['translators', 'translator'],
];

/**
 * The front matter lines (without the `---` around them) for entry `item` of `library`, id `key`.
 * `original`, when given, is the attachment the body was imported from.
 */
export function entryFrontMatter(
  key: string,
  item: Readonly<Record<string, unknown>>,
  library: string,
  original?: { file: string; sha256: string },
): string[] {
  const q = (s: string) => JSON.stringify(s);
  const rest: Record<string, unknown> = { ...item };
  const lines = [`id: ${q(key)}`];
  const take = (field: string) => {
    const v = rest[field];
    delete rest[field];
    return v;
  };
  const title = take('title');
  if (typeof title === 'string' && title.trim()) {
    const plain = withoutMarkup(title);
    lines.push(`title: ${q(plain)}`);
    if (plain !== title.trim()) rest['title'] = title;
  }
  for (const [k, field] of ROLES) {
    const names = take(field);
    if (!Array.isArray(names) || !names.length) continue;
    const written = names.map((n) => writtenName(n as CslName & Record<string, unknown>));
    if (written.some((w) => !w)) {
      rest[field] = names;
      continue;
    }
    lines.push(`${k}:`, ...written.map((w) => `  - ${q(w!)}`));
    if (!names.every((n, i) => readsBack(written[i]!, n as CslName))) rest[field] = names;
  }
  if (!lines.some((l) => l.startsWith('authors:'))) lines.push('authors: []');
  const type = take('type');
  if (typeof type === 'string' && type) lines.push(`type: ${q(type)}`);
  const date = writtenDate(item['issued']);
  if (date) {
    lines.push(`date: ${q(date)}`);
    delete rest['issued'];
  }
  for (const [k, field] of STRING_FIELDS) {
    const v = take(field);
    if (typeof v === 'string' || typeof v === 'number') {
      const s = withoutMarkup(String(v));
      if (s) lines.push(`${k}: ${q(s)}`);
      if (typeof v === 'string' && s !== v.trim()) rest[field] = v;
    } else if (v !== undefined) rest[field] = v;
    if (k === 'issue') {
      const page = take('page');
      if (typeof page === 'string' || typeof page === 'number')
        lines.push(`pages: ${q(pageRange(String(page)))}`);
    }
  }
  const accessed = writtenDate(item['accessed']);
  if (accessed) {
    lines.push(`accessed: ${q(accessed)}`);
    delete rest['accessed'];
  }
  const language = take('language');
  if (typeof language === 'string' && language.trim()) lines.push(`language: ${q(languageTag(language))}`);
  const csl = Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (csl.length) lines.push('csl:', ...csl.map(([k, v]) => `  ${q(k)}: ${JSON.stringify(v)}`));
  lines.push(`library: ${q(library)}`);
  if (original) lines.push('original:', `  file: ${q(original.file)}`, `  sha256: ${q(original.sha256)}`);
  return lines;
}

/** A CSL name as the front matter writes it, or undefined when it has no name in it. */
export function writtenName(n: CslName & Record<string, unknown>): string | undefined {
  const s = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const literal = s(n.literal);
  const family = [s(n['non-dropping-particle']), s(n.family)].filter(Boolean).join(' ');
  const given = [s(n.given), s(n['dropping-particle'])].filter(Boolean).join(' ');
  if (literal) return CJK.test(literal) ? literal : `{${literal}}`;
  if (!family) return given || undefined;
  if (!given) return CJK.test(family) ? family : `{${family}}`;
  if (CJK.test(family) || CJK.test(given)) return `${family}${given}`;
  return [family, s(n.suffix), given].filter(Boolean).join(', ');
}

/** True when `written` reads back (through `cslName`) as the library's name. */
function readsBack(written: string, n: CslName): boolean {
  const back = cslName(written);
  if (back.literal !== undefined)
    return CJK.test(written) || (!n.given && (n.literal ?? n.family) === back.literal);
  const r = n as Record<string, unknown>;
  if (r['non-dropping-particle'] || r['dropping-particle']) return false;
  return back.family === n.family && back.given === n.given && (back.suffix ?? '') === (n.suffix ?? '');
}

/** `{ 'date-parts': [[2022, 3, 1]] }` → `2022-03-01`; a range, a season or a circa date → undefined (kept under `csl:`). */
export function writtenDate(d: unknown): string | undefined {
  if (!d || typeof d !== 'object') return undefined;
  const date = d as {
    'date-parts'?: unknown;
    literal?: unknown;
    raw?: unknown;
    season?: unknown;
    circa?: unknown;
  };
  if (date.season !== undefined || date.circa !== undefined) return undefined;
  const parts = date['date-parts'];
  if (Array.isArray(parts) && parts.length === 1 && Array.isArray(parts[0]) && parts[0].length) {
    const [y, m, day] = (parts[0] as unknown[]).map(Number);
    if (!Number.isInteger(y)) return undefined;
    const pad = (n: number) => String(n).padStart(2, '0');
    return [String(y), ...(m ? [pad(m)] : []), ...(m && day ? [pad(day)] : [])].join('-');
  }
  if (parts === undefined && typeof date.literal === 'string' && date.literal.trim())
    return date.literal.trim();
  if (parts === undefined && typeof date.raw === 'string' && date.raw.trim()) return date.raw.trim();
  return undefined;
}

/** `47--66`, `47-66`, `47 - 66` → `47–66`. */
function pageRange(page: string): string {
  return page
    .split(/-+/)
    .map((p) => p.trim())
    .join('–');
}

/** CSL's rich-text markup removed: `<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`. */
function withoutMarkup(s: string): string {
  return s.replace(/<\/?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>/g, '').trim();
}

/**
 * BibLaTeX's language names (`langid = {chinese}`) as the language tags front matter uses;
 * a tag (`zh-CN`, `en`) is kept as it is.
 */
const LANGUAGES: Record<string, string> = {
  chinese: 'zh-Hans',
  schinese: 'zh-Hans',
  pinyin: 'zh-Hans',
  tchinese: 'zh-Hant',
  english: 'en',
  american: 'en-US',
  british: 'en-GB',
  german: 'de',
  ngerman: 'de',
  french: 'fr',
  japanese: 'ja',
  korean: 'ko',
  russian: 'ru',
  spanish: 'es',
  italian: 'it',
};

export function languageTag(language: string): string {
  const l = language.trim();
  return LANGUAGES[l.toLowerCase()] ?? l;
}
