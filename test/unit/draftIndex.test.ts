/**
 * The draft index keeps a changed draft's text and parses it when asked: only the newest text,
 * once; a parse run in steps never installs a result older than one installed meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { DraftIndex } from '../../server/src/engine/index/draftIndex.js';

describe('DraftIndex', () => {
  it('parses only the newest text, when something asks for it', () => {
    const drafts = new DraftIndex();
    drafts.set('a', '[[001#x]]\n');
    for (let i = 0; i < 20; i++) drafts.setText('a', `${'新'.repeat(i)}[[001#x]]\n`);
    expect(drafts.parses.get('a')).toBe(1);
    expect(drafts.isCurrent('a')).toBe(false);
    expect(drafts.get('a')!.citations.map((c) => c.start)).toEqual([19]);
    expect(drafts.get('a')!.citations.map((c) => c.start)).toEqual([19]);
    expect(drafts.parses.get('a')).toBe(2);
    drafts.setText('a', '[[002#y]]\n');
    expect(drafts.sitesOf('002#y').map((s) => s.citation.start)).toEqual([0]);
    expect(drafts.sitesOf('001#x')).toEqual([]);
    expect(drafts.parses.get('a')).toBe(3);
  });

  it('a parse in steps overtaken by a newer one returns its result without installing it', () => {
    const drafts = new DraftIndex();
    drafts.set('a', 'A [[001]]\n');
    const steps = drafts.setSteps('a', `B ${'[[002]]'.repeat(3000)}\n`);
    expect(steps.next().done).toBe(false);
    drafts.set('a', 'C [[003]]\n');
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect(step.value.citations).toHaveLength(3000);
    expect(drafts.get('a')!.citations.map((c) => c.target)).toEqual(['003']);
    expect(drafts.countOf('002')).toBe(0);
  });
});
