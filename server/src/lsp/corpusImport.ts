/**
 * What Add Source… (importHandler.ts) and Import Library… (libraryHandler.ts) share: the answer
 * for an import refused, the corpus folder an import goes into, the citations of every draft the
 * server knows (a re-import is checked against them), and the documents an import wrote.
 *
 * Example: for `file:///w/refs.bib` in a workspace `/w` whose corpus is `corpus/`, the target is
 * `{ root: '/w', into: '/w/corpus', rel('/w/corpus/lan.md') === 'corpus/lan.md' }`.
 */
import { relative, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { corpusFolder } from '../engine/config.js';
import { citationsOf } from '../engine/import/reimportReport.js';
import type { SourceAnchorsService } from '../engine/service.js';
import type { ProjectState } from './projectState.js';
import type { ImportSourcesResult } from './protocolTypes.js';

export function importRefused(
  message: string,
  report: string[] = [],
  broken: string[] = [],
): ImportSourcesResult {
  return { ok: false, message, documents: [], report, broken };
}

export interface CorpusTarget {
  /** The workspace folder's path. */
  root: string;
  /** Its first corpus folder, where imports are written. */
  into: string;
  /** A path as the report shows it: relative to the folder, with `/`. */
  rel(path: string): string;
}

/** The corpus folder of the workspace folder holding `uri` (else the first), or undefined when none is open. */
export function corpusTarget(state: ProjectState, uri: string): CorpusTarget | undefined {
  const rootUri = state.rootOf(uri) ?? state.roots[0];
  if (!rootUri) return undefined;
  const root = URI.parse(rootUri).fsPath;
  const into = resolve(root, corpusFolder(state.configFor(rootUri).corpus[0] ?? 'corpus/'));
  return { root, into, rel: (path) => relative(root, path).split(sep).join('/') };
}

/** Where every draft the server knows cites `docId`: what a re-import of it must keep. */
export function draftCitationsOf(service: SourceAnchorsService) {
  return async (docId: string) =>
    citationsOf(
      service.drafts.uris().flatMap((uri) => {
        const draft = service.drafts.get(uri);
        return draft ? [{ uri, draft }] : [];
      }),
      docId,
    );
}

/** The documents of an import, and whether each was written (not already up to date). */
export function importedDocuments(
  docs: readonly { path: string; id: string }[],
  written: readonly string[],
): ImportSourcesResult['documents'] {
  return docs.map((d) => ({ uri: URI.file(d.path).toString(), id: d.id, written: written.includes(d.path) }));
}
