import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { citationsPlugin } from '../../server/src/engine/drafts/markdownItCitations.js';

const md = new MarkdownIt().use(citationsPlugin);

describe('the Markdown preview plugin', () => {
  it('renders citations with the shared grammar, label or target shown, escaped', () => {
    expect(md.renderInline('见[[002#us-phase3|第三阶段]]和[[004]]')).toBe(
      '见<cite class="source-anchors-citation" title="002#us-phase3">第三阶段</cite>和<cite class="source-anchors-citation" title="004">004</cite>',
    );
    expect(md.renderInline('[[002#a|<b>x</b>]]')).toBe(
      '<cite class="source-anchors-citation" title="002#a">&lt;b&gt;x&lt;/b&gt;</cite>',
    );
  });

  it('leaves code, escaped brackets and malformed citations as written', () => {
    expect(md.renderInline('`[[002]]` \\[[002]] [[002#]] [[002')).toBe(
      '<code>[[002]]</code> [[002]] [[002#]] [[002',
    );
  });
});
