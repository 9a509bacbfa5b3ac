/**
 * `format_citation`: what the exported paper prints for a citation — the footnote (note styles)
 * or the in-text form, and the bibliography entry — through the same styles, locales and pages
 * as `source-anchors export` and the editor's preview.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { builtinStyle, chooseLocale } from '../../engine/biblio/styles.js';
import { leavesRoot } from '../../engine/config.js';
import { parseDraft } from '../../engine/drafts/parseDraft.js';
import { styleDraft } from '../../engine/export/paper.js';
import { loadStyle } from '../../node/cslFiles.js';
import { readCitationArg } from '../citationArg.js';
import { answer, refuse } from '../toolResult.js';
import type { WorkspaceCorpus } from '../workspaceCorpus.js';

export function registerFormatCitation(server: McpServer, corpus: WorkspaceCorpus): void {
  server.registerTool(
    'format_citation',
    {
      title: 'Format a citation',
      description:
        "How the paper will print a citation in a citation style: the footnote or in-text form (with the passage's pages) and the bibliography entry. Styles: gb-note (GB/T 7714-2015 footnotes), gb-author-date, chicago, apa, or a .csl file in the workspace; default: the workspace's style.",
      inputSchema: {
        citation: z.string().min(1).describe('[[002#us-phase3]], 002#us-phase3@54, …'),
        style: z
          .string()
          .optional()
          .describe('gb-note, gb-author-date, chicago, apa, or a .csl path in the workspace'),
        locale: z
          .string()
          .optional()
          .describe('zh-CN, zh-TW or en-US (default: the language of most sources)'),
      },
      outputSchema: {
        citation: z.string(),
        style: z.string().describe("the style's title"),
        kind: z.enum(['note', 'in-text']),
        locale: z.string(),
        pages: z.string().optional(),
        text: z.string().describe('the footnote (note styles) or the in-text citation'),
        bibliography: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ citation, style, locale }) => {
      await corpus.refresh();
      const arg = readCitationArg(corpus.service.index, citation);
      if (!arg.ok) return refuse(arg.message);
      const wanted = style?.trim() || corpus.config.citationStyle;
      if (wanted && !builtinStyle(wanted) && (leavesRoot(wanted) || !wanted.toLowerCase().endsWith('.csl')))
        return refuse(
          `Refused: '${wanted}' is neither a built-in style (gb-note, gb-author-date, chicago, apa) nor a .csl file inside the workspace.`,
        );
      if (locale !== undefined && !/^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/.test(locale))
        return refuse(`'${locale}' is not a locale: use zh-CN, zh-TW or en-US.`);
      const paperLocale = chooseLocale(locale, undefined, corpus.service.index);
      const loaded = loadStyle(wanted, paperLocale, corpus.root);
      if (!loaded.ok) return refuse(loaded.message);
      const c = arg.citation;
      const written = `[[${c.target}${c.locator ? `@${c.locator.text}` : ''}]]`;
      let paper;
      try {
        paper = styleDraft(parseDraft(written), corpus.service.index, loaded.style, 'text');
      } catch (e) {
        return refuse(`Cannot format with ${loaded.name}: ${(e as Error).message}`);
      }
      const cite = paper.cites[0];
      const structured = {
        citation: written,
        style: paper.style.title,
        kind: paper.style.kind,
        locale: paper.locale,
        ...(cite?.locator ? { pages: cite.locator.text } : {}),
        text: paper.texts[0] ?? '',
        bibliography: paper.bibliography[0] ?? '',
      };
      const form = structured.kind === 'note' ? 'Footnote' : 'In the text';
      return answer(
        structured,
        `${structured.style} (${structured.locale})\n${form}: ${structured.text}\n${paper.heading}: ${structured.bibliography}`,
      );
    },
  );
}
