/**
 * URI helpers. The engine names files by URI strings (`file:///w/corpus/002.md`), as LSP does;
 * `vscode-uri` parses and prints them the way VS Code does, CJK file names included.
 */
import { posix } from 'node:path';
import { URI, Utils } from 'vscode-uri';

/** The last path segment, decoded: `file:///w/%E8%B5%84%E6%96%99.md` → `资料.md`. */
export function fileName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

/** One spelling per file, so URIs from the editor and from the disk compare equal. */
export function canonicalUri(uri: string): string {
  return URI.parse(uri).toString();
}

/**
 * Path of `uri` relative to the folder `rootUri`, with `/` separators; `..` segments when the
 * file is outside it. Example: relativePath('file:///w', 'file:///w/corpus/002.md') === 'corpus/002.md',
 * relativePath('file:///w', 'file:///seeds/a.txt') === '../seeds/a.txt'.
 */
export function relativePath(rootUri: string, uri: string): string {
  return posix.relative(URI.parse(rootUri).path, URI.parse(uri).path);
}

export function joinUri(rootUri: string, relative: string): string {
  return Utils.joinPath(URI.parse(rootUri), relative).toString();
}
