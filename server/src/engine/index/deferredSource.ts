/**
 * A source read and decoded but not parsed yet: its `uri` and `id` are known now (the id from the
 * front matter or the file name, as `parseSource` gives it), every other field parses the text the
 * first time it is read, once. `check` keeps the sources no draft cites this way: they answer for
 * their ids (a duplicate id, a "did you mean"), and cost a parse only if something asks more of
 * them (a passage search over the whole corpus, a suggestion that looks at their anchors).
 *
 * Example: `deferredSource('file:///c/002-x.md', { ok: true, text: '---\nid: "7"\n---\n# A', … })`
 * has `id` '7' and no parse; reading its `anchors` parses it, and from then on it is that parse.
 */
import type { Decoded } from '../corpus/decode.js';
import { fingerprint, isTextSource, sourceIdOf } from '../corpus/parseSource.js';
import type { SourceDoc } from '../corpus/sourceDoc.js';
import { ownString } from '../text/ownString.js';

/**
 * The fields a deferred source parses for; `uri`, `id`, `format`, `encoding` and `fingerprint` (the
 * corpus state of check's stored results hashes every source's) are known without.
 */
const PARSED_FIELDS = [
  'meta',
  'blocks',
  'anchors',
  'anchorMap',
  'problems',
  'lineCount',
] as const satisfies readonly (keyof SourceDoc)[];

/**
 * The source of `uri`, parsed by `parse` when first needed. `decoded` must be a text that decoded
 * (an undecodable file is an unreadable source, known without a parse); `id`, when the caller has
 * read it already, is `sourceIdOf(uri, decoded.text)`.
 */
export function deferredSource(
  uri: string,
  decoded: Extract<Decoded, { ok: true }>,
  parse: (uri: string, decoded: Decoded) => SourceDoc,
  id = sourceIdOf(uri, decoded.text),
): SourceDoc {
  const doc = {
    uri,
    id: ownString(id),
    format: isTextSource(uri) ? 'text' : 'markdown',
    encoding: decoded.encoding,
    fingerprint: fingerprint(decoded.text),
  } as SourceDoc;
  let pending: Extract<Decoded, { ok: true }> | undefined = decoded;
  const materialize = () => {
    const parsed = parse(uri, pending!);
    pending = undefined;
    for (const key of PARSED_FIELDS) {
      Object.defineProperty(doc, key, {
        value: parsed[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    // The same id, format, encoding and fingerprint by construction, unless the parser failed.
    if (parsed.unreadable) (doc as { unreadable?: true }).unreadable = true;
  };
  for (const key of PARSED_FIELDS) {
    Object.defineProperty(doc, key, {
      enumerable: true,
      configurable: true,
      get() {
        materialize();
        return doc[key];
      },
    });
  }
  return doc;
}

/** Whether `doc` is a deferred source not parsed yet. */
export function parsePending(doc: SourceDoc): boolean {
  return typeof Object.getOwnPropertyDescriptor(doc, 'anchors')?.get === 'function';
}

/**
 * The sources a partial load keeps for their ids only (deferred, or taken from the cache): the
 * "same anchor in another document" suggestions skip them, so that a suggestion neither parses the
 * whole corpus nor depends on which sources happened to be in the cache.
 */
const idOnly = new WeakSet<SourceDoc>();

export function markIdOnly(doc: SourceDoc): SourceDoc {
  idOnly.add(doc);
  return doc;
}

export function isIdOnly(doc: SourceDoc): boolean {
  return idOnly.has(doc);
}
