/**
 * The typing benchmark's workspace, made once under a root folder and kept (a stamp names it):
 *
 *   corpus/NNNN.md   100 synthetic sources (make-corpus.mjs, `## … {#sK}` headings, ` ^bN` blocks)
 *   drafts/short.md  20 paragraphs, one citation each (≈ 1.4k characters)
 *   drafts/thesis.md 3,000 paragraphs under headings (≈ 212k characters): 3,600 citations, 600 of
 *                    them after a quote of their section's words, a block quote every 100 paragraphs,
 *                    a fenced code block every 250
 *   drafts/hostile.md the thesis's first 2,000 paragraphs, then a line of 10,000 `[[`, a line of 20,000
 *                    citations and a line of 50,000 brackets (≈ 460k characters)
 *   peer/*.md        the same drafts with standard links `[id](../corpus/NNNN.md#sK)`, for the peer
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeCorpus, writeCorpus } from '../make-corpus.mjs';
import { rng } from '../lib.mjs';

const STAMP = 'typing v4';
const DOCS = 100;

/**
 * @typedef {object} TypingWorkspace
 * @property {string} dir
 * @property {Record<string, { ours: string, peer: string, hoverLine: number, hoverCharacter: number }>} drafts
 *   per draft name, the file names and where the benchmark hovers (a citation, given as line and UTF-16 column)
 */

/** Makes (or finds) the typing workspace under `root`. @returns {TypingWorkspace} */
export function typingWorkspace(root) {
  const dir = path.join(root, 'typing');
  const stampFile = path.join(dir, '.stamp.json');
  if (existsSync(stampFile)) {
    const info = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (info.stamp === STAMP) return { dir, drafts: info.drafts };
  }
  rmSync(dir, { recursive: true, force: true });
  const docs = makeCorpus({ docs: DOCS, avgBytes: 6400, blockPrefix: 'b' });
  writeCorpus(path.join(dir, 'corpus'), docs);
  writeFileSync(
    path.join(dir, 'source-anchors.json'),
    JSON.stringify({ corpus: ['corpus/'], drafts: ['drafts/**/*.md'] }, null, 2) + '\n',
  );
  mkdirSync(path.join(dir, 'drafts'), { recursive: true });
  mkdirSync(path.join(dir, 'peer'), { recursive: true });
  const targets = docs.map(targetsOf);
  const thesis = paragraphs(docs, targets, 3000, 600);
  const short = paragraphs(docs, targets, 20, 3);
  const drafts = {};
  const write = (name, ours, peer) => {
    writeFileSync(path.join(dir, 'drafts', `${name}.md`), ours.text);
    writeFileSync(path.join(dir, 'peer', `${name}.md`), peer.text);
    drafts[name] = {
      ours: `drafts/${name}.md`,
      peer: `peer/${name}.md`,
      chars: ours.text.length,
      citations: ours.citations,
      quotes: ours.quotes,
      hoverLine: ours.hoverLine,
      hoverCharacter: ours.hoverCharacter,
      peerHoverLine: peer.hoverLine,
      peerHoverCharacter: peer.hoverCharacter,
    };
  };
  const joined = (p, n, style) => join(p.slice(0, n), style);
  write('short', joined(short, 20, 'ours'), joined(short, 20, 'peer'));
  write('thesis', joined(thesis, 3000, 'ours'), joined(thesis, 3000, 'peer'));
  write('hostile', hostile(thesis, docs, 'ours'), hostile(thesis, docs, 'peer'));
  writeFileSync(stampFile, JSON.stringify({ stamp: STAMP, drafts }));
  return { dir, drafts };
}

