#!/usr/bin/env node
/**
 * Corpus fidelity check: proves that corpus/*.md keeps every sentence of the seed texts.
 *
 *   node scripts/corpus-fidelity.mjs      → exit 0 when all is well, 1 with a list of failures
 *
 * For each corpus file, the seed named by its front matter `original` is read from the seeds
 * folder: $SOURCE_ANCHORS_SEEDS, else ../shared/seeds (relative to the repository root) when it
 * exists, else the copy kept in the repository, test/fixtures/originals. From the seed we drop only the artefacts a
 * corpus file may leave out:
 *   - empty Markdown images `![]()`;
 *   - binary garbage lines (nothing but U+FFFD, Latin-1 symbols and whitespace);
 *   - printed page numbers such as `·48·`;
 *   - running page heads (`… 政治·外交`, and repeats of the title line after its first occurrence);
 *   - in a PDF seed (one whose corpus file has footnote definitions): U+2026 where the PDF meant a
 *     space, and the footnote letters, both the
 *     label at the start of a footnote line (`a 申玉辉：…`) and the marker glued into the text
 *     (`…奠定基础。a但是…`), since the corpus turns them into `[^48a]` references.
 * English words split across lines with a hyphen (`Organi-` + `zation`) are joined; a hyphen that
 * ends a URL fragment is part of the URL and is kept.
 *
 * The seed is then split into sentences (on 。！？!? and line ends); all whitespace is removed, and
 * every non-empty piece must occur in the corpus text, read with front matter, HTML comments (page
 * marks), heading marks,
 * `{#id}`, trailing ` ^id`, footnote references `[^x]`, footnote definition labels `[^x]: ` and
 * all whitespace removed. Blocks (paragraphs, headings) are kept apart, so a piece cannot match
 * across a paragraph break.
 *
 * It also checks test/fixtures/required-anchors.json: every cited anchor exists in its file, anchor
 * ids are unique within a file, and each fixture sentence occurs inside the anchor's passage and
 * nowhere else in the corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SEPARATOR = '\u0001'; // between blocks of the normalized corpus text

/** Splits `---` front matter from the body; returns the flat `key: value` pairs that we need. */
export function splitFrontMatter(text) {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { data: {}, body: text };
  const data = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!kv) continue;
    let value = kv[2];
    const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
    if (quoted) value = quoted[1];
    data[kv[1]] = value;
  }
  return { data, body: text.slice(m[0].length) };
}

const isGarbageLine = (line) => /^[\s\u0080-\u00ff\ufffd]+$/u.test(line);
const isPageNumber = (line) => /^\s*·\s*\d+\s*·\s*$/.test(line);
const isRunningHead = (line) => /^\s*(?:…\s*)?政治·外交\s*$/.test(line);
const isEmptyImage = (line) => /^\s*!\[\]\(\)\s*$/.test(line);

/** A footnote letter sits after CJK text, CJK punctuation or a closing quote, before CJK text, a digit or the line end. */
const MARKER =
  /(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef”])[a-z](?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“\d]|$)/gu;
const FOOTNOTE_LABEL = /^[a-z] (?=\S)/;

/**
 * The seed's lines with the allowed artefacts removed and hyphenated line breaks joined.
 * `title` is the document title (its later repeats are running heads); `pdf` strips footnote letters.
 */
export function cleanSeed(text, { title = '', pdf = false } = {}) {
  let seenTitle = false;
  const kept = [];
  let markers = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let line = raw;
    if (!line.trim()) continue;
    if (isEmptyImage(line) || isGarbageLine(line) || isPageNumber(line) || isRunningHead(line)) continue;
    if (title && line.trim() === title.trim()) {
      if (seenTitle) continue;
      seenTitle = true;
    }
    if (pdf) {
      if (FOOTNOTE_LABEL.test(line)) line = line.replace(FOOTNOTE_LABEL, '');
      // The PDF wrote U+2026 where the printed page has a space (`Robert…D.…Putnam`); the corpus restored the spaces.
      line = line.replace(/…/g, ' ');
      line = line.replace(MARKER, () => {
        markers++;
        return '';
      });
    }
    kept.push(line);
  }
  // Join `Organi-` + `zation`; keep hyphens that end a URL fragment (`…/taking-historic-` + `step-…`).
  for (let i = 0; i < kept.length - 1; i++) {
    const line = kept[i].replace(/\s+$/, '');
    const lastToken = line.split(/\s+/).pop() ?? '';
    const isUrl = lastToken.includes('/') || lastToken.includes('://') || lastToken.startsWith('www.');
    if (/[A-Za-z]-$/.test(line) && !isUrl && /^\s*[a-z]/.test(kept[i + 1])) {
      kept[i] = line.slice(0, -1) + kept[i + 1].trim();
      kept.splice(i + 1, 1);
      i--;
    }
  }
  return { lines: kept, markers };
}

