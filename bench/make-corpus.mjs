#!/usr/bin/env node
/**
 * Makes a deterministic synthetic corpus for the search benchmark out of the real sources in corpus/*.md
 * (Chinese; 004 is Traditional) and, for the English share, the prose of README.md, ARCHITECTURE.md and
 * docs/*.md (in name order; the README's manual moved there).
 *
 * Each document picks a language (≈70 % zh-Hans, 20 % zh-Hant, 10 % en), then draws paragraphs of that
 * language and changes them: sentences rotated, sentences of other paragraphs appended or cut off to a
 * length of 100–2,000 characters, and 2–8 % of the Han characters (English: words) replaced by others drawn
 * with the sources' frequencies — so the documents differ and the vocabulary grows as a real corpus's does.
 * A few `## headings {#id}` and ` ^anchors` are sprinkled in. Same options, same bytes.
 *
 *   node bench/make-corpus.mjs [--docs 1000] [--out /tmp/sa-bench-corpus] [--seed 1] [--avg-bytes 18600]
 *                             [--mutation 0.05]
 *
 * As a module: makeCorpus({ docs }) returns the documents in memory; writeCorpus(dir, docs) writes them.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, repoDir, rng, splitBlocks } from './lib.mjs';

const HAN = /\p{Script=Han}/u;

/**
 * @typedef {object} CorpusOptions
 * @property {number} [docs] number of documents (default 1000)
 * @property {number} [seed] (default 1)
 * @property {number} [avgBytes] mean UTF-8 size of a document's paragraphs (default 18,600: with headings and
 *   front matter, 1,000 documents ≈ 20 MB)
 * @property {number} [mutation] mean share of Han characters / words replaced (default 0.05)
 * @property {string} [sourcesDir] folder of the real Chinese sources (default corpus/ of the repository)
 * @property {string} [blockPrefix] block ids are written ` ^<prefix><n>` (default 'p', which equals the
 *   paragraph's own number; 'b' gives ids of their own)
 * @property {SectionsLayout} [sections] the second shape (issue 17): every document exactly
 *   `count` sections of `paragraphs` paragraphs, front matter with `authors` and `date`, and a block id
 *   ` ^bN` on each section's first paragraph; `avgBytes` is then ignored
 */

/**
 * The regular layout of the second corpus shape. With the defaults a document is ≈ 7.4 KB:
 *
 *   ---\nid: "0042"\ntitle: "…"\nauthors: ["…", "…"]\ndate: "2019-03-07"\nlanguage: zh-Hans\n---
 *   ## heading {#s1}      then 5 paragraphs, the first ending in ` ^b1`; … up to {#s6} and ` ^b6`
 *
 * @typedef {object} SectionsLayout
 * @property {number} count sections per document (6)
 * @property {number} paragraphs paragraphs per section (5)
 * @property {number} minChars shortest paragraph, in characters (50)
 * @property {number} spreadChars a paragraph is `minChars + spreadChars × r²` characters long (200)
 */

/**
 * @typedef {object} CorpusDoc
 * @property {string} id e.g. "0042"
 * @property {string} name file name, e.g. "0042.md"
 * @property {'zh-Hans' | 'zh-Hant' | 'en'} lang
 * @property {string} text the whole Markdown file
 */

