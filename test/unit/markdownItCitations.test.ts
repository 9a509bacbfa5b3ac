import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { citationsPlugin, type PaperView } from '../../server/src/engine/drafts/markdownItCitations.js';

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

const DRAFT = [
  '见[[002#us-phase3|第三阶段]]与[[002#us-phase9]]。`[[000]]`',
  '',
  '> 引文[[004#rimland]]',
  '',
].join('\n');

const NOTES: PaperView = {
  style: { kind: 'note' },
  locale: 'zh-CN',
  citations: [
    {
      target: '002#us-phase3',
      text: '兰江, 杨秀琴. 美塔协议[J]. 53–55.',
      note: 1,
      href: '../corpus/002.md#L116',
      preview: '（三）第三阶段 — “撤军派”<胜出>',
    },
    { target: '002#us-phase9', broken: "Unknown anchor 'us-phase9' in [[002#us-phase9]]" },
    {
      target: '004#rimland',
      text: '同上.',
      note: 2,
      href: '../corpus/004.md#L47',
      preview: '誰控制了邊緣地帶',
    },
  ],
  bibliography: ['[1] 兰江, 杨秀琴. 美塔协议[J]. 47-66.', '[2] <script>alert(1)</script>'],
  heading: '参考文献',
};

/** A markdown-it with the plugin that finds papers by `env.currentDocument`, as the VS Code client does. */
function withPapers(papers: Record<string, PaperView>) {
  return new MarkdownIt().use(citationsPlugin, {
    paperFor: (env: unknown) => papers[String((env as { currentDocument?: unknown }).currentDocument)],
  });
}

describe('the preview as the paper', () => {
  it('renders a note style as footnote numbers, with the notes and the bibliography at the end', () => {
    const html = withPapers({ 'file:///w/a.md': NOTES }).render(DRAFT, { currentDocument: 'file:///w/a.md' });
    expect(html.split('\n')).toEqual([
      '<p>见第三阶段<sup class="source-anchors-note" id="source-anchors-ref-1"><a href="#source-anchors-note-1" title="（三）第三阶段 — “撤军派”&lt;胜出&gt;">1</a></sup>与<span class="source-anchors-broken" title="Unknown anchor \'us-phase9\' in [[002#us-phase9]]">[[002#us-phase9]]</span>。<code>[[000]]</code></p>',
      '<blockquote>',
      '<p>引文<sup class="source-anchors-note" id="source-anchors-ref-2"><a href="#source-anchors-note-2" title="誰控制了邊緣地帶">2</a></sup></p>',
      '</blockquote>',
      '<section class="source-anchors-paper">',
      '<hr class="source-anchors-notes-rule">',
      '<ol class="source-anchors-notes">',
      '<li id="source-anchors-note-1" value="1"><a href="../corpus/002.md#L116" title="（三）第三阶段 — “撤军派”&lt;胜出&gt;">兰江, 杨秀琴. 美塔协议[J]. 53–55.</a> <a class="source-anchors-backref" href="#source-anchors-ref-1">↩</a></li>',
      '<li id="source-anchors-note-2" value="2"><a href="../corpus/004.md#L47" title="誰控制了邊緣地帶">同上.</a> <a class="source-anchors-backref" href="#source-anchors-ref-2">↩</a></li>',
      '</ol>',
      '<h2 class="source-anchors-bibliography-heading">参考文献</h2>',
      '<ul class="source-anchors-bibliography">',
      '<li>[1] 兰江, 杨秀琴. 美塔协议[J]. 47-66.</li>',
      '<li>[2] &lt;script&gt;alert(1)&lt;/script&gt;</li>',
      '</ul>',
      '</section>',
      '',
    ]);
  });

  it('renders an author-date style in the text, each a link to the source with the passage as its tooltip', () => {
    const paper: PaperView = {
      style: { kind: 'in-text' },
      locale: 'en-US',
      citations: [
        {
          target: '002#us-phase3',
          text: '(Lan & Yang, 2021, pp. 53–55)',
          href: '../corpus/002.md#L116',
          preview: 'x"y',
        },
        { target: '004', text: '(Smith, 2025)', href: 'javascript:alert(1)', preview: 'p' },
      ],
      bibliography: [],
      heading: 'References',
    };
    const html = withPapers({ d: paper }).render('As [[002#us-phase3|Lan says]] and [[004]].', {
      currentDocument: 'd',
    });
    expect(html).toBe(
      '<p>As Lan says <a class="source-anchors-cite" href="../corpus/002.md#L116" title="x&quot;y">(Lan &amp; Yang, 2021, pp. 53–55)</a> and <a class="source-anchors-cite" title="p">(Smith, 2025)</a>.</p>\n',
    );
  });

  it('finds a row by target when the table is a keystroke behind, and falls back to chips without a table', () => {
    const md2 = withPapers({ 'file:///w/a.md': NOTES });
    expect(md2.render('[[004#rimland]] [[002#new]]', { currentDocument: 'file:///w/a.md' })).toContain(
      '<p><sup class="source-anchors-note" id="source-anchors-ref-2"><a href="#source-anchors-note-2" title="誰控制了邊緣地帶">2</a></sup> <cite class="source-anchors-citation" title="002#new">002#new</cite></p>',
    );
    expect(md2.render('[[004#rimland]]', { currentDocument: 'file:///w/other.md' })).toBe(
      '<p><cite class="source-anchors-citation" title="004#rimland">004#rimland</cite></p>\n',
    );
  });
});
