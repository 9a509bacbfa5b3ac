/** The preview's paper table from the engine: links to sources, passage tooltips, a style that fails. */
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { paperTable, previewText, sourceHref } from '../../server/src/engine/features/paperTable.js';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { indexOf, lines } from '../helpers/engine.js';

const doc = parseSource(
  'file:///w/%E8%B5%84%E6%96%99/010.md',
  lines(
    '---',
    'title: 标题',
    'authors: [兰江]',
    '---',
    '',
    '## 背景 {#bg}',
    '',
    '第一段。',
    '',
    '第二段 ^two',
    '',
  ),
);

describe('the paper table', () => {
  it('links each source relative to the draft’s folder at the anchor’s line, or by URI for an untitled draft', () => {
    expect(sourceHref('file:///w/drafts/a.md', doc, doc.anchorMap.get('bg'))).toBe(
      '../%E8%B5%84%E6%96%99/010.md#L6',
    );
    expect(sourceHref('file:///w/a.md', doc, undefined)).toBe('%E8%B5%84%E6%96%99/010.md#L1');
    expect(sourceHref('untitled:Untitled-1', doc, doc.anchorMap.get('two'))).toBe(
      'file:///w/%E8%B5%84%E6%96%99/010.md#L10',
    );
  });

  it('gives a section its heading and passage, a block its text, a document its title and authors', () => {
    expect(previewText(doc, doc.anchorMap.get('bg'))).toBe('背景 — 第一段。 第二段');
    expect(previewText(doc, doc.anchorMap.get('two'))).toBe('第二段');
    expect(previewText(doc, undefined)).toBe('标题 — 兰江');
  });

  it('keeps every well-formed citation when the style cannot be used, and says why', () => {
    const draft = parseDraft('[[010#bg]] [[010#nope]] [[]] `[[010]]`\n');
    expect(paperTable('file:///w/a.md', draft, indexOf(doc), { error: 'No citation style x.' })).toEqual({
      style: { title: '', kind: 'in-text' },
      locale: 'zh-CN',
      citations: [
        {
          offset: 0,
          line: 0,
          target: '010#bg',
          href: '%E8%B5%84%E6%96%99/010.md#L6',
          preview: '背景 — 第一段。 第二段',
        },
        {
          offset: 11,
          line: 0,
          target: '010#nope',
          broken:
            "Unknown anchor 'nope' in [[010#nope]]: document 010 (标题) has no such heading, block or paragraph. Its anchors include [[010#bg]], [[010#two]].",
        },
      ],
      bibliography: [],
      heading: '',
      error: 'No citation style x.',
    });
  });
});
