/**
 * What greets a new writer: the Sources view's welcome states from the server's status, and the
 * manifest's walkthrough and welcome content — every step has its image on disk, and every button
 * runs a command the extension contributes (or one of VS Code's own).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTING, WALKTHROUGH_ID, welcomeState } from '../../client/src/welcomeState';
import { REPO } from '../lsp/harness.js';

interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    commands: { command: string }[];
    viewsWelcome: { view: string; contents: string; when: string }[];
    walkthroughs: {
      id: string;
      steps: { id: string; description: string; media: { image: string; altText: string } }[];
    }[];
  };
}
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;

/** The command ids of a description's `command:` links, without their arguments. */
const commandsIn = (text: string) => [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);

describe('welcome state', () => {
  it('is indexing until the server says it is ready, then says whether there is no source', () => {
    expect(STARTING).toEqual({ indexing: true, noSources: false });
    expect(welcomeState({ state: 'indexing', sources: 0 })).toEqual({ indexing: true, noSources: false });
    expect(welcomeState({ state: 'indexing', sources: 3 })).toEqual({ indexing: true, noSources: false });
    expect(welcomeState({ state: 'ready', sources: 0 })).toEqual({ indexing: false, noSources: true });
    expect(welcomeState({ state: 'ready', sources: 5 })).toEqual({ indexing: false, noSources: false });
  });
});

describe('walkthrough and welcome content', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const ours = new Set(manifest.contributes.commands.map((c) => c.command));

  it('is the walkthrough Get Started opens', () => {
    expect(`${manifest.publisher}.${manifest.name}#${walkthrough!.id}`).toBe(WALKTHROUGH_ID);
  });

  it('has the six steps, each with an image on disk and a button', () => {
    expect(walkthrough!.steps.map((s) => [s.id, commandsIn(s.description)])).toEqual([
      ['corpus', ['workbench.action.files.openFolder', 'sourceAnchors.createCorpus']],
      ['addSource', ['sourceAnchors.addSource']],
      ['cite', ['workbench.action.files.newUntitledFile', 'sourceAnchors.insertCitation']],
      ['hover', ['editor.action.showHover']],
      ['checkAll', ['sourceAnchors.checkAll']],
      ['export', ['sourceAnchors.exportPaper']],
    ]);
    for (const step of walkthrough!.steps) {
      expect(existsSync(join(REPO, step.media.image)), step.media.image).toBe(true);
      expect(readFileSync(join(REPO, step.media.image), 'utf8')).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
      );
      expect(step.media.altText.length).toBeGreaterThan(10);
    }
  });

  it('shows Add Source…, Create corpus/ and the walkthrough when there is no source, and a line while indexing', () => {
    expect(manifest.contributes.viewsWelcome.map((w) => [w.view, w.when, commandsIn(w.contents)])).toEqual([
      [
        'sourceAnchors.sources',
        'sourceAnchors.noSources',
        ['sourceAnchors.addSource', 'sourceAnchors.createCorpus', 'sourceAnchors.getStarted'],
      ],
      ['sourceAnchors.sources', 'sourceAnchors.indexing', []],
    ]);
  });

  it('runs only commands that exist', () => {
    const all = [
      ...walkthrough!.steps.flatMap((s) => commandsIn(s.description)),
      ...manifest.contributes.viewsWelcome.flatMap((w) => commandsIn(w.contents)),
    ];
    const builtIn = [
      'workbench.action.files.openFolder',
      'workbench.action.files.newUntitledFile',
      'editor.action.showHover',
    ];
    for (const id of all) expect(ours.has(id!) || builtIn.includes(id!), id).toBe(true);
  });
});
