/**
 * The start-up fast paths for file URIs give exactly what vscode-uri and path.posix give: the
 * relative path of a file under a root, a plain path's file URI and a file URI's path (property
 * tests over paths mixing plain characters with ones a URI encodes, dot segments and doubled slashes).
 */
import fc from 'fast-check';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import { relativePath, relativeTo } from '../../server/src/engine/uris.js';
import { filePath, fileUri } from '../../server/src/node/nodeWorkspace.js';

const slow = (root: string, uri: string) => posix.relative(URI.parse(root).path, URI.parse(uri).path);
const segment = fc
  .array(fc.constantFrom('a', 'B', '0', '_', '-', '.', '~', ' ', '%', '#', '?', '资', '料', '..'), {
    minLength: 0,
    maxLength: 4,
  })
  .map((parts) => parts.join(''));
// Rooted at a named folder: a path starting `//` is a UNC name, which URI.file refuses as written.
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/r/${s.join('/')}`);

describe('relativePath', () => {
  it('answers as parsing both URIs and path.posix.relative would, for files under the root and not', () => {
    fc.assert(
      fc.property(path, path, fc.boolean(), (root, rest, under) => {
        const rootUri = URI.file(root).toString();
        const uri = under ? URI.file(`${root}/${rest}`).toString() : URI.file(rest).toString();
        expect(relativePath(rootUri, uri)).toBe(slow(rootUri, uri));
        // Spelled by hand, as an editor may send them (unencoded, trailing slash).
        expect(relativePath(`${rootUri}/`, uri)).toBe(slow(`${rootUri}/`, uri));
        expect(relativePath(rootUri, `${rootUri}${rest}`)).toBe(slow(rootUri, `${rootUri}${rest}`));
      }),
      { seed: 11, numRuns: 2000 },
    );
    expect(relativePath('file:///w', 'file:///w/corpus/002.md')).toBe('corpus/002.md');
    expect(relativePath('file:///w', 'file:///w/corpus/./a/../002.md')).toBe('corpus/002.md');
    expect(relativePath('file:///w', 'file:///w/%E8%B5%84%E6%96%99.md')).toBe('资料.md');
    expect(relativePath('file:///w', 'file:///seeds/a.txt')).toBe('../seeds/a.txt');
  });
});

describe('fileUri', () => {
  it('prints a path as URI.file does', () => {
    fc.assert(
      fc.property(path, (p) => {
        expect(fileUri(p)).toBe(URI.file(p).toString());
      }),
      { seed: 12, numRuns: 2000 },
    );
    expect(fileUri('/w/corpus/002.md')).toBe('file:///w/corpus/002.md');
    expect(fileUri('/w/资料 1.md')).toBe('file:///w/%E8%B5%84%E6%96%99%201.md');
  });
});

describe('filePath', () => {
  it('reads a file URI as URI.parse(uri).fsPath does', () => {
    const drive = fc.constantFrom('', '/c:', '/C:', '/c%3A');
    fc.assert(
      fc.property(drive, path, fc.boolean(), (d, p, encoded) => {
        const uri = encoded ? URI.file(`${d}${p}`).toString() : `file://${d}${p}`;
        expect(filePath(uri)).toBe(URI.parse(uri).fsPath);
      }),
      { seed: 13, numRuns: 2000 },
    );
    expect(filePath('file:///w/corpus/002.md')).toBe('/w/corpus/002.md');
    expect(filePath('file:///w/%E8%B5%84%E6%96%99%201.md')).toBe('/w/资料 1.md');
    expect(filePath('file://host/share/a.md')).toBe('//host/share/a.md');
  });
});

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
