/**
 * Character folding for search: Traditional → Simplified Chinese, full-width ASCII → ASCII, upper → lower case.
 *
 * The fold is a table of 65,536 UTF-16 code units (`Uint16Array`, 128 KB): every mapping is one code unit to
 * one code unit, so a folded string has exactly the length — and the offsets — of the original. That keeps
 * match positions valid for highlighting and lets a tokenizer fold on the fly (`table[s.charCodeAt(i)]`)
 * without allocating a folded copy.
 *
 * The Chinese part comes from OpenCC's character tables (as shipped by opencc-js, passed in as strings in its
 * `"src dst|src dst"` format, so this module has no dependency). It is a character-level fold, not a
 * conversion: phrase rules (乾隆 stays 乾隆 in OpenCC, becomes 干隆 here) and regional vocabulary (軟體 vs 软件)
 * are out of its reach. For search that is fine as long as the index and the query are folded the same way;
 * the folded text is never shown.
 *
 * Example: foldString(table, '美國盟友（ＮＡＴＯ）') === '美国盟友(nato)'.
 */

/**
 * The dictionaries that make up the Traditional → Simplified fold, in opencc-js's string format.
 * @typedef {object} FoldDicts
 * @property {string} TSCharacters Traditional → Simplified characters (OpenCC `TSCharacters.txt`).
 * @property {string} [TWVariantsRev] Taiwan variants → OpenCC standard Traditional (為 → 爲).
 * @property {string} [HKVariantsRev] Hong Kong variants → OpenCC standard Traditional (兑 → 兌).
 * @property {string} [CJK_Compatibility_Ideographs] U+F900… compatibility ideographs → unified ideographs.
 */

/**
 * Parses an opencc-js dictionary string into [source, target] pairs of single UTF-16 code units, dropping
 * entries that involve astral characters or more than one character (they cannot keep the length).
 * @param {string | undefined} dict
 * @returns {Array<[number, number]>}
 */
export function singleUnitPairs(dict) {
  /** @type {Array<[number, number]>} */
  const pairs = [];
  if (!dict) return pairs;
  for (const entry of dict.split('|')) {
    const space = entry.indexOf(' ');
    if (space !== 1) continue;
    const target = entry.slice(2).split(' ')[0];
    if (target.length !== 1) continue;
    pairs.push([entry.charCodeAt(0), target.charCodeAt(0)]);
  }
  return pairs;
}

/**
 * Builds the fold table: identity, then lower case and full-width ASCII, then the Chinese mappings
 * (variant → standard Traditional → Simplified, composed so one lookup does all of it).
 * @param {FoldDicts} [dicts] Without dictionaries, only case and width are folded.
 * @returns {Uint16Array}
 */
export function buildFoldTable(dicts) {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = c;
  // Case: any BMP letter whose lower case is a single code unit (A → a, Ä → ä, Σ → σ).
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) table[c] = lower.charCodeAt(0);
  }
  // Width: full-width ASCII (Ａ ＃ １) → ASCII, ideographic space → space.
  for (let c = 0xff01; c <= 0xff5e; c++) table[c] = table[c - 0xfee0];
  table[0x3000] = 0x20;
  if (!dicts) return table;

  /** @type {Map<number, number>} */
  const ts = new Map(singleUnitPairs(dicts.TSCharacters));
  /** @type {Map<number, number>} */
  const toStandard = new Map([
    ...singleUnitPairs(dicts.CJK_Compatibility_Ideographs),
    ...singleUnitPairs(dicts.HKVariantsRev),
    ...singleUnitPairs(dicts.TWVariantsRev),
  ]);
  // A regional variant that is also a Simplified character stays as it is: Taiwan's 么 is a variant of 幺,
  // but 么 is the Simplified form of 麼, and folding it away would split 什么 from 什麼.
  const simplified = new Set(ts.values());
  for (const c of simplified) toStandard.delete(c);
  /** @param {number} c */
  const simplify = (c) => {
    const standard = toStandard.get(c) ?? c;
    return ts.get(standard) ?? ts.get(c) ?? standard;
  };
  for (const c of new Set([...ts.keys(), ...toStandard.keys()])) {
    const s = simplify(c);
    if (s !== c) table[c] = s;
  }
  return closeTable(table);
}

/**
 * Makes a fold table idempotent (fold(fold(x)) = fold(x)) by following chains to their end, so the index
 * and a query folded from already-folded text agree. Cycles, if any, stop where they would repeat.
 * @param {Uint16Array} table
 * @returns {Uint16Array} the same table
 */
export function closeTable(table) {
  for (let c = 0; c < 65536; c++) {
    let t = table[c];
    for (let steps = 0; table[t] !== t && steps < 8; steps++) t = table[t];
    table[c] = t;
  }
  return table;
}

/**
 * Builds a fold table by converting every BMP ideograph one at a time with an OpenCC converter, for when
 * the dictionaries are not reachable. Slower to build (≈27,000 converter calls) and equivalent in practice.
 * @param {(text: string) => string} convert e.g. opencc-js `Converter({ from: 't', to: 'cn' })`.
 * @returns {Uint16Array}
 */
export function buildFoldTableWithConverter(convert) {
  const table = buildFoldTable();
  /** @type {Array<[number, number]>} */
  const ranges = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const out = convert(String.fromCharCode(c));
      if (out.length === 1 && out.charCodeAt(0) !== c) table[c] = out.charCodeAt(0);
    }
  }
  return closeTable(table);
}

const CHUNK = 8192;

/**
 * Folds a string with a fold table; the result has the same length. Returns the input itself when nothing
 * changes (no allocation).
 * @param {Uint16Array} table
 * @param {string} text
 * @returns {string}
 */
export function foldString(table, text) {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (table[c] !== c) break;
    i++;
  }
  if (i === n) return text;
  let out = text.slice(0, i);
  const buf = new Uint16Array(Math.min(CHUNK, n - i));
  while (i < n) {
    const end = Math.min(n, i + CHUNK);
    let k = 0;
    for (; i < end; i++) buf[k++] = table[text.charCodeAt(i)];
    out += String.fromCharCode.apply(null, k === buf.length ? buf : buf.subarray(0, k));
  }
  return out;
}
