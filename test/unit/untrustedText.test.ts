/**
 * Untrusted text stays text everywhere it is shown. A source whose title, authors, headings and
 * passages hold raw HTML, `<script>`, `command:` and `javascript:` links and a remote image is
 * cited by a draft; every surface that shows corpus text — hover, completion documentation, inlay
 * hints, the preview, the Sources view's items, exported HTML, Markdown and docx — must show it as
 * text: no tag, link or image can be formed from it. Needs the built styles (dist/csl).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import { itemData } from '../../client/src/sourcesView.js';
import { citationsPlugin } from '../../server/src/engine/drafts/markdownItCitations.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { exportPaper } from '../../server/src/engine/export/exportPaper.js';
import { styleDraft, type LoadedStyle } from '../../server/src/engine/export/paper.js';
import { provideInlayHints } from '../../server/src/engine/features/inlayHints.js';
import { paperTable } from '../../server/src/engine/features/paperTable.js';
import { sourcesReport } from '../../server/src/engine/features/sourcesReport.js';
import { createService } from '../../server/src/engine/service.js';
import { indexOf, lines, source, withCursor } from '../helpers/engine.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CSL = join(REPO, 'dist/csl');
const style: LoadedStyle = {
  xml: readFileSync(join(CSL, 'china-national-standard-gb-t-7714-2015-note.csl'), 'utf8'),
  locale: 'zh-CN',
  retrieveLocale: (lang) => readFileSync(join(CSL, `locales-${lang}.xml`), 'utf8'),
};

const HOSTILE = source(
  '666-hostile.md',
  lines(
    '---',
    'id: "666"',
    'title: "<script>alert(1)</script> [click](command:workbench.action.quit)"',
    'authors: ["<img src=https://evil.example/a.png>", "[x](javascript:alert(2))"]',
    'container: "![](https://evil.example/pixel.gif)"',
    '---',
    '',
    '## <b>Bold</b> [run](command:workbench.action.terminal.new) {#evil}',
    '',
    'Text <script>alert(3)</script> with ![img](https://evil.example/b.png) and [go](javascript:alert(4)). ^para',
  ),
);
const service = createService(indexOf(HOSTILE));
const DRAFT = '见[[666#evil]]与[[666#para]]。\n';

/** HTML that shows corpus text: no tag, link or image made from it. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script|<img|<b>/i);
  expect(html).not.toMatch(/href="(?:command|javascript|https?):/i);
  expect(html).not.toMatch(/src="https?:/i);
}

/** Markdown that shows corpus text (hovers, completion documentation), rendered with raw HTML on. */
const rendered = (markdown: string) => new MarkdownIt({ html: true }).render(markdown);

describe('untrusted corpus text stays text', () => {
  it('in the hover', () => {
    const { text, position } = withCursor('见[[666#ev$0il]]');
    const hover = service.hover.provideHover(parseDraft(text), position)!;
    const value = (hover.contents as MarkupContent).value;
    expect(value).toContain('\\<script\\>');
    expectInert(rendered(value));
  });

  it('in completion labels and documentation', () => {
    const { text, position } = withCursor('[[666#$0');
    const list = service.completion.provideCompletion(parseDraft(text), position)!;
    for (const item of list.items) {
      const resolved = service.completion.resolveCompletion(item);
      const doc = resolved.documentation;
      expectInert(rendered(typeof doc === 'string' ? doc : (doc?.value ?? '')));
    }
    const { text: t2, position: p2 } = withCursor('[[6$0');
    const docs = service.completion.provideCompletion(parseDraft(t2), p2)!;
    for (const item of docs.items) {
      const doc = item.documentation;
      expectInert(rendered(typeof doc === 'string' ? doc : (doc?.value ?? '')));
    }
  });

  it('in inlay hints, which are plain text labels', () => {
    const paper = styleDraft(parseDraft(DRAFT), service.index, style, 'html');
    const hints = provideInlayHints(paper, 'full');
    expect(hints).toHaveLength(2);
    for (const h of hints) {
      expect(typeof h.label).toBe('string');
      // Plain text: what citeproc escaped for HTML is decoded back to the characters themselves.
      expect(h.label as string).not.toMatch(/&lt;|&#/);
    }
    expect(hints[0]!.label).toContain('<script>alert(1)</script>');
  });

  it('in the preview', () => {
    const table = paperTable('file:///w/draft.md', parseDraft(DRAFT), service.index, style);
    const md = new MarkdownIt().use(citationsPlugin, { paperFor: () => table });
    const html = md.render(DRAFT, {});
    expect(html).toContain('&lt;script&gt;');
    expectInert(html);
  });

  it('in the Sources view', () => {
    const report = sourcesReport(service.index, []);
    const doc = report.documents[0]!;
    const node = {
      kind: 'document' as const,
      target: doc.id,
      label: doc.title,
      uri: HOSTILE.uri,
      range: HOSTILE.anchors[0]!.range,
      here: 0,
      workspace: 0,
      children: [],
    };
    const data = itemData(node, false);
    // Tree items are plain strings (VS Code shows them as text, never as Markdown or HTML).
    expect(typeof data.label).toBe('string');
    expect(typeof data.tooltip).toBe('string');
  });

  it.each(['html', 'markdown', 'docx'] as const)('in exported %s', async (format) => {
    const result = await exportPaper({
      draftText: DRAFT,
      index: service.index,
      style,
      format,
      outputName: `paper.${format}`,
    });
    let shown: string;
    if (format === 'docx') {
      const files = unzipSync(result.content as Uint8Array);
      shown = strFromU8(files['word/document.xml']!) + strFromU8(files['word/footnotes.xml']!);
      expect(Object.keys(files).some((f) => f.includes('media/'))).toBe(false);
      expect(shown).not.toMatch(/<w:hyperlink/);
    } else shown = result.content as string;
    if (format === 'html') {
      expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expectInert(shown);
    } else if (format === 'markdown') {
      // Markdown: every character that could open a tag or a link is escaped.
      expect(shown).toContain('\\<script\\>alert(1)\\</script\\>');
      expectInert(rendered(shown));
    } else {
      expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});