/** What a citation can point at in one document: sections with a quote of 12 Han characters, block ids. */
function targetsOf(doc) {
  const sections = [];
  for (const m of doc.text.matchAll(/\{#(s\d+)\}\n\n([^\n]*)/g)) {
    const han = /\p{Script=Han}{12}/u.exec(m[2]);
    sections.push({ id: m[1], quote: han ? han[0] : undefined });
  }
  return { sections };
}

const link = (doc, anchor, style) =>
  style === 'ours'
    ? `[[${doc.id}${anchor ? `#${anchor}` : ''}]]`
    : `[${doc.id}](../corpus/${doc.name}${anchor ? `#${anchor}` : ''})`;

/**
 * `count` paragraphs as functions of the style (ours or peer): one citation each, a second in
 * every fifth, a quote before the citation in `quotes` of them.
 */
function paragraphs(docs, targets, count, quotes) {
  const rand = rng(7);
  const int = (k) => Math.floor(rand() * k);
  const out = [];
  let quoted = 0;
  for (let p = 0; p < count; p++) {
    const cites = [];
    for (let c = 0; c < (p % 5 === 4 ? 2 : 1); c++) {
      const n = int(docs.length);
      const s = targets[n].sections[int(targets[n].sections.length)];
      const quote =
        c === 0 && s?.quote && quoted < quotes && p % Math.max(1, Math.floor((0.6 * count) / quotes)) === 0;
      if (quote) quoted++;
      cites.push({ doc: docs[n], anchor: s?.id, quote: quote ? s.quote : undefined });
    }
    const prose = `第${p}段论述了这一问题的来龙去脉，并比较了各方的立场与其后果，作者据此提出自己的看法，细节见下文所述`;
    out.push((style) => {
      const parts = cites.map(
        (c, k) => `${k ? '另见' : prose}${c.quote ? `“${c.quote}”` : ''}${link(c.doc, c.anchor, style)}`,
      );
      let text = `${parts.join('，')}。`;
      if (p % 100 === 50)
        text = `> 引文的第${p}段，作者如是说。\n> 第二行${link(cites[0].doc, cites[0].anchor, style)}`;
      if (p % 250 === 125) text += `\n\n\`\`\`\n代码 [[not-a-citation]] ${p}\n\`\`\``;
      if (p % 50 === 0) text = `## 第${p / 50 + 1}节\n\n${text}`;
      return { text, citations: cites.length, quotes: cites.filter((c) => c.quote).length };
    });
  }
  return out;
}

/** The paragraphs joined, and the citation the benchmark hovers on: the first of the last paragraph. */
function join(paras, style) {
  const made = paras.map((p) => p(style));
  const text = `# 论文\n\n${made.map((m) => m.text).join('\n\n')}\n`;
  const lines = text.split('\n');
  let hoverLine = lines.length - 2;
  while (hoverLine > 0 && !lines[hoverLine].includes(style === 'ours' ? '[[' : '](')) hoverLine--;
  const at = style === 'ours' ? lines[hoverLine].indexOf('[[') + 3 : lines[hoverLine].indexOf('](') - 1;
  return {
    text,
    hoverLine,
    hoverCharacter: at,
    citations: made.reduce((n, m) => n + m.citations, 0),
    quotes: made.reduce((n, m) => n + m.quotes, 0),
  };
}

/** Half the thesis, then the three hostile lines; the hover is in the middle of the line of citations. */
function hostile(thesis, docs, style) {
  const base = join(thesis.slice(0, 2000), style);
  const cites = [];
  for (let i = 0; i < 20_000; i++) cites.push(link(docs[i % docs.length], 's1', style));
  const citeLine = `见${cites.join('，')}。`;
  const text = `${base.text}\n${'[['.repeat(10_000)}\n\n${citeLine}\n\n${'['.repeat(25_000)}${']'.repeat(25_000)}\n`;
  const hoverLine = text.split('\n').length - 4;
  const middle = cites.slice(0, 10_000).join('，').length + 2;
  return {
    text,
    hoverLine,
    hoverCharacter: middle + (style === 'ours' ? 3 : 1),
    citations: base.citations + 20_000,
    quotes: base.quotes,
  };
}
