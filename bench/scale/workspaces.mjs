/**
 * The benchmark's workspaces, one folder per size, made once and kept (a stamp names the options):
 *
 *   corpus/NNNN.md      synthetic sources (~7 KB each, `## … {#sK}` headings, ` ^bN` blocks), make-corpus.mjs
 *   drafts/dNNN.md      our drafts: 100 × 50 citations (headings, blocks, paragraph numbers, whole documents),
 *                       5 correct quotes each, 10 broken citations in all (unknown anchor or document)
 *   peer/dNNN.md        the same drafts as standard Markdown links `[…](../corpus/NNNN.md#sK)`, for the peer
 *   one-line/*.md       20,000 citations on one line, and the same citations one per line
 *   source-anchors.json corpus/ and drafts/ only (peer/ and one-line/ are not our drafts)
 *
 * Two corpus shapes (issue 17), each in its own folder (`M`, `sections-M`):
 *   standard  documents of varied length (~7 KB), a few headings and block ids each, 5 quotes per draft
 *   sections  documents of exactly 6 sections × 5 paragraphs (~7.4 KB), front matter with `authors` and
 *             `date`, a ` ^bN` block id on each section's first paragraph; drafts without quotes
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeCorpus, writeCorpus } from '../make-corpus.mjs';
import { rng } from '../lib.mjs';

export const SIZES = {
  S: { docs: 100 },
  M: { docs: 1000 },
  L: { docs: 5000 },
  XL: { docs: 20000 },
};
const AVG_BYTES = 6400;
const DRAFTS = 100;
const CITATIONS = 50;
const BROKEN = 10;
const QUOTES = 5;
const ONE_LINE = 20000;
const STAMP = 'v3';

/** The corpus shapes: how a folder is named, how its documents are made, how many quotes a draft holds. */
export const SHAPES = {
  standard: { prefix: '', corpus: { avgBytes: AVG_BYTES, blockPrefix: 'b' }, quotes: QUOTES, oneLine: true },
  sections: {
    prefix: 'sections-',
    corpus: { blockPrefix: 'b', sections: { count: 6, paragraphs: 5, minChars: 60, spreadChars: 210 } },
    quotes: 0,
    oneLine: false,
  },
};

/**
 * @typedef {object} BenchWorkspace
 * @property {string} dir
 * @property {number} docs
 * @property {number} bytes corpus bytes
 * @property {string} firstId
 * @property {string} lastId
 * @property {string} firstFile
 * @property {string} lastFile
 * @property {string[]} anchorsOfLast heading ids of the last document
 */

/**
 * Makes (or finds) the workspace of a size under `root`.
 * @param {string} root
 * @param {keyof typeof SIZES} size
 * @param {keyof typeof SHAPES} [shape]
 * @returns {BenchWorkspace}
 */
