/**
 * `list_documents`: the corpus's documents — ids, titles, authors, dates, pages and how many
 * anchors each has — all of them, or those whose id, title or authors hold a query.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { foldForSearch } from '../../engine/search/searchText.js';
import { documentInfo, documentLine, documentShape } from '../documentInfo.js';
import { answer } from '../toolResult.js';
import type { WorkspaceCorpus } from '../workspaceCorpus.js';

const MAX_LISTED = 500;

export function registerListDocuments(server: McpServer, corpus: WorkspaceCorpus): void {
  server.registerTool(
    'list_documents',
    {
      title: 'List the sources',
      description:
        'The documents of the corpus: id (what a citation names: [[002]]), title, authors, date, pages, anchor count and the resource to read it whole (source-anchors://document/002). With `query`, only those whose id, title or authors contain it (either Chinese script).',
      inputSchema: { query: z.string().optional().describe('part of an id, title or author') },
      outputSchema: {
        documents: z.array(
          z.object({ ...documentShape, anchors: z.number().int(), resource: z.string(), path: z.string() }),
        ),
        total: z.number().int().describe('how many documents match, listed or not'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query }) => {
      await corpus.refresh();
      const q = query?.trim() ? foldForSearch(query.trim()) : undefined;
      const index = corpus.service.index;
      const matching = index
        .docs()
        .filter((d) => !d.unreadable && !index.shadowedBy(d))
        .filter(
          (d) => !q || foldForSearch([d.id, d.meta.title ?? '', ...d.meta.authors].join('\n')).includes(q),
        );
      const documents = matching.slice(0, MAX_LISTED).map((d) => ({
        ...documentInfo(d),
        anchors: d.anchorMap.size,
        resource: documentResourceUri(d.id),
        path: corpus.show(d.uri),
      }));
      const text = documents.length
        ? [
            ...documents.map((d) => `[[${d.id}]] ${documentLine(d)} — ${d.anchors} anchors`),
            ...(matching.length > documents.length
              ? [`(first ${documents.length} of ${matching.length})`]
              : []),
          ].join('\n')
        : `No document's id, title or authors contain '${query}'.`;
      return answer({ documents, total: matching.length }, text);
    },
  );
}

/** `source-anchors://document/002`: a document as an MCP resource. */
export function documentResourceUri(id: string): string {
  return `source-anchors://document/${encodeURIComponent(id)}`;
}
