/**
 * `sourceAnchors/sources`: the engine's SourcesReport as the Sources view's tree, with counts for
 * the active draft (`here`) and every draft of the workspace.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  sourcesReport,
  type AnchorReport,
  type DocumentReport,
  type DraftEntry,
} from '../engine/features/sourcesReport.js';
import { canonicalUri } from '../engine/uris.js';
import type { ProjectState } from './projectState.js';
import type { SourceNode, SourcesResult } from './protocolTypes.js';

export function sourcesTree(state: ProjectState, active: TextDocument | undefined): SourcesResult {
  const { index, drafts } = state.service;
  const entries: DraftEntry[] = drafts.uris().map((uri) => ({ uri, draft: drafts.get(uri)! }));
  const isDraft = !!active && !index.getByUri(canonicalUri(active.uri));
  const activeEntry = isDraft ? { uri: canonicalUri(active.uri), draft: state.draftOf(active) } : undefined;
  const report = sourcesReport(index, entries, activeEntry);
  return { draft: isDraft, documents: report.documents.map(documentNode) };
}

function documentNode(d: DocumentReport): SourceNode {
  const start = { line: 0, character: 0 };
  return {
    kind: 'document',
    target: d.id,
    label: d.title,
    uri: d.uri,
    range: { start, end: start },
    here: d.here ?? 0,
    workspace: d.sites.length,
    children: d.anchors.map((a) => anchorNode(d, a)),
    ...(d.noText ? { noText: true as const } : {}),
  };
}

function anchorNode(d: DocumentReport, a: AnchorReport): SourceNode {
  return {
    kind: a.kind === 'slug' ? 'heading' : a.kind,
    target: `${d.id}#${a.id}`,
    label: a.name,
    uri: d.uri,
    range: a.range,
    here: a.here ?? 0,
    workspace: a.sites.length,
    children: a.children.map((c) => anchorNode(d, c)),
  };
}