/** Sentence pieces of the cleaned seed: split on 。！？!? and line ends, whitespace removed. */
export function seedPieces(lines) {
  const pieces = [];
  for (const line of lines) {
    for (const piece of line.split(/[。！？!?]/u)) {
      const p = piece.replace(/\s+/gu, '');
      if (p) pieces.push(p);
    }
  }
  return pieces;
}

/** Strips anchor and footnote syntax from one Markdown line. */
export function stripMarkup(line) {
  return line
    .replace(/<!--.*?-->/g, '')
    .replace(/^#{1,6}[ \t]+/, '')
    .replace(/[ \t]*\{#[^{}]*\}[ \t]*$/, '')
    .replace(/(?:^|[ \t])\^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*[ \t]*$/u, '')
    .replace(/^\[\^[^\]\s]+\]:[ \t]*/, '')
    .replace(/\[\^[^\]\s]+\]/g, '');
}

/** The corpus body as comparable text: markup stripped, whitespace removed, blocks kept apart. */
export function normalizeCorpus(body) {
  const blocks = [];
  let current = '';
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (!line.trim()) {
      if (current) blocks.push(current);
      current = '';
      continue;
    }
    const isHeading = /^#{1,6}[ \t]/.test(line);
    if (isHeading && current) {
      blocks.push(current);
      current = '';
    }
    current += stripMarkup(line).replace(/\s+/gu, '');
    if (isHeading) {
      blocks.push(current);
      current = '';
    }
  }
  if (current) blocks.push(current);
  return SEPARATOR + blocks.join(SEPARATOR) + SEPARATOR;
}

