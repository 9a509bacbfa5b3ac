/**
 * Drafts nobody would write but anyone can paste: the citation scan reads them in one pass and
 * gives the same citations a citation-by-citation reading gives. (The server's "answers within
 * 1 s" on them is tested over LSP, in test/lsp/answers.test.ts.)
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { NextIndex, scanCitation } from '../../server/src/engine/drafts/citation.js';
import { citationsPlugin } from '../../server/src/engine/drafts/markdownItCitations.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { DEFAULT_CONFIG } from '../../server/src/engine/config.js';
import { checkDraft } from '../../server/src/engine/features/diagnostics.js';
import { MAX_FIXES } from '../../server/src/engine/features/codeActions.js';
import { createService } from '../../server/src/engine/service.js';
import { source } from '../helpers/engine.js';

const problems = (text: string) => {
  const counts = new Map<string, number>();
  for (const c of parseDraft(text).citations)
    counts.set(c.problem ?? 'ok', (counts.get(c.problem ?? 'ok') ?? 0) + 1);
  return Object.fromEntries(counts);
};

describe('hostile drafts', () => {
  it('50,000 [ then 50,000 ]: a citation at every other [, the last one empty', () => {
    expect(problems('['.repeat(50_000) + ']'.repeat(50_000))).toEqual({ unclosed: 24_999, empty: 1 });
  });

  it('10,000 [[ on a line: 10,000 unclosed citations', () => {
    expect(problems('[['.repeat(10_000))).toEqual({ unclosed: 10_000 });
  });

  it('10,000 citations on a line, and 10,000 [[ closed once at the end', () => {
    expect(problems('“引文”[[001#a|x]]，'.repeat(10_000))).toEqual({ ok: 10_000 });
    expect(problems('[['.repeat(10_000) + ']]')).toEqual({ unclosed: 9_999, empty: 1 });
  });

  it('a line of 50,000 # or | inside one citation', () => {
    expect(parseDraft(`[[002#${'#'.repeat(50_000)}]]`).citations.map((c) => c.problem)).toEqual([
      'extra-hash',
    ]);
    expect(parseDraft(`[[002${'|'.repeat(50_000)}]]`).citations.map((c) => c.label?.text.length)).toEqual([
      49_999,
    ]);
  });

  it('the preview reads the same hostile line', () => {
    const md = new MarkdownIt();
    citationsPlugin(md as never);
    expect(md.render('[[ '.repeat(10_000) + '[[002#a]]')).toBe(
      `<p>${'[[ '.repeat(10_000)}<cite class="source-anchors-citation" title="002#a">002#a</cite></p>\n`,
    );
    // Each `[` of the line once looked for a Pandoc citation through the rest of it (quadratic:
    // 2 s here, a frozen preview); now only at its own place, and a bracket still reads as one.
    expect(md.render('[ '.repeat(10_000) + '[see @002, p. 54]')).toBe(
      `<p>${'[ '.repeat(10_000)}<cite class="source-anchors-citation" title="002">[see @002, p. 54]</cite></p>\n`,
    );
  });
});

describe('NextIndex', () => {
  it('answers as indexOf does, whatever order the offsets come in', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', '#', '|', '\n', '\r', 'a'), maxLength: 60 }),
        fc.array(fc.tuple(fc.constantFrom('[[', ']]', '#', '|', '\n'), fc.nat(70)), { maxLength: 30 }),
        (src, asks) => {
          const next = new NextIndex(src);
          for (const [needle, from] of asks) expect(next.find(needle, from)).toBe(src.indexOf(needle, from));
        },
      ),
      { seed: 10, numRuns: 500 },
    );
  });

  it('gives the same citation whether shared across a line or fresh for each', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', '#', '|', ' ', 'a', '\n'), maxLength: 40 }),
        (src) => {
          const shared = new NextIndex(src);
          for (let at = src.indexOf('[['); at !== -1; at = src.indexOf('[[', at + 1)) {
            expect(scanCitation(src, at, shared.lineEnd(at), shared)).toEqual(scanCitation(src, at));
          }
        },
      ),
      { seed: 10, numRuns: 500 },
    );
  });
});

describe('hostile sources', () => {
  const many = source(
    '900-many.md',
    Array.from({ length: 10_000 }, (_, i) => `## H ${i} {#h${i}}\n\nText ${i}. ^b${i}\n`).join('\n'),
  );
  const service = createService();
  service.index.set(many);

  it('a source of 10,000 headings and 10,000 block ids keeps every one, with its written range', () => {
    expect(many.anchors.filter((a) => a.kind === 'heading')).toHaveLength(10_000);
    expect(many.anchors.filter((a) => a.kind === 'block')).toHaveLength(10_000);
    expect(many.anchorMap.get('h9999')!.idRange).toEqual({
      start: { line: 39_996, character: 12 },
      end: { line: 39_996, character: 17 },
    });
    expect(many.anchorMap.get('b9999')!.idRange).toEqual({
      start: { line: 39_998, character: 12 },
      end: { line: 39_998, character: 17 },
    });
  });

  it('suggests for broken citations while it is cheap: 17 of 2,000 distinct ones into 30,000 anchors', () => {
    const draft = parseDraft(Array.from({ length: 2_000 }, (_, i) => `[[900#hx${i}]]`).join(' '));
    const messages = checkDraft(draft, service.index, { ...DEFAULT_CONFIG }).map((d) => d.message);
    expect(messages).toHaveLength(2_000);
    expect(messages.filter((m) => m.includes('Did you mean'))).toHaveLength(17);
    expect(messages[0]).toBe(
      "Unknown anchor 'hx0' in [[900#hx0]]: document 900 (900) has no such heading, block or paragraph. Did you mean [[900#h0]], [[900#h10]], [[900#h20]]?",
    );
    expect(messages[1_999]).toBe(
      "Unknown anchor 'hx1999' in [[900#hx1999]]: document 900 (900) has no such heading, block or paragraph.",
    );
  });

  it('offers at most 100 quick fixes for one range', () => {
    const text = '[[900#hx]] '.repeat(1_000);
    const fixes = service.codeActions.provideQuickFixes(parseDraft(text), {
      start: { line: 0, character: 0 },
      end: { line: 0, character: text.length },
    });
    expect(MAX_FIXES).toBe(100);
    expect(fixes.map((f) => f.title).slice(0, 4)).toEqual([
      'Change to [[900#h0]]',
      'Change to [[900#h1]]',
      'Change to [[900#h2]]',
      'Change to [[900#h0]]',
    ]);
    expect(fixes).toHaveLength(100);
  });
});
