/**
 * `check` parses only the sources its drafts cite (issue 9): the others are deferred sources, known
 * by id, parsed only when something reads more of them — and then exactly what a parse gives.
 */
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../server/src/engine/corpus/decode.js';
import { parseSource, sourceIdOf } from '../../server/src/engine/corpus/parseSource.js';
import type { SourceDoc } from '../../server/src/engine/corpus/sourceDoc.js';
import { resolveCitation } from '../../server/src/engine/features/resolve.js';
import { parseDraft } from '../../server/src/engine/drafts/parseDraft.js';
import { CorpusIndex } from '../../server/src/engine/index/corpusIndex.js';
import { deferredSource, isIdOnly, parsePending } from '../../server/src/engine/index/deferredSource.js';
import { loadSources } from '../../server/src/engine/index/loadSources.js';
import type { ICorpusWorkspace } from '../../server/src/engine/workspace.js';
import { lines } from '../helpers/engine.js';

const FILES: Record<string, string> = {
  'file:///w/corpus/001-a.md': lines('# 甲', '', '## 背景 {#background}', '', '一段。 ^first', ''),
  'file:///w/corpus/002-b.md': lines(
    '---',
    'id: "b"',
    'title: 乙',
    '---',
    '',
    '## 背景 {#background}',
    '',
    '二段。',
    '',
  ),
  'file:///w/corpus/003-c.txt': lines('丙', '', '三段。', ''),
  'file:///w/corpus/004-d.md': lines('---', 'id: [oops', '---', '', '## 结论 {#end}', '', '四段。', ''),
};

const workspace: ICorpusWorkspace = {
  roots: ['file:///w/'],
  listFiles: () => Promise.resolve(Object.keys(FILES)),
  readFile: (uri) => Promise.resolve(new TextEncoder().encode(FILES[uri]!)),
};

function decoded(uri: string) {
  const d = decodeBytes(new TextEncoder().encode(FILES[uri]!));
  if (!d.ok) throw new Error('test text does not decode');
  return d;
}

describe('a deferred source', () => {
  it('has the id a parse gives, from the front matter or the file name, without parsing', () => {
    for (const uri of Object.keys(FILES)) {
      let parses = 0;
      const doc = deferredSource(uri, decoded(uri), (u, d) => {
        parses++;
        return parseSource(u, d.ok ? d.text : '');
      });
      expect(doc.id).toBe(parseSource(uri, FILES[uri]!).id);
      expect(doc.format).toBe(parseSource(uri, FILES[uri]!).format);
      expect(doc.fingerprint).toBe(parseSource(uri, FILES[uri]!).fingerprint);
      expect(parsePending(doc)).toBe(true);
      expect(parses).toBe(0);
    }
    expect(Object.keys(FILES).map((uri) => sourceIdOf(uri, FILES[uri]!))).toEqual(['001', 'b', '003', '004']);
  });

  it('parses once, when more than its id is read, and is then exactly the parse', () => {
    const uri = 'file:///w/corpus/002-b.md';
    let parses = 0;
    const doc = deferredSource(uri, decoded(uri), (u, d) => {
      parses++;
      return parseSource(u, d.ok ? d.text : '');
    });
    expect(doc.anchorMap.get('background')?.name).toBe('背景');
    expect(doc.blocks.length).toBe(parseSource(uri, FILES[uri]!).blocks.length);
    expect(parses).toBe(1);
    expect(parsePending(doc)).toBe(false);
    expect({ ...doc }).toEqual({ ...parseSource(uri, FILES[uri]!) });
  });
});

describe('loadSources with parseOnly', () => {
  async function load(only: string[]): Promise<CorpusIndex> {
    const index = new CorpusIndex();
    await loadSources(
      workspace,
      Object.keys(FILES),
      index,
      undefined,
      undefined,
      undefined,
      undefined,
      (id) => only.includes(id),
    );
    return index;
  }
  const pending = (index: CorpusIndex) =>
    index
      .docs()
      .filter((d) => parsePending(d))
      .map((d) => d.id);

  it('parses the sources asked for, keeps the others by id, and marks those id-only', async () => {
    const index = await load(['b']);
    expect(index.docs().map((d) => d.id)).toEqual(['001', '003', '004', 'b']);
    expect(pending(index)).toEqual(['001', '003', '004']);
    expect(index.docs().map((d: SourceDoc) => isIdOnly(d))).toEqual([true, true, true, false]);
    expect(index.get('b')?.anchorMap.has('background')).toBe(true);
  });

  it('still resolves a citation of a source kept by id (parsing it then), and suggests only among parsed ones', async () => {
    const index = await load(['b']);
    const [ok, missing] = parseDraft('[[001#background]] [[b#first]]\n').citations;
    const r = resolveCitation(index, ok!);
    expect(r.kind).toBe('anchor');
    expect(pending(index)).toEqual(['003', '004']);
    // `first` is a block of 001, but 001 is id-only: it is not offered for b's missing anchor,
    // as it is when every source is parsed.
    const s = resolveCitation(index, missing!);
    expect(s.kind === 'unknown-anchor' && s.suggestions).toEqual(['b#background']);
    expect(pending(index)).toEqual(['003', '004']);
    const full = new CorpusIndex();
    await loadSources(workspace, Object.keys(FILES), full);
    const all = resolveCitation(full, missing!);
    expect(all.kind === 'unknown-anchor' && all.suggestions).toEqual(['001#first']);
  });

  it('without parseOnly parses every source', async () => {
    const index = new CorpusIndex();
    await loadSources(workspace, Object.keys(FILES), index);
    expect(pending(index)).toEqual([]);
    expect(index.docs().some((d) => isIdOnly(d))).toBe(false);
  });
});
