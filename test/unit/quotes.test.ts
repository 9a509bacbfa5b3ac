/**
 * Quote verification over the bundled corpus: the table of cases, how quotes are tied to
 * citations, and the messages and fixes of a misquote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { extractQuotes } from '../../server/src/engine/drafts/quotes.js';
import { mergeConfig } from '../../server/src/engine/config.js';
import { checkDraft } from '../../server/src/engine/features/diagnostics.js';
import { createService } from '../../server/src/engine/service.js';
import { ENGLISH_SOURCE, QUOTE_CASES } from '../fixtures/quoteCases.js';
import type { JudgedQuote } from '../../server/src/engine/features/quoteCheck.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const service = createService();
for (const name of readdirSync(join(REPO, 'corpus'))) {
  service.index.set(
    parseSource(`file:///repo/corpus/${name}`, readFileSync(join(REPO, 'corpus', name), 'utf8')),
  );
}
service.index.set(parseSource('file:///repo/corpus/900-english.md', ENGLISH_SOURCE));
service.search.rebuildNow();

function verdictOf(v: JudgedQuote['verdict']): string {
  return v.kind === 'elsewhere' ? `elsewhere ${v.target}` : v.kind;
}

describe('quote verification: the table', () => {
  it('has at least 40 cases', () => expect(QUOTE_CASES.length).toBeGreaterThanOrEqual(40));

  it.each(QUOTE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const judged = service.quotes.judge(parseDraft(c.draft));
    expect(judged).toHaveLength(1);
    expect(verdictOf(judged[0]!.verdict)).toBe(c.expect);
  });
});

describe('which quote belongs to which citation', () => {
  const quotesOf = (text: string) =>
    extractQuotes(parseDraft(text)).map((q) => [q.kind, q.text, q.citation.target]);

  it('takes the quotation right before a citation, allowing one punctuation mark and spaces', () => {
    expect(quotesOf('他说“甲乙” [[1#a]]，“丙丁”（[[2#b]]），“戊” ，[[3]]')).toEqual([
      ['inline', '甲乙', '1#a'],
      ['inline', '丙丁', '2#b'],
      ['inline', '戊', '3'],
    ]);
  });

  it('takes no quotation when words or two marks stand between', () => {
    expect(quotesOf('“甲乙”说[[1#a]] “丙丁”，。[[2]] 没有引号[[3]]')).toEqual([]);
  });

  it('takes a blockquote ending with the citation, or followed by a line holding only it', () => {
    expect(quotesOf('> 第一段\n>\n> 第二段[[1#a]]\n\n> 另一段\n\n[[2]]\n\n> 第三\n[[3]] 后文')).toEqual([
      ['block', '第一段\n\n第二段', '1#a'],
    ]);
    expect(quotesOf('> 另一段\n[[2]]')).toEqual([['block', '另一段', '2']]);
  });

  it('splits at omission marks and paragraphs', () => {
    const [q] = extractQuotes(parseDraft('> 甲……乙...丙\n>\n> 丁…戊\n[[1]]'));
    expect(q!.pieces).toEqual(['甲', '乙', '丙', '丁', '戊']);
  });

  it('gives the quoted words’ exact range', () => {
    const [q] = extractQuotes(parseDraft('前文“核心问题”[[001#x]]'));
    expect(q!.range).toEqual({ start: { line: 0, character: 3 }, end: { line: 0, character: 7 } });
  });
});

describe('quote diagnostics', () => {
  const check = (text: string) => checkDraft(parseDraft(text), service.index, mergeConfig(), service.quotes);

  it('says nothing about a verbatim quote', () => {
    expect(check('“塔利班重返执政是美阿塔三方博弈的结果”[[002#conclusion]]')).toEqual([]);
  });

  it('informs about a converted quote', () => {
    expect(check('“谁控制了边缘地带”[[004#rimland]]')).toEqual([
      {
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 9 } },
        severity: 'information',
        code: 'quote-converted',
        message:
          'Quote matches [[004#rimland]] after Traditional→Simplified conversion: the source is in Traditional script.',
        citation: '004#rimland',
      },
    ]);
  });

  it('names where a quote cited to the wrong place is', () => {
    expect(check('“第三阶段美国内部博弈主要围绕和谈主导权”[[002#us-phase2]]')).toEqual([
      {
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 20 } },
        severity: 'error',
        code: 'quote-elsewhere',
        message: 'Quote not in [[002#us-phase2]]; found in [[002#us-phase3]].',
        citation: '002#us-phase2',
        suggestions: ['002#us-phase3'],
      },
    ]);
  });

  it('gives the closest passage, its similarity and the source’s wording for a misquote', () => {
    expect(check('“第三阶段美国内部博弈主要围饶和谈主导权”[[002#us-phase3]]')).toEqual([
      {
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 20 } },
        severity: 'error',
        code: 'quote-not-found',
        message:
          'Quote not found in [[002#us-phase3]] nor anywhere in the corpus; closest: [[002#us-phase3]], 94% similar.',
        citation: '002#us-phase3',
        wording: '第三阶段美国内部博弈主要围绕和谈主导权',
      },
    ]);
  });

  it('offers no wording for a quote that is nothing like the source', () => {
    const [d] = check('“火星殖民计划将在明年启动并由联合国监督”[[001#diplomacy]]');
    expect(d!.code).toBe('quote-not-found');
    expect(d!.wording).toBeUndefined();
  });

  it('judges a short quote against its cited passage only', () => {
    const [d] = check('“边缘地带”[[002#us-phase3]]');
    expect(d!.message).toMatch(
      /^Quote not found in \[\[002#us-phase3\]\] \(too short to look for elsewhere\)/,
    );
  });

  it('leaves quotes of broken citations to the citation diagnostics', () => {
    expect(check('“任何文字”[[002#nope]]').map((d) => d.code)).toEqual(['unknown-anchor']);
  });
});
