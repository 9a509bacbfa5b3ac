/**
 * What the Sources view's welcome content shows, from the server's status, as the two context
 * keys package.json's `viewsWelcome` reads: `sourceAnchors.indexing` (the corpus is being read)
 * and `sourceAnchors.noSources` (it was read and holds no source). Plain data, tested without
 * VS Code. Before the first status the server is starting, which reads as indexing.
 *
 *     { state: 'indexing', sources: 0, … } → { indexing: true,  noSources: false }
 *     { state: 'ready',    sources: 0, … } → { indexing: false, noSources: true }
 *     { state: 'ready',    sources: 5, … } → { indexing: false, noSources: false }
 */
import type { StatusParams } from '../../server/src/lsp/protocolTypes';

export interface WelcomeState {
  indexing: boolean;
  noSources: boolean;
}

export const STARTING: WelcomeState = { indexing: true, noSources: false };

export function welcomeState(status: Pick<StatusParams, 'state' | 'sources'>): WelcomeState {
  return {
    indexing: status.state === 'indexing',
    noSources: status.state === 'ready' && status.sources === 0,
  };
}

/** The walkthrough's id as `workbench.action.openWalkthrough` takes it: publisher.name#id. */
export const WALKTHROUGH_ID = 'source-anchors.source-anchors#sourceAnchors.getStarted';