/** Anchors of a corpus body: heading ids (with level and line) and block ids (with their paragraph). */
export function anchorsOf(body) {
  const lines = body.split(/\r\n|\r|\n/);
  const anchors = [];
  for (let i = 0; i < lines.length; i++) {
    const h = /^(#{1,6})[ \t].*\{#([^\s{}]+)[^{}]*\}[ \t]*$/.exec(lines[i]);
    if (h) {
      let end = i + 1;
      while (end < lines.length) {
        const next = /^(#{1,6})[ \t]/.exec(lines[end]);
        if (next && next[1].length <= h[1].length) break;
        end++;
      }
      anchors.push({ id: h[2], kind: 'heading', line: i, passage: lines.slice(i, end) });
      continue;
    }
    const b = /(?:^|[ \t])\^([\p{L}\p{N}_][\p{L}\p{N}_.:-]*)[ \t]*$/u.exec(lines[i]);
    if (b && !/^#{1,6}[ \t]/.test(lines[i])) {
      let start = i;
      while (start > 0 && lines[start - 1].trim() && !/^#{1,6}[ \t]/.test(lines[start - 1])) start--;
      anchors.push({ id: b[1], kind: 'block', line: i, passage: lines.slice(start, i + 1) });
    }
  }
  return anchors;
}

function countOccurrences(haystack, needle) {
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/** The copy of the seeds kept in the repository, so a clone alone can run the check. */
export const fixtureSeedsDir = (repoRoot) => join(repoRoot, 'test', 'fixtures', 'originals');

/** The shared seeds when they are there ($SOURCE_ANCHORS_SEEDS, else ../shared/seeds), else undefined. */
export function sharedSeedsDir(repoRoot) {
  const dir = process.env.SOURCE_ANCHORS_SEEDS ?? resolve(repoRoot, '..', 'shared', 'seeds');
  return existsSync(dir) ? dir : undefined;
}

/** The shared seeds when present, else the repository's copy. */
export const defaultSeedsDir = (repoRoot) => sharedSeedsDir(repoRoot) ?? fixtureSeedsDir(repoRoot);

/**
 * Runs all checks. `failures` is empty on success; `report` has one summary line per corpus file.
 *
 * @param {string} repoRoot the repository root (holding corpus/ and test/fixtures/)
 * @param {{ seedsDir?: string }} [options] seeds directory; default `defaultSeedsDir(repoRoot)`
 * @returns {{ failures: string[], report: string[] }}
 */
export function checkCorpus(repoRoot, { seedsDir = defaultSeedsDir(repoRoot) } = {}) {
  const failures = [];
  const report = [];
  const corpusDir = join(repoRoot, 'corpus');
  if (!existsSync(corpusDir)) return { failures: [`missing directory ${corpusDir}`], report };
  if (!existsSync(seedsDir)) return { failures: [`missing seeds directory ${seedsDir}`], report };

  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const docs = new Map(); // id → { file, body, normalized }
  const usedSeeds = new Set();
  for (const file of files) {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const { data, body } = splitFrontMatter(text);
    if (!data.original) {
      failures.push(`${file}: front matter has no "original"`);
      continue;
    }
    if (!data.id) failures.push(`${file}: front matter has no "id"`);
    if (!file.startsWith(`${data.id}-`))
      failures.push(`${file}: file name does not start with id "${data.id}-"`);
    const seedPath = join(seedsDir, data.original);
    if (!existsSync(seedPath)) {
      failures.push(`${file}: seed ${data.original} not found in ${seedsDir}`);
      continue;
    }
    usedSeeds.add(data.original);
    const normalized = normalizeCorpus(body);
    docs.set(String(data.id), { file, body, normalized });

    const footnoteRefs = (body.match(/\[\^[^\]\s]+\](?!:)/g) ?? []).length;
    const pdf = /^\[\^[^\]\s]+\]:/m.test(body);
    const { lines, markers } = cleanSeed(readFileSync(seedPath, 'utf8'), { title: data.title ?? '', pdf });
    const pieces = seedPieces(lines);
    let missing = 0;
    for (const piece of pieces) {
      if (!normalized.includes(piece)) {
        missing++;
        failures.push(`${file}: seed sentence not found in corpus: ${piece}`);
      }
    }
    const notes = pdf ? `; footnote markers in seed ${markers}, references in corpus ${footnoteRefs}` : '';
    report.push(
      `${file} ← ${data.original}: ${pieces.length} sentences checked, ${pieces.length - missing} found${notes}`,
    );

    const seen = new Set();
    for (const a of anchorsOf(body)) {
      if (seen.has(a.id)) failures.push(`${file}: anchor id "${a.id}" is used more than once`);
      seen.add(a.id);
    }
  }
  for (const seed of readdirSync(seedsDir).filter((f) => f.endsWith('.txt'))) {
    if (!usedSeeds.has(seed))
      failures.push(`seed ${seed} has no corpus file (no front matter original: ${seed})`);
  }

  const fixturePath = join(repoRoot, 'test', 'fixtures', 'required-anchors.json');
  if (!existsSync(fixturePath)) {
    failures.push(`missing ${fixturePath}`);
    return { failures, report };
  }
  let fixture;
  try {
    fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
  } catch (e) {
    failures.push(`${fixturePath}: ${e.message}`);
    return { failures, report };
  }
  const allNormalized = [...docs.values()].map((d) => d.normalized).join('');
  let okAnchors = 0;
  for (const entry of fixture) {
    const m = /^([^#]+)#(.+)$/.exec(entry.cite ?? '');
    if (!m) {
      failures.push(`fixture: bad cite ${JSON.stringify(entry.cite)}`);
      continue;
    }
    const doc = docs.get(m[1]);
    if (!doc) {
      failures.push(`fixture ${entry.cite}: no corpus file with id "${m[1]}"`);
      continue;
    }
    const anchor = anchorsOf(doc.body).find((a) => a.id === m[2]);
    if (!anchor) {
      failures.push(`fixture ${entry.cite}: anchor "${m[2]}" not found in ${doc.file}`);
      continue;
    }
    const sentence = String(entry.sentence ?? '').replace(/\s+/gu, '');
    if (!sentence) {
      failures.push(`fixture ${entry.cite}: empty sentence`);
      continue;
    }
    const inPassage = normalizeCorpus(anchor.passage.join('\n')).includes(sentence);
    const total = countOccurrences(allNormalized, sentence);
    if (!inPassage)
      failures.push(`fixture ${entry.cite}: sentence not inside the anchor's passage: ${entry.sentence}`);
    else if (total !== 1)
      failures.push(`fixture ${entry.cite}: sentence occurs ${total} times in the corpus`);
    else okAnchors++;
  }
  report.push(`required-anchors.json: ${fixture.length} anchors, ${okAnchors} verified`);
  return { failures, report };
}

function main() {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { failures, report } = checkCorpus(repoRoot);
  for (const line of report) console.log(line);
  if (failures.length) {
    console.error(`\n${failures.length} failure(s):`);
    for (const f of failures) console.error(`  - ${f}`);
    process.exit(1);
  }
  console.log('corpus fidelity: OK');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
