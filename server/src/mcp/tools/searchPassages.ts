/**
 * `search_passages`: the passages that best match a query, as passage completion finds them
 * (Chinese in either script, English), each with the citation to paste first.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { formatPages } from '../../engine/biblio/pages.js';
import { documentInfo, documentLine, documentShape } from '../documentInfo.js';
import { answer } from '../toolResult.js';
import type { WorkspaceCorpus } from '../workspaceCorpus.js';
import { excerptAround } from './excerpt.js';

/** About this many characters of each passage are returned; the rest is `get_passage`'s. */
export const EXCERPT_CHARS = 600;

const passageShape = {
  citation: z.string().describe('ready to paste: [[002#us-phase3]]'),
  document: z.object(documentShape),
  heading: z.string(),
  pages: z.string().optional().describe('the printed pages this passage is on, e.g. 54 or 53–54'),
  text: z.string().describe('the passage, cut to about 600 characters around the match (… marks a cut)'),
  sentence: z.string().describe('the sentence that matched best'),
  score: z.number(),
};

export function registerSearchPassages(server: McpServer, corpus: WorkspaceCorpus): void {
  server.registerTool(
    'search_passages',
    {
      title: 'Search the sources',
      description:
        'Finds the passages of the corpus that best match a query (words or a phrase; Chinese in Simplified or Traditional script, or English). Each result starts with the citation to paste ([[002#us-phase3]]), then the document, heading, pages and the passage text. Read a whole passage with get_passage before quoting it.',
      inputSchema: {
        query: z.string().min(1).describe('words to look for'),
        limit: z.number().int().min(1).max(50).optional().describe('how many passages (default 10)'),
        documents: z.array(z.string()).optional().describe('search only these document ids'),
      },
      outputSchema: { passages: z.array(z.object(passageShape)) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, limit = 10, documents }) => {
      await corpus.refresh();
      const within = documents?.length ? new Set(documents) : undefined;
      const passages = [];
      for (const r of corpus.passages.search(query, limit, within)) {
        const doc = corpus.service.index.getByUri(r.uri)!;
        const block = doc.blocks[r.block]!;
        const pages =
          block.pageStart !== undefined
            ? formatPages([{ first: block.pageStart, last: block.pageEnd ?? block.pageStart }])
            : undefined;
        passages.push({
          citation: `[[${r.target}]]`,
          document: documentInfo(doc),
          heading: r.heading,
          ...(pages ? { pages } : {}),
          text: excerptAround(block.text, r.sentence, EXCERPT_CHARS),
          sentence: r.sentence,
          score: Math.round(r.score * 1000) / 1000,
        });
        if (passages.length >= limit) break;
      }
      const text = passages.length
        ? passages
            .map(
              (p, i) =>
                `${i + 1}. ${p.citation}${p.pages ? ` (p. ${p.pages})` : ''} — ${documentLine(p.document)} › ${p.heading}\n${p.text}`,
            )
            .join('\n\n')
        : `No passage matches '${query}'. Try other words, or the other script (Simplified/Traditional).`;
      return answer({ passages }, text);
    },
  );
}
