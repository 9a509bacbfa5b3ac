/**
 * `check_draft`: a draft's diagnostics, exactly as `source-anchors check --format json` reports
 * them (codes, messages, suggestions, 1-based lines and columns). The draft is a file of the
 * workspace's drafts, or a text given in the call.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { checkDraftText, citedIds, corpusCounts, summarize } from '../../engine/checkFiles.js';
import { parseDraft } from '../../engine/drafts/parseDraft.js';
import { formatText, jsonReport } from '../../cli/format.js';
import { answer, refuse } from '../toolResult.js';
import type { WorkspaceCorpus } from '../workspaceCorpus.js';

/** The name a draft given as text is reported under. */
export const TEXT_DRAFT = '(text)';

const diagnosticShape = {
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
  severity: z.enum(['error', 'warning', 'information', 'hint']),
  code: z.string(),
  message: z.string(),
  citation: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
};

export function registerCheckDraft(server: McpServer, corpus: WorkspaceCorpus): void {
  server.registerTool(
    'check_draft',
    {
      title: 'Check a draft',
      description:
        'Checks every citation and quotation of a draft as the editor and `source-anchors check` do: unknown documents or anchors (with suggestions), pages out of range, quotations not verbatim in their cited passage. Give `path` (a draft file in the workspace) or `text` (Markdown). No diagnostics means every citation resolves and every quote is verified.',
      inputSchema: {
        path: z
          .string()
          .min(1)
          .optional()
          .describe('a draft file, relative to the workspace: drafts/essay.md'),
        text: z.string().optional().describe('the draft as Markdown, when it is not a file'),
      },
      outputSchema: {
        files: z.array(z.object({ path: z.string(), diagnostics: z.array(z.object(diagnosticShape)) })),
        summary: z.object({
          files: z.number().int(),
          citations: z.number().int(),
          errors: z.number().int(),
          warnings: z.number().int(),
          sources: z.number().int(),
          cited: z.number().int(),
        }),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ path, text }) => {
      if ((path === undefined) === (text === undefined))
        return refuse(
          'Give either `path` (a draft file in the workspace) or `text` (the draft itself), not both.',
        );
      await corpus.refresh();
      let uri = TEXT_DRAFT;
      let draftText = text ?? '';
      if (path !== undefined) {
        const picked = await corpus.pickDraft(path);
        if (!picked.ok) return refuse(picked.message);
        const read = await corpus.readDraft(picked.uri);
        if (!read.ok) return refuse(read.message);
        uri = picked.uri;
        draftText = read.text;
      }
      const { index, quotes } = corpus.service;
      const draft = parseDraft(draftText);
      const report = checkDraftText(uri, draft, index, corpus.config, quotes);
      const summary = summarize([report], corpusCounts(index, citedIds([draft])));
      const show = (u: string) => (u === TEXT_DRAFT ? TEXT_DRAFT : corpus.show(u));
      return answer(jsonReport([report], summary, show), formatText([report], summary, show).trimEnd());
    },
  );
}
