/**
 * The prompt `cite-with-verified-quotes`: the workflow that makes every citation an assistant
 * writes pass the checker — search, read the passage, quote verbatim, verify, cite with the page.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export const CITE_PROMPT = `Support the claim below with the sources of this workspace's corpus, and cite them so that \`source-anchors check\` passes.

1. search_passages with the claim's key words (Chinese sources may be in Simplified or Traditional script; search in the script you have, both are found).
2. get_passage on the best results: read the whole passage, not only the excerpt. Never cite a passage you have not read.
3. Quote the source's words exactly, character for character, in quotation marks: “…”. Mark words left out with ……. Do not translate or convert the script inside the quotation.
4. verify_quote with the citation and your quotation. Only "verified" may go into the text. On quote-converted, use the source's script; on quote-elsewhere, cite the passage it names; on quote-not-found, use the source's wording it gives, or paraphrase without quotation marks.
5. Cite right after the closing quotation mark: “…”[[002#us-phase3]]. When the passage spans pages and your words are on one, add the page: [[002#us-phase3@54]]. format_citation shows how the paper will print it.
6. When the text is a draft in the workspace, check_draft it at the end and fix every diagnostic.

If the corpus has no passage for the claim, say so; never invent a source, an anchor or a quotation.`;

export function registerCitePrompt(server: McpServer): void {
  server.registerPrompt(
    'cite-with-verified-quotes',
    {
      title: 'Cite with verified quotes',
      description:
        'Find support for a claim in the corpus, quote it verbatim, verify the quote and cite it with its page.',
      argsSchema: { claim: z.string().describe('the claim to support') },
    },
    ({ claim }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `${CITE_PROMPT}\n\nClaim: ${claim}` } }],
    }),
  );
}
