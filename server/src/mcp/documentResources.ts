/**
 * Each corpus document as an MCP resource, `source-anchors://document/002`: its source file as
 * written (Markdown with front matter, anchors and page marks), listable, read from the corpus
 * only.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { docTitle } from '../engine/corpus/sourceDoc.js';
import { readText } from '../engine/index/loadSources.js';
import { NodeWorkspace } from '../node/nodeWorkspace.js';
import { documentResourceUri } from './tools/listDocuments.js';
import type { WorkspaceCorpus } from './workspaceCorpus.js';

const mimeOf = (uri: string) => (/\.txt$/i.test(uri) ? 'text/plain' : 'text/markdown');

export function registerDocumentResources(server: McpServer, corpus: WorkspaceCorpus): void {
  const files = new NodeWorkspace([corpus.rootUri]);
  server.registerResource(
    'document',
    new ResourceTemplate('source-anchors://document/{id}', {
      list: async () => {
        await corpus.refresh();
        const index = corpus.service.index;
        return {
          resources: index
            .docs()
            .filter((d) => !d.unreadable && !index.shadowedBy(d))
            .map((d) => ({
              uri: documentResourceUri(d.id),
              name: d.id,
              title: docTitle(d),
              mimeType: mimeOf(d.uri),
            })),
        };
      },
    }),
    {
      title: 'Corpus document',
      description:
        'A source of the corpus as written: front matter, headings with their anchors, page marks.',
    },
    async (uri, variables) => {
      await corpus.refresh();
      const raw = variables.id;
      const id = decodeURIComponent(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
      const doc = corpus.service.index.get(id);
      if (!doc) throw new Error(`No document '${id}' in the corpus: list_documents gives the ids.`);
      const decoded = await readText(files, doc.uri);
      if (!decoded.ok) throw new Error(`Cannot read ${corpus.show(doc.uri)}: ${decoded.reason}`);
      return { contents: [{ uri: uri.href, mimeType: mimeOf(doc.uri), text: decoded.text }] };
    },
  );
}