/** Reads the real sources into paragraph and heading pools per language. */
function readPools(sourcesDir) {
  /** @type {Record<string, { paragraphs: string[], headings: string[], units: string[] }>} */
  const pools = {
    'zh-Hans': { paragraphs: [], headings: [], units: [] },
    'zh-Hant': { paragraphs: [], headings: [], units: [] },
    en: { paragraphs: [], headings: [], units: [] },
  };
  const files = readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  for (const file of files) {
    const text = readFileSync(path.join(sourcesDir, file), 'utf8');
    const lang = /^language:\s*"?zh-Hant/m.test(text) ? 'zh-Hant' : 'zh-Hans';
    pools[lang].paragraphs.push(...splitBlocks(text).filter((p) => p.length >= 20));
    for (const m of text.matchAll(/^#{1,3}\s+(.+?)(?:\s*\{#[^}]*\})?\s*$/gm)) pools[lang].headings.push(m[1]);
    const title = /^title:\s*"(.+)"\s*$/m.exec(text);
    if (title) pools[lang].headings.push(title[1]);
  }
  const docs = readdirSync(path.join(repoDir, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  for (const file of ['README.md', 'ARCHITECTURE.md', ...docs]) {
    let text;
    try {
      text = readFileSync(path.join(repoDir, file), 'utf8');
    } catch {
      continue;
    }
    // Not the benchmark's own table, which changes with every run.
    text = text.replace(
      /```[\s\S]*?```|<!-- bench:scale[\w-]*:start -->[\s\S]*?<!-- bench:scale[\w-]*:end -->/g,
      '',
    );
    for (const m of text.matchAll(/^#{1,3}\s+(.+)$/gm)) pools.en.headings.push(m[1]);
    for (const chunk of text.split(/\n\s*\n/)) {
      const para = chunk
        .split('\n')
        .map((l) => l.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').trim())
        .join(' ')
        .trim();
      if (para.length >= 60 && !para.startsWith('#') && !para.startsWith('|')) pools.en.paragraphs.push(para);
    }
  }
  // Replacement units, with their frequencies: Han characters per script, words for English.
  for (const lang of ['zh-Hans', 'zh-Hant']) {
    for (const p of pools[lang].paragraphs) for (const ch of p) if (HAN.test(ch)) pools[lang].units.push(ch);
  }
  for (const p of pools.en.paragraphs) pools.en.units.push(...(p.match(/[A-Za-z]{3,}/g) ?? []));
  if (pools.en.paragraphs.length === 0) pools.en = pools['zh-Hans'];
  return pools;
}

/** @param {string} text @param {string} lang */
function sentences(text, lang) {
  const parts = lang === 'en' ? text.split(/(?<=[.!?])\s+/) : text.split(/(?<=[。！？；!?])/);
  return parts.filter((s) => s.trim() !== '');
}

/**
 * Generates the documents in memory.
 * @param {CorpusOptions} [options]
 * @returns {CorpusDoc[]}
 */
export function makeCorpus(options = {}) {
  const {
    docs = 1000,
    seed = 1,
    avgBytes = 18600,
    mutation = 0.05,
    sourcesDir = path.join(repoDir, 'corpus'),
    blockPrefix = 'p',
    sections,
  } = options;
  const pools = readPools(sourcesDir);
  const width = Math.max(4, String(docs - 1).length);
  /** @type {CorpusDoc[]} */
  const out = [];
  for (let n = 0; n < docs; n++) {
    const rand = rng(seed * 1000003 + n * 7919);
    /** @param {number} k */
    const int = (k) => Math.floor(rand() * k);
    /** @template T @param {T[]} arr @returns {T} */
    const pick = (arr) => arr[int(arr.length)];
    const r = rand();
    /** @type {'zh-Hans' | 'zh-Hant' | 'en'} */
    const lang = r < 0.1 ? 'en' : r < 0.3 ? 'zh-Hant' : 'zh-Hans';
    const pool = pools[lang];
    const rate = mutation * (0.4 + 1.2 * rand());
    const target = avgBytes * (0.5 + rand());

    /** @param {string} text */
    const mutate = (text) => {
      if (lang === 'en') return text.replace(/[A-Za-z]{3,}/g, (w) => (rand() < rate ? pick(pool.units) : w));
      let s = '';
      for (const ch of text) s += HAN.test(ch) && rand() < rate ? pick(pool.units) : ch;
      return s;
    };
    const makeParagraph = () => {
      const length = sections
        ? Math.round(sections.minChars + sections.spreadChars * rand() * rand())
        : Math.round(100 + 1900 * rand() * rand());
      const base = sentences(pick(pool.paragraphs), lang);
      const rot = int(base.length);
      let parts = [...base.slice(rot), ...base.slice(0, rot)];
      // Append sentences of other paragraphs until it is long enough, then cut at a sentence end.
      while (parts.join('').length < length) parts.push(...sentences(pick(pool.paragraphs), lang));
      let text = '';
      for (const s of parts) {
        if (text.length > 0 && text.length + s.length > length) break;
        text += (lang === 'en' && text ? ' ' : '') + s;
      }
      return mutate(text.slice(0, 2000).trim());
    };

    const id = String(n).padStart(width, '0');
    const title = mutate(pick(pool.headings) ?? `Document ${id}`).replace(/"/g, "'");
    if (sections) {
      out.push(sectionsDoc(id, lang, title, sections, { int, pick, pool, mutate, makeParagraph }));
      continue;
    }
    let body = '';
    let bytes = 0;
    let sinceHeading = 0;
    let section = 0;
    let para = 0;
    while (bytes < target) {
      if (sinceHeading >= 3 + int(4) || (section === 0 && para === 0 && rand() < 0.5)) {
        const heading = mutate(pick(pool.headings) ?? 'Section');
        body += `## ${heading.replace(/\s*\{#.*$/, '')} {#s${++section}}\n\n`;
        sinceHeading = 0;
      }
      let p = makeParagraph();
      if (rand() < 0.3) p += ` ^${blockPrefix}${para + 1}`;
      body += p + '\n\n';
      bytes += Buffer.byteLength(p) + 2;
      para++;
      sinceHeading++;
    }
    const text = `---\nid: "${id}"\ntitle: "${title}"\nlanguage: ${lang}\n---\n\n${body}`;
    out.push({ id, name: `${id}.md`, lang, text });
  }
  return out;
}

/** A document of the second shape (see {@link SectionsLayout}). */
function sectionsDoc(id, lang, title, layout, { int, pick, pool, mutate, makeParagraph }) {
  // Names of two or three Han characters drawn from the sources (English documents: two words).
  const author = () =>
    lang === 'en'
      ? `${pick(pool.units)} ${pick(pool.units)}`.replace(/["\\]/g, '')
      : Array.from({ length: 2 + int(2) }, () => pick(pool.units)).join('');
  const authors = Array.from({ length: 1 + int(3) }, author);
  const date = `${2000 + int(26)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  let body = '';
  for (let s = 1; s <= layout.count; s++) {
    const heading = mutate(pick(pool.headings) ?? 'Section').replace(/\s*\{#.*$/, '');
    body += `## ${heading} {#s${s}}\n\n`;
    for (let p = 0; p < layout.paragraphs; p++) body += makeParagraph() + (p === 0 ? ` ^b${s}` : '') + '\n\n';
  }
  const front = [
    '---',
    `id: "${id}"`,
    `title: "${title}"`,
    `authors: [${authors.map((a) => JSON.stringify(a)).join(', ')}]`,
    `date: "${date}"`,
    `language: ${lang}`,
    '---',
  ].join('\n');
  return { id, name: `${id}.md`, lang, text: `${front}\n\n${body}` };
}

/**
 * Writes documents into `dir` (its old .md files are removed first).
 * @param {string} dir
 * @param {CorpusDoc[]} docs
 * @returns {{ bytes: number, chars: number }}
 */
export function writeCorpus(dir, docs) {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.md')) rmSync(path.join(dir, f));
  let bytes = 0;
  let chars = 0;
  for (const doc of docs) {
    writeFileSync(path.join(dir, doc.name), doc.text);
    bytes += Buffer.byteLength(doc.text);
    chars += doc.text.length;
  }
  return { bytes, chars };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const out = args.out ?? '/tmp/sa-bench-corpus';
  const t0 = Date.now();
  const docs = makeCorpus({
    docs: Number(args.docs ?? 1000),
    seed: Number(args.seed ?? 1),
    avgBytes: Number(args['avg-bytes'] ?? 18600),
    mutation: Number(args.mutation ?? 0.05),
  });
  const { bytes, chars } = writeCorpus(out, docs);
  console.log(
    `${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB, ${chars} characters → ${out} (${Date.now() - t0} ms)`,
  );
}
