/**
 * The built-in citation styles, by their CSL repository ids and short aliases, and how a paper's
 * locale is chosen.
 */
import type { CorpusIndex } from '../index/corpusIndex.js';

export interface BuiltinStyle {
  /** The CSL repository's id: `china-national-standard-gb-t-7714-2015-note`. */
  id: string;
  alias: string;
  /** The file shipped in `dist/csl/`. */
  file: string;
  description: string;
}

export const BUILTIN_STYLES: readonly BuiltinStyle[] = [
  {
    id: 'china-national-standard-gb-t-7714-2015-note',
    alias: 'gb-note',
    file: 'china-national-standard-gb-t-7714-2015-note.csl',
    description: 'GB/T 7714-2015, footnotes (顺序编码制脚注)',
  },
  {
    id: 'china-national-standard-gb-t-7714-2015-author-date',
    alias: 'gb-author-date',
    file: 'china-national-standard-gb-t-7714-2015-author-date.csl',
    description: 'GB/T 7714-2015, author-date (著者-出版年制)',
  },
  {
    id: 'chicago-note-bibliography',
    alias: 'chicago',
    file: 'chicago-note-bibliography.csl',
    description: 'Chicago Manual of Style 17th edition, notes and bibliography',
  },
  { id: 'apa', alias: 'apa', file: 'apa.csl', description: 'APA 7th edition, author-date' },
];

export const DEFAULT_STYLE = 'gb-note';

/** A built-in style by id or alias (`gb-note`), or undefined: then the name is a path to a .csl file. */
export function builtinStyle(name: string): BuiltinStyle | undefined {
  const n = name.trim().toLowerCase();
  return BUILTIN_STYLES.find((s) => s.id === n || s.alias === n);
}

export const LOCALES = ['zh-CN', 'zh-TW', 'en-US'] as const;

/** A language tag as a CSL locale: `zh-Hans` → `zh-CN`, `zh-Hant` → `zh-TW`, `en` → `en-US`. */
export function cslLocale(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const t = tag.trim().toLowerCase();
  if (/^zh-(hant|tw|hk|mo)/.test(t)) return 'zh-TW';
  if (/^zh/.test(t)) return 'zh-CN';
  if (/^en/.test(t)) return 'en-US';
  return /^[a-z]{2}-[A-Z]{2}$/.test(tag.trim()) ? tag.trim() : undefined;
}

/**
 * The paper's locale: the one asked for, else the draft's front matter `lang`, else the language
 * most sources are in (see {@link corpusLocale}).
 */
export function chooseLocale(
  asked: string | undefined,
  draftLang: string | undefined,
  index: CorpusIndex,
): string {
  return cslLocale(asked) ?? cslLocale(draftLang) ?? corpusLocale(index);
}

const corpusLocales = new WeakMap<CorpusIndex, { version: number; locale: string }>();

/**
 * The language most sources are in, as a locale, else `zh-CN`; Traditional-script sources count
 * as Chinese. It walks every source, so it is counted once per version of the index.
 */
export function corpusLocale(index: CorpusIndex): string {
  const known = corpusLocales.get(index);
  if (known?.version === index.version) return known.locale;
  const counts = new Map<string, number>();
  for (const s of index.docs()) {
    const l = cslLocale(s.meta.language);
    if (!l) continue;
    const key = l === 'zh-TW' ? 'zh-CN' : l;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [l, n] of counts) if (!best || n > counts.get(best)!) best = l;
  const locale = best ?? 'zh-CN';
  corpusLocales.set(index, { version: index.version, locale });
  return locale;
}

/** The bibliography's heading in a locale: `参考文献`, `參考文獻` or `References`. */
export function bibliographyHeading(locale: string): string {
  if (locale === 'zh-TW') return '參考文獻';
  if (locale.startsWith('zh')) return '参考文献';
  return 'References';
}
