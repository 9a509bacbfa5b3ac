/**
 * The web-page importer on a page made here from the bundled 003's text: the article wrapped in
 * navigation, an ad, a sidebar, comments, a script and a footer, as a browser saves it. It must
 * import to exactly the article: the same headings and paragraphs, nothing of the page around it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../server/src/engine/corpus/parseSource.js';
import { importBytes } from '../../../server/src/engine/import/importSource.js';
import { toMarkdown } from '../../../server/src/engine/import/toMarkdown.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const source = parseSource(
  'file:///c/003.md',
  readFileSync(join(REPO, 'corpus/003-us-quasi-allies-dilemma.md'), 'utf8'),
);
const article = source.blocks.filter((b) => b.kind === 'heading' || b.kind === 'paragraph');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const comments = [
  '说得太对了，美国的准盟友政策确实问题很多。',
  '转发了，值得一读。',
  '作者的观点我不太同意，乌克兰的情况不同。',
]
  .map(
    (c, i) =>
      `<div class="comment" id="comment-${i}"><span class="author">读者${i}</span><p>${c}</p><a href="#reply">回复</a></div>`,
  )
  .join('');

const PAGE = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>准盟友关系中固有的战略困境 | IPP评论</title>
<meta property="og:title" content="准盟友关系中固有的战略困境">
<meta name="author" content="丽贝卡·利斯纳 (Rebecca Lissner)">
<meta property="article:author" content="https://example.org/authors/lissner">
<meta property="article:published_time" content="2025-11-14T08:00:00+08:00">
<meta property="og:site_name" content="IPP评论">
<link rel="canonical" href="https://example.org/ipp/quasi-allies">
<link rel="stylesheet" href="https://example.org/site.css">
<script src="https://example.org/tracker.js"></script>
<script>document.write('<p>由脚本写入的文字</p>')</script>
</head><body>
<header><a class="logo" href="/">IPP评论</a><nav class="menu"><ul>${['首页', '研究', '评论', '关于我们', '联系'].map((l) => `<li><a href="/${l}">${l}</a></li>`).join('')}</ul></nav></header>
<div class="ad-banner advertisement sponsored"><a href="https://ads.example.com">广告：限时优惠，立即订阅全年期刊！</a></div>
<main><article class="post">
<h1>准盟友关系中固有的战略困境</h1>
<img src="https://example.org/photo.jpg" alt="图片">
${article.map((b) => (b.kind === 'heading' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`)).join('\n')}
</article></main>
<aside class="sidebar"><h3>热门文章</h3><ul>${['金砖的共识赤字', '特朗普的密友', '中东新秩序'].map((t) => `<li><a href="/p/${t}">${t}</a></li>`).join('')}</ul>
<div class="advertisement">广告位招租</div></aside>
<section id="comments" class="comments"><h3>评论（3）</h3>${comments}</section>
<footer class="site-footer"><p>版权所有 © 2025 IPP评论 · 粤ICP备00000000号</p><a href="/privacy">隐私政策</a></footer>
</body></html>`;

describe('importing a saved web page', () => {
  const outcome = importBytes('quasi-allies.html', new TextEncoder().encode(PAGE));
  it('imports exactly the article: its headings and paragraphs, in order', () => {
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const md = toMarkdown(outcome.doc, '005', { file: 'quasi-allies.html', sha256: '0' });
    const got = parseSource('file:///i/005.md', md).blocks.filter(
      (b) => b.kind === 'heading' || b.kind === 'paragraph',
    );
    expect(got.map((b) => `${b.kind} ${b.text}`)).toEqual([
      'heading 准盟友关系中固有的战略困境',
      ...article.map((b) => `${b.kind} ${b.text}`),
    ]);
    expect(outcome.doc.dropped.get('image')).toEqual({ count: 1, example: 'https://example.org/photo.jpg' });
  });

  it('takes the bibliographic data from the page’s meta tags', () => {
    expect(outcome.ok && outcome.doc.meta).toEqual({
      title: '准盟友关系中固有的战略困境',
      authors: ['丽贝卡·利斯纳 (Rebecca Lissner)'],
      date: '2025-11-14',
      container: 'IPP评论',
      url: 'https://example.org/ipp/quasi-allies',
      language: 'zh-CN',
    });
  });

  it('refuses a page with no article', () => {
    const index = `<html><body><nav>${'<a href="/x">链接</a>'.repeat(30)}</nav><p>欢迎！</p></body></html>`;
    expect(importBytes('index.html', new TextEncoder().encode(index))).toEqual({
      ok: false,
      message:
        "no article in 'index.html': the page has no main text of 200 characters or more (an index, a login page or a page that builds its text with scripts?)",
    });
  });
});