export function benchWorkspace(root, size, shape = 'standard') {
  const { docs: count } = SIZES[size];
  const spec = SHAPES[shape];
  const dir = path.join(root, spec.prefix + size);
  const stampFile = path.join(dir, '.stamp.json');
  // The standard shape keeps its stamp of before the second shape: its workspaces stay valid.
  const stamp = `${STAMP} ${count} ${shape === 'standard' ? AVG_BYTES : JSON.stringify(spec)}`;
  if (existsSync(stampFile)) {
    const info = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (info.stamp === stamp) return { dir, ...info.ws };
  }
  rmSync(dir, { recursive: true, force: true });
  const docs = makeCorpus({ docs: count, ...spec.corpus });
  const { bytes } = writeCorpus(path.join(dir, 'corpus'), docs);
  writeFileSync(
    path.join(dir, 'source-anchors.json'),
    JSON.stringify({ corpus: ['corpus/'], drafts: ['drafts/**/*.md'] }, null, 2) + '\n',
  );
  writeDrafts(dir, docs, spec.quotes);
  if (spec.oneLine) writeOneLine(dir, docs);
  const last = docs[docs.length - 1];
  const ws = {
    docs: docs.length,
    bytes,
    firstId: docs[0].id,
    lastId: last.id,
    firstFile: docs[0].name,
    lastFile: last.name,
    anchorsOfLast: [...last.text.matchAll(/\{#(s\d+)\}/g)].map((m) => m[1]),
  };
  writeFileSync(stampFile, JSON.stringify({ stamp, ws }));
  return { dir, ...ws };
}

/** What a citation can point at in one document. */
function targetsOf(doc) {
  const sections = [];
  // A section: its id and the first run of 12 Han characters in its first paragraph (a quote).
  for (const m of doc.text.matchAll(/\{#(s\d+)\}\n\n([^\n]*)/g)) {
    const han = /\p{Script=Han}{12}/u.exec(m[2]);
    sections.push({ id: m[1], quote: han ? han[0] : undefined });
  }
  // Block ids on one-line paragraphs that are not footnote definitions (the seeds hold some).
  const blocks = [...doc.text.matchAll(/\n\n(?!\[\^)[^\n]* \^(b\d+)\n/g)].map((m) => m[1]);
  return { sections, blocks };
}

function writeDrafts(dir, docs, maxQuotes) {
  const rand = rng(42);
  const int = (k) => Math.floor(rand() * k);
  mkdirSync(path.join(dir, 'drafts'), { recursive: true });
  mkdirSync(path.join(dir, 'peer'), { recursive: true });
  let broken = 0;
  for (let d = 0; d < DRAFTS; d++) {
    const ours = [];
    const peer = [];
    let quotes = 0;
    for (let c = 0; c < CITATIONS; c++) {
      const doc = docs[int(docs.length)];
      const file = `../corpus/${doc.name}`;
      const { sections, blocks } = targetsOf(doc);
      const prose = `第${d}篇第${c}段的论述`;
      // One broken citation in every tenth draft: an unknown anchor or an unknown document.
      if (c === 7 && d % (DRAFTS / BROKEN) === 0 && broken < BROKEN) {
        broken++;
        if (broken % 2) {
          ours.push(`${prose}[[${doc.id}#s99]]。`);
          peer.push(`${prose}[${doc.id}](${file}#s99)。`);
        } else {
          ours.push(`${prose}[[x${doc.id}#s1]]。`);
          peer.push(`${prose}[${doc.id}](../corpus/x${doc.name}#s1)。`);
        }
        continue;
      }
      const kind = c % 10;
      if (kind < 6 && sections.length) {
        const s = sections[int(sections.length)];
        const quote = s.quote && quotes < maxQuotes && kind === 0 ? `“${s.quote}”` : '';
        if (quote) quotes++;
        ours.push(`${prose}${quote}[[${doc.id}#${s.id}]]。`);
        peer.push(`${prose}${quote}[${doc.id}](${file}#${s.id})。`);
      } else if (kind < 8 && blocks.length) {
        ours.push(`${prose}[[${doc.id}#${blocks[int(blocks.length)]}]]。`);
        peer.push(`${prose}[${doc.id}](${file})。`);
      } else if (kind < 9 && /\n\n(?!\[\^|#)\S/.test(doc.text)) {
        ours.push(`${prose}[[${doc.id}#p1]]。`);
        peer.push(`${prose}[${doc.id}](${file})。`);
      } else {
        ours.push(`${prose}[[${doc.id}]]。`);
        peer.push(`${prose}[${doc.id}](${file})。`);
      }
    }
    const name = `d${String(d).padStart(3, '0')}.md`;
    writeFileSync(path.join(dir, 'drafts', name), `# 草稿 ${d}\n\n${ours.join('\n\n')}\n`);
    writeFileSync(path.join(dir, 'peer', name), `# 草稿 ${d}\n\n${peer.join('\n\n')}\n`);
  }
}

function writeOneLine(dir, docs) {
  mkdirSync(path.join(dir, 'one-line'), { recursive: true });
  const cites = [];
  for (let i = 0; i < ONE_LINE; i++) cites.push(`[[${docs[i % docs.length].id}#p1]]`);
  writeFileSync(path.join(dir, 'one-line', 'line.md'), `见${cites.join('，')}。\n`);
  writeFileSync(path.join(dir, 'one-line', 'lines.md'), cites.map((c) => `见${c}。`).join('\n') + '\n');
}
