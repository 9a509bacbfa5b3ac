import { describe, expect, it } from 'vitest';
import {
  corpusFolder,
  corpusGlob,
  mergeConfig,
  parseConfigFile,
  PathClassifier,
  severityOf,
} from '../../server/src/engine/config.js';

describe('configuration', () => {
  it('sorts paths into sources and drafts with the defaults', () => {
    const c = new PathClassifier(mergeConfig());
    expect(c.isSource('corpus/002-x.md')).toBe(true);
    expect(c.isSource('corpus/sub/000.txt')).toBe(true);
    expect(c.isSource('corpus/image.png')).toBe(false);
    expect(c.isDraft('corpus/002-x.md')).toBe(false);
    expect(c.isDraft('examples/draft.md')).toBe(true);
    expect(c.isDraft('README.md')).toBe(true);
    expect(c.isDraft('node_modules/x/README.md')).toBe(false);
    expect(c.isDraft('notes.txt')).toBe(false);
  });

  it('reads source-anchors.json, and later layers win key by key', () => {
    const file = parseConfigFile(
      '{ "corpus": ["papers/**/*.md"], "drafts": "drafts/**/*.md", "severity": { "unknown-anchor": "warning" } }',
    );
    expect(file.errors).toEqual([]);
    const merged = mergeConfig(file.config, { severity: { 'malformed-citation': 'off' } });
    expect(merged.corpus).toEqual(['papers/**/*.md']);
    expect(merged.drafts).toEqual(['drafts/**/*.md']);
    expect(severityOf(merged, 'unknown-anchor')).toBe('warning');
    expect(severityOf(merged, 'malformed-citation')).toBe('off');
    expect(severityOf(merged, 'unknown-document')).toBe('error');
    const c = new PathClassifier(merged);
    expect(c.isSource('papers/a/b.md')).toBe(true);
    expect(c.isDraft('drafts/x.md')).toBe(true);
    expect(c.isDraft('README.md')).toBe(false);
  });

  it('reads the reference libraries to keep in the corpus', () => {
    expect(parseConfigFile('{ "library": ["refs/library.bib", "My Library.json"] }')).toEqual({
      config: { library: ['refs/library.bib', 'My Library.json'] },
      errors: [],
    });
    expect(parseConfigFile('{ "library": "library.bib" }').config.library).toEqual(['library.bib']);
    expect(mergeConfig({ library: ['a.bib'] }, {}).library).toEqual(['a.bib']);
    expect(parseConfigFile('{ "library": ["library.ris"] }')).toEqual({
      config: {},
      errors: ['source-anchors.json: "library" must be a list of .bib, .json, .yaml or .yml files'],
    });
  });

  it('explains bad files instead of throwing', () => {
    expect(parseConfigFile('{ corpus: 1').errors[0]).toMatch(/^source-anchors.json is not valid JSON/);
    expect(
      parseConfigFile(
        '{ "corpus": 3, "colour": 1, "severity": { "nope": "error", "unknown-anchor": "loud" } }',
      ).errors,
    ).toEqual([
      'source-anchors.json: "corpus" must be a list of non-empty paths or globs',
      'source-anchors.json: unknown setting "colour"',
      'source-anchors.json: unknown diagnostic code "nope" in "severity"',
      'source-anchors.json: severity of "unknown-anchor" must be error, warning, information, hint or off',
    ]);
  });

  it.each([
    ['corpus/', 'corpus/**', 'corpus'],
    ['./corpus', 'corpus/**', 'corpus'],
    ['papers/**/*.md', 'papers/**/*.md', 'papers'],
    ['../shared/seeds', '../shared/seeds/**', '../shared/seeds'],
    ['*.md', '*.md', '.'],
  ])('corpus entry %s → glob %s, folder %s', (entry, glob, folder) => {
    expect(corpusGlob(entry)).toBe(glob);
    expect(corpusFolder(entry)).toBe(folder);
  });
});
