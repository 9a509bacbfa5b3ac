/**
 * The benchmark's query set: phrases sampled from the corpus blocks, deterministic for a corpus and seed.
 *
 * Of 200 queries: 40 % Simplified phrases of 2–8 characters from Simplified blocks, 15 % Traditional
 * phrases from Traditional blocks, 15 % Simplified phrases turned Traditional with OpenCC (cn → tw), 10 %
 * Traditional phrases turned Simplified (t → cn; 美國盟友 is then searched as 美国盟友), 15 % two phrases
 * of 2–4 characters from one block joined by a space, and 5 % English words. Each query is taken from a
 * block, so every one should find at least that block.
 */
import { rng } from './lib.mjs';

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * @typedef {object} Query
 * @property {string} q the query text
 * @property {string} kind simplified | traditional | s→t | t→s | multi | english
 * @property {number} source the block it was taken from
 */

/**
 * @param {{ blocks: string[], blockDoc: Uint32Array, docs: Array<{ lang: string }> }} corpus
 * @param {{ s2t: (s: string) => string, t2s: (s: string) => string }} convert OpenCC converters
 * @param {number} [count]
 * @param {number} [seed]
 * @returns {Query[]}
 */
export function makeQueries(corpus, convert, count = 200, seed = 7) {
  const rand = rng(seed);
  /** @param {number} k */
  const int = (k) => Math.floor(rand() * k);
  /** @type {Record<string, number[]>} */
  const byLang = { 'zh-Hans': [], 'zh-Hant': [], en: [] };
  corpus.blocks.forEach((_, i) => byLang[corpus.docs[corpus.blockDoc[i]].lang]?.push(i));

  /**
   * A Han phrase of min…max characters from a block of `lang`, or null after many tries.
   * @param {string} lang @param {number} min @param {number} max
   * @returns {{ phrase: string, block: number, text: string } | null}
   */
  const phrase = (lang, min, max) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const block = byLang[lang][int(byLang[lang].length)];
      const len = min + int(max - min + 1);
      const runs = (corpus.blocks[block].match(HAN_RUN) ?? []).filter((r) => r.length >= len);
      if (runs.length === 0) continue;
      const run = runs[int(runs.length)];
      const start = int(run.length - len + 1);
      return { phrase: run.slice(start, start + len), block, text: corpus.blocks[block] };
    }
    return null;
  };

  /** @type {Query[]} */
  const out = [];
  const plan = [
    ['simplified', 0.4],
    ['traditional', 0.15],
    ['s→t', 0.15],
    ['t→s', 0.1],
    ['multi', 0.15],
    ['english', 0.05],
  ];
  for (const [kind, share] of plan) {
    const n = Math.round(count * Number(share));
    for (let i = 0; i < n && out.length < count; i++) {
      if (kind === 'english') {
        const list = byLang.en.length > 0 ? byLang.en : byLang['zh-Hans'];
        const block = list[int(list.length)];
        // Whole words as the tokenizer sees them (phase3, not phase), of 3 characters or more.
        const words = (corpus.blocks[block].match(/[\p{L}\p{N}]+/gu) ?? ['nato']).filter(
          (w) => w.length >= 3 && /[A-Za-z]/.test(w) && !/\p{Script=Han}/u.test(w),
        );
        if (words.length === 0) words.push('nato');
        const k = 1 + int(Math.min(3, words.length));
        const start = int(words.length - k + 1);
        out.push({ q: words.slice(start, start + k).join(' '), kind, source: block });
        continue;
      }
      if (kind === 'multi') {
        const lang = rand() < 0.75 ? 'zh-Hans' : 'zh-Hant';
        const first = phrase(lang, 2, 4);
        if (!first) continue;
        const runs = (first.text.match(HAN_RUN) ?? []).filter((r) => r.length >= 2);
        const run = runs[int(runs.length)];
        const len = 2 + int(Math.min(3, run.length - 1));
        const start = int(run.length - len + 1);
        out.push({ q: `${first.phrase} ${run.slice(start, start + len)}`, kind, source: first.block });
        continue;
      }
      const lang = kind === 'simplified' || kind === 's→t' ? 'zh-Hans' : 'zh-Hant';
      const p = phrase(lang, 2, 8);
      if (!p) continue;
      const q = kind === 's→t' ? convert.s2t(p.phrase) : kind === 't→s' ? convert.t2s(p.phrase) : p.phrase;
      out.push({ q, kind, source: p.block });
    }
  }
  return out;
}
