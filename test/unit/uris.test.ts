/** `relativeTo`: the fast path for files inside the folder gives exactly what `path.relative` gives. */
import fc from 'fast-check';
import { posix } from 'node:path';
import { URI } from 'vscode-uri';
import { describe, expect, it } from 'vitest';
import { relativePath, relativeTo } from '../../server/src/engine/uris.js';

describe('relativeTo', () => {
  it('gives the examples of relativePath', () => {
    expect(relativePath('file:///w', 'file:///w/corpus/002.md')).toBe('corpus/002.md');
    expect(relativePath('file:///w/', 'file:///w/corpus/002.md')).toBe('corpus/002.md');
    expect(relativePath('file:///w', 'file:///seeds/a.txt')).toBe('../seeds/a.txt');
    expect(relativePath('file:///', 'file:///w/a.md')).toBe('w/a.md');
    expect(relativePath('file:///w', 'file:///w2/a.md')).toBe('../w2/a.md');
    expect(relativePath('file:///w', 'file:///w/a/../b.md')).toBe('b.md');
    expect(relativePath('file:///w', 'file:///w/%E8%B5%84%E6%96%99.md')).toBe('资料.md');
  });

  it('agrees with path.relative on any folder and file', () => {
    const segment = fc.constantFrom('w', 'w2', 'corpus', '资料', '.', '..', '', 'a b', 'x.md');
    const path = fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`);
    fc.assert(
      fc.property(path, path, (root, file) => {
        let rootUri: string, uri: string, want: string;
        try {
          rootUri = URI.file(root).toString();
          uri = URI.file(file).toString();
          want = posix.relative(URI.parse(rootUri).path, URI.parse(uri).path);
        } catch {
          return fc.pre(false); // Not a file URI (`////w`): no listing gives one.
        }
        expect(relativeTo(rootUri)(uri)).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });
});
