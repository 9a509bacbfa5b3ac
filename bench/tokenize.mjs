/**
 * The passage-search tokenizer shared by every engine in the benchmark, so they index identical terms.
 *
 * - Text is folded first (see fold.mjs): Traditional → Simplified, full-width → ASCII, lower case.
 * - A run of Han characters gives its overlapping bigrams (美国盟友 → 美国 国盟 盟友); a run of one character
 *   gives that character.
 * - A run of other letters, digits and marks gives one word (NATO → nato, 2021 → 2021), cut at 64 units.
 * - Everything else (punctuation, spaces, symbols) separates runs.
 *
 * The core, `forEachToken`, calls back with code units instead of strings so an index can key BMP bigrams
 * as numbers (c1 · 65536 + c2) without allocating; `tokenizeToStrings` builds the string form for engines
 * that want strings.
 */

/** Character classes in the class table. */
export const SEP = 0;
export const HAN = 1;
export const WORD = 2;
/** High surrogate: look at the whole code point. */
const ASTRAL = 3;

/** Token kinds passed to the callback of `forEachToken`. */
export const BIGRAM = 0;
export const UNIGRAM = 1;
export const STRING = 2;

export const MAX_WORD = 64;

const hanRe = /\p{Script=Han}/u;
const wordRe = /[\p{L}\p{N}\p{M}]/u;

/**
 * Classifies every BMP code unit once: HAN, WORD or SEP (high surrogates get a marker to be resolved
 * at scan time).
 * @returns {Uint8Array}
 */
export function buildClassTable() {
  const cls = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdbff) cls[c] = ASTRAL;
    else if (c >= 0xdc00 && c <= 0xdfff) cls[c] = SEP;
    else {
      const ch = String.fromCharCode(c);
      cls[c] = hanRe.test(ch) ? HAN : wordRe.test(ch) ? WORD : SEP;
    }
  }
  return cls;
}

/**
 * @callback TokenSink
 * @param {number} kind BIGRAM (a, b are BMP code units), UNIGRAM (a) or STRING (str: a word, or a Han
 *   n-gram with an astral character).
 * @param {number} a
 * @param {number} b
 * @param {string} str
 * @returns {void}
 */

/**
 * Scans `text`, folding each code unit with `fold` and classifying it with `cls`, and reports every token
 * in order. Returns the number of tokens.
 * @param {string} text
 * @param {Uint16Array} fold
 * @param {Uint8Array} cls
 * @param {TokenSink} sink
 * @returns {number}
 */
export function forEachToken(text, fold, cls, sink) {
  const n = text.length;
  let count = 0;
  let prev = -1; // previous Han code point of the current run, -1 outside a run
  let runLength = 0;
  let word = '';
  let i = 0;
  while (i <= n) {
    let c = -1;
    let k = SEP;
    let width = 1;
    if (i < n) {
      c = fold[text.charCodeAt(i)];
      k = cls[c];
      if (k === ASTRAL) {
        const lo = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
          const ch = String.fromCodePoint(c);
          k = hanRe.test(ch) ? HAN : wordRe.test(ch) ? WORD : SEP;
        } else k = SEP;
      }
    }
    if (k !== HAN && runLength > 0) {
      if (runLength === 1) {
        if (prev < 0x10000) sink(UNIGRAM, prev, 0, '');
        else sink(STRING, 0, 0, String.fromCodePoint(prev));
        count++;
      }
      runLength = 0;
      prev = -1;
    }
    if (k !== WORD && word !== '') {
      sink(STRING, 0, 0, word);
      count++;
      word = '';
    }
    if (k === HAN) {
      if (prev >= 0) {
        if (prev < 0x10000 && c < 0x10000) sink(BIGRAM, prev, c, '');
        else sink(STRING, 0, 0, String.fromCodePoint(prev, c));
        count++;
      }
      prev = c;
      runLength++;
    } else if (k === WORD) {
      if (word.length < MAX_WORD) word += width === 1 ? String.fromCharCode(c) : String.fromCodePoint(c);
    }
    i += width;
  }
  return count;
}

/**
 * The tokens of `text` as strings ('美国', '国盟', '盟友', 'nato'), duplicates kept, in order.
 * @param {string} text
 * @param {Uint16Array} fold
 * @param {Uint8Array} cls
 * @returns {string[]}
 */
export function tokenizeToStrings(text, fold, cls) {
  /** @type {string[]} */
  const out = [];
  forEachToken(text, fold, cls, (kind, a, b, str) => {
    out.push(kind === BIGRAM ? String.fromCharCode(a, b) : kind === UNIGRAM ? String.fromCharCode(a) : str);
  });
  return out;
}

/**
 * The tokens of a query as strings. Like tokenizeToStrings, except that a lone Han character is dropped
 * when the query has other tokens: the index holds a lone character only where the text has one between
 * non-Han characters, so requiring it would miss 2021年 in "2021年以来".
 * @param {string} text
 * @param {Uint16Array} fold
 * @param {Uint8Array} cls
 * @returns {string[]}
 */
export function tokenizeQueryToStrings(text, fold, cls) {
  /** @type {string[]} */
  const terms = [];
  /** @type {string[]} */
  const lone = [];
  forEachToken(text, fold, cls, (kind, a, b, str) => {
    if (kind === BIGRAM) terms.push(String.fromCharCode(a, b));
    else if (kind === UNIGRAM) lone.push(String.fromCharCode(a));
    else terms.push(str);
  });
  return [...new Set(terms.length > 0 ? terms : lone)];
}
