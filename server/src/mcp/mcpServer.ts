/**
 * The MCP server over one workspace: its six read-only tools, the corpus documents as resources
 * and the citing prompt, all answered by the engine through {@link WorkspaceCorpus}.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerCitePrompt } from './citePrompt.js';
import { registerDocumentResources } from './documentResources.js';
import { registerCheckDraft } from './tools/checkDraft.js';
import { registerFormatCitation } from './tools/formatCitation.js';
import { registerGetPassage } from './tools/getPassage.js';
import { registerListDocuments } from './tools/listDocuments.js';
import { registerSearchPassages } from './tools/searchPassages.js';
import { registerVerifyQuote } from './tools/verifyQuote.js';
import type { WorkspaceCorpus } from './workspaceCorpus.js';

const INSTRUCTIONS = `Source Anchors serves the sources of a writing workspace (its corpus). Drafts cite passages as [[002#us-phase3]] (document id, anchor), with pages as [[002#us-phase3@54]]. Before quoting, find the passage (search_passages), read it (get_passage) and check the exact words (verify_quote); check_draft checks a whole draft as the editor does. The prompt cite-with-verified-quotes gives the workflow.`;

export function createMcpServer(corpus: WorkspaceCorpus, version: string): McpServer {
  const server = new McpServer(
    { name: 'source-anchors', title: 'Source Anchors', version },
    { instructions: INSTRUCTIONS },
  );
  registerSearchPassages(server, corpus);
  registerGetPassage(server, corpus);
  registerVerifyQuote(server, corpus);
  registerCheckDraft(server, corpus);
  registerFormatCitation(server, corpus);
  registerListDocuments(server, corpus);
  registerDocumentResources(server, corpus);
  registerCitePrompt(server);
  return server;
}
