/**
 * The paper as one standalone HTML page: the paper's Markdown rendered by markdown-it with
 * footnotes (numbered notes with back links), the bibliography, the draft's title, and a style
 * sheet inline — readable without network. Raw HTML in the draft is shown as text, never run.
 */
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { PaperMarkdown } from './paperMarkdown.js';

let renderer: ReturnType<typeof MarkdownIt> | undefined;

function markdown(): ReturnType<typeof MarkdownIt> {
  // html: false — the draft's own tags and anything from the corpus stay text.
  renderer ??= new MarkdownIt({ html: false, linkify: false, typographer: false }).use(footnote);
  return renderer;
}

const CSS = `body{max-width:46em;margin:3em auto;padding:0 1em;font:17px/1.8 "Songti SC","SimSun","Noto Serif CJK SC",serif;color:#222}
h1{text-align:center;font-size:1.6em}h2{font-size:1.25em;margin-top:2em}h3{font-size:1.1em}
blockquote{margin:1em 2em;color:#444}sup{line-height:0}a{color:#1a5fb4;text-decoration:none}
.footnotes{font-size:.9em;border-top:1px solid #ccc;margin-top:3em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}`;

/** `lang` is the paper's locale (`zh-CN`). */
export function paperHtml(paper: PaperMarkdown, lang: string): string {
  const md = markdown();
  const body = md.render(paper.markdown);
  const title = md.utils.escapeHtml(paper.title ?? 'Paper');
  return `<!DOCTYPE html>
<html lang="${md.utils.escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Source Anchors">
<title>${title}</title>
<style>
${CSS}
</style>
</head>
<body>
${body}</body>
</html>
`;
}
