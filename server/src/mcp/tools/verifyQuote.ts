/**
 * `verify_quote`: is this quotation verbatim in the cited passage? The verdicts and messages are
 * the diagnostics' own (`quote-converted`, `quote-elsewhere`, `quote-not-found`), or `verified`.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { standaloneQuote } from '../../engine/drafts/quotes.js';
import { quoteDiagnostic } from '../../engine/features/quoteCheck.js';
import { readCitationArg } from '../citationArg.js';
import { answer, refuse } from '../toolResult.js';
import type { WorkspaceCorpus } from '../workspaceCorpus.js';

export const VERDICTS = [
  'verified',
  'quote-converted',
  'quote-elsewhere',
  'quote-not-found',
  'quote-no-text',
] as const;

export function registerVerifyQuote(server: McpServer, corpus: WorkspaceCorpus): void {
  server.registerTool(
    'verify_quote',
    {
      title: 'Verify a quotation',
      description:
        "Checks that a quotation is word for word in the cited passage, as the checker will check the draft: verified; quote-converted (the words match only in the other Chinese script: quote the source as it is written); quote-elsewhere (the words are in another passage: cite that one); quote-not-found (with the closest passage and the source's own wording); quote-no-text (the document has metadata only: nothing to verify against). Omitted words may be marked with … or ……",
      inputSchema: {
        citation: z.string().min(1).describe('the passage cited: [[002#us-phase3]] or 002#us-phase3'),
        quote: z.string().min(1).describe('the quoted words, without quotation marks'),
      },
      outputSchema: {
        verdict: z.enum(VERDICTS),
        message: z.string(),
        citation: z.string(),
        found: z
          .string()
          .optional()
          .describe('quote-elsewhere: the passage that has the words; quote-not-found: the closest passage'),
        similarity: z.number().optional().describe('quote-not-found: 0–1, how close the closest passage is'),
        sourceWording: z
          .string()
          .optional()
          .describe("quote-not-found: the source's own words at the closest place"),
        sourceScript: z.enum(['simplified', 'traditional']).optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ citation, quote }) => {
      await corpus.refresh();
      const arg = readCitationArg(corpus.service.index, citation);
      if (!arg.ok) return refuse(arg.message);
      const cited = `[[${arg.citation.target}]]`;
      const judged = corpus.service.quotes.judgeQuote(standaloneQuote(arg.citation, quote.trim()));
      if (!judged) return refuse(`${cited} does not resolve.`);
      const v = judged.verdict;
      const d = quoteDiagnostic(judged);
      const structured = {
        verdict: d ? (d.code as (typeof VERDICTS)[number]) : ('verified' as const),
        message: d?.message ?? `Quote verified: verbatim in ${cited}.`,
        citation: cited,
        ...(v.kind === 'elsewhere' ? { found: `[[${v.target}]]` } : {}),
        ...(v.kind === 'not-found' && v.closest
          ? {
              found: `[[${v.closest.target}]]`,
              similarity: Math.floor(v.closest.similarity * 100) / 100,
              ...(v.closest.wording ? { sourceWording: v.closest.wording } : {}),
            }
          : {}),
        ...(v.kind === 'converted' ? { sourceScript: v.sourceScript } : {}),
      };
      const lines = [`${structured.verdict}: ${structured.message}`];
      if (structured.sourceWording) lines.push(`The source's wording: ${structured.sourceWording}`);
      return answer(structured, lines.join('\n'));
    },
  );
}
