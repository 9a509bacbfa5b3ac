import { describe, expect, it } from 'vitest';
import { confineToRoot, leavesRoot, mergeConfig } from '../../server/src/engine/config.js';

describe('confineToRoot (untrusted workspaces)', () => {
  it.each([
    ['corpus/', false],
    ['./papers/**/*.md', false],
    ['a/../b', false],
    ['../shared/seeds', true],
    ['a/../../x', true],
    ['/etc', true],
    ['C:/Users', true],
    ['~/notes', true],
    ['..\\\\x', true],
  ])('%s leaves the root: %s', (entry, leaves) => {
    expect(leavesRoot(entry)).toBe(leaves);
  });

  it('keeps the entries inside and names the refused ones', () => {
    const config = mergeConfig({ corpus: ['corpus/', '../../../home/me/**/*.md', '/etc/*.txt'] });
    const confined = confineToRoot(config);
    expect(confined.refused).toEqual(['../../../home/me/**/*.md', '/etc/*.txt']);
    expect(confined.config.corpus).toEqual(['corpus/']);
  });
});
