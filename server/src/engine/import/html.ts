/**
 * Web pages as a browser saves them (`.html`): the article is found by Mozilla's Readability (the
 * Firefox reader view) over a `linkedom` DOM, and converted to Markdown by `turndown`. Nothing is
 * fetched: linkedom loads no images, scripts, styles or frames, and images are left out of the
 * Markdown (counted as dropped). Navigation, ads and comments are what Readability leaves out.
 *
 * Metadata from the page's `<meta>`: title (`citation_title`, `og:title`, else `<title>`),
 * authors (`citation_author`, `author`, `article:author` unless it is a link), date
 * (`article:published_time`, `citation_publication_date`, `date`: the day, `2025-11-14`),
 * container (`og:site_name`, `citation_journal_title`), url (`<link rel="canonical">`, `og:url`),
 * language (`<html lang>`, else guessed from the text).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { type ImportedDoc, type ImportMeta, type ImportOutcome } from './importedDoc.js';
import { htmlToMarkdown } from './htmlToMarkdown.js';
import { guessLanguage } from './plainText.js';

/** Readability's article must hold at least this many characters of text to be an article. */
const MIN_ARTICLE_CHARS = 200;

export function importHtml(html: string, fileName: string): ImportOutcome {
  const { document } = parseHTML(html);
  const meta = pageMeta(document);
  for (const el of document.querySelectorAll('script, style, noscript, iframe, object, embed, template'))
    el.remove();
  const pageText = (document.body?.textContent ?? '').replace(/\s+/g, '');
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: MIN_ARTICLE_CHARS,
  }).parse();
  const text = article?.textContent?.trim() ?? '';
  if (!article?.content || text.length < MIN_ARTICLE_CHARS)
    return {
      ok: false,
      message: `no article in '${fileName}': the page has no main text of ${MIN_ARTICLE_CHARS} characters or more (an index, a login page or a page that builds its text with scripts?)`,
    };
  const doc: ImportedDoc = { meta: { ...meta, authors: meta.authors }, blocks: [], dropped: new Map() };
  const markdown = htmlToMarkdown(article.content, doc);
  const outside = pageText.length - text.replace(/\s+/g, '').length;
  if (outside > 0) doc.dropped.set('page-chrome', { count: outside, example: '' });
  doc.meta.title ??= article.title?.trim() || undefined;
  if (!doc.meta.authors.length && article.byline?.trim()) doc.meta.authors = [article.byline.trim()];
  doc.meta.language ??= guessLanguage(text.slice(0, 20_000));
  if (doc.meta.title) doc.blocks.push({ kind: 'heading', level: 1, text: escapeHeading(doc.meta.title) });
  for (const block of markdown.split(/\n{2,}/)) {
    const b = block.trim();
    if (!b) continue;
    // Readability keeps the page's own title heading in some pages: once is enough.
    if (
      doc.meta.title &&
      /^#{1,2} /.test(b) &&
      b.replace(/^#{1,2} /, '').trim() === escapeHeading(doc.meta.title)
    )
      continue;
    doc.blocks.push({ kind: 'markdown', text: b });
  }
  if (doc.meta.title === undefined) delete doc.meta.title;
  if (doc.meta.language === undefined) delete doc.meta.language;
  return { ok: true, doc };
}

interface MetaSource {
  querySelector(
    selector: string,
  ): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
}

function pageMeta(document: MetaSource): ImportMeta {
  const content = (...selectors: string[]) => {
    for (const s of selectors) {
      const v = document.querySelector(s)?.getAttribute('content')?.trim();
      if (v) return v;
    }
    return undefined;
  };
  const all = (selector: string) =>
    [...document.querySelectorAll(selector)]
      .map((e) => e.getAttribute('content')?.trim() ?? '')
      .filter((v) => v);
  const meta: ImportMeta = { authors: [] };
  const title =
    content('meta[name="citation_title"]', 'meta[property="og:title"]') ??
    document.querySelector('title')?.textContent?.trim();
  if (title) meta.title = title;
  const authors = all('meta[name="citation_author"]');
  if (!authors.length) authors.push(...all('meta[name="author"]'), ...all('meta[property="article:author"]'));
  meta.authors = [...new Set(authors.filter((a) => !/^https?:\/\//.test(a)))];
  const date = content(
    'meta[property="article:published_time"]',
    'meta[name="citation_publication_date"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
  );
  if (date) meta.date = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(date.replace(/\//g, '-'))?.[0] ?? date;
  const container = content('meta[property="og:site_name"]', 'meta[name="citation_journal_title"]');
  if (container) meta.container = container;
  const url =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ??
    content('meta[property="og:url"]');
  if (url && /^https?:\/\//.test(url)) meta.url = url;
  const lang = document.querySelector('html')?.getAttribute('lang')?.trim();
  if (lang) meta.language = lang;
  return meta;
}

function escapeHeading(title: string): string {
  return title.replace(/\s+/g, ' ').replace(/[\\`*_[\]<^{}]/g, (c) => `\\${c}`);
}
