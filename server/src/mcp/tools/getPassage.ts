/**
 * `get_passage`: the whole passage a citation points at — its heading, pages, the document's
 * metadata, the source file and line — and the anchors inside it, to cite narrower.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { citationLocator } from '../../engine/biblio/pages.js';
import { docTitle, innermostSection, passageText } from '../../engine/corpus/sourceDoc.js';
import { readCitationArg } from '../citationArg.js';
import { documentInfo, documentLine, documentShape } from '../documentInfo.js';
import { answer, refuse } from '../toolResult.js';
import type { WorkspaceCorpus } from '../workspaceCorpus.js';

/** A passage longer than this (a whole long document) is cut; its anchors say where to look. */
export const MAX_PASSAGE_CHARS = 20_000;
const MAX_ANCHORS = 60;

export function registerGetPassage(server: McpServer, corpus: WorkspaceCorpus): void {
  server.registerTool(
    'get_passage',
    {
      title: 'Read a passage',
      description:
        'The whole passage a citation points at ([[002#us-phase3]], 002#us-phase3, with @pages or not; or a whole document, 002), with its heading, pages, the document it is in and the anchors inside it. Quote only words you read here.',
      inputSchema: { citation: z.string().min(1).describe('[[002#us-phase3]] or 002#us-phase3') },
      outputSchema: {
        citation: z.string(),
        document: z.object(documentShape),
        heading: z.string(),
        pages: z.string().optional(),
        text: z.string(),
        truncated: z.boolean(),
        source: z.object({ path: z.string(), line: z.number().int().describe('1-based') }),
        anchors: z.array(z.object({ citation: z.string(), name: z.string() })),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ citation }) => {
      await corpus.refresh();
      const arg = readCitationArg(corpus.service.index, citation);
      if (!arg.ok) return refuse(arg.message);
      const { doc, anchor, citation: c } = arg;
      const whole = passageText(doc, anchor);
      const truncated = whole.length > MAX_PASSAGE_CHARS;
      const text = truncated ? `${whole.slice(0, MAX_PASSAGE_CHARS)}…` : whole;
      const locator = citationLocator(doc, anchor, c.locator?.text);
      const heading = anchor
        ? anchor.kind === 'heading' || anchor.kind === 'slug'
          ? anchor.name
          : (innermostSection(doc, anchor.firstBlock)?.name ?? docTitle(doc))
        : docTitle(doc);
      const first = anchor?.firstBlock ?? 0;
      const end = anchor?.endBlock ?? doc.blocks.length;
      const inside = doc.anchors.filter(
        (a) =>
          a !== anchor &&
          a.kind !== 'paragraph' &&
          doc.anchorMap.get(a.id) === a &&
          a.firstBlock >= first &&
          a.endBlock <= end,
      );
      const anchors = inside
        .slice(0, MAX_ANCHORS)
        .map((a) => ({ citation: `[[${doc.id}#${a.id}]]`, name: a.name }));
      const line = anchor ? anchor.range.start.line : 0;
      const structured = {
        citation: `[[${c.target}${c.locator ? `@${c.locator.text}` : ''}]]`,
        document: documentInfo(doc),
        heading,
        ...(locator ? { pages: locator.text } : {}),
        text,
        truncated,
        source: { path: corpus.show(doc.uri), line: line + 1 },
        anchors,
      };
      const lines = [
        `${structured.citation}${locator ? ` (p. ${locator.text})` : ''} — ${documentLine(structured.document)} › ${heading}`,
        `Source: ${structured.source.path}:${structured.source.line}`,
        '',
        text,
      ];
      if (truncated)
        lines.push('', `(cut at ${MAX_PASSAGE_CHARS} characters: cite one of the anchors below)`);
      if (anchors.length)
        lines.push(
          '',
          `Anchors inside${inside.length > anchors.length ? ` (first ${anchors.length} of ${inside.length})` : ''}:`,
          ...anchors.map((a) => `- ${a.citation} ${a.name}`),
        );
      return answer(structured, lines.join('\n'));
    },
  );
}
