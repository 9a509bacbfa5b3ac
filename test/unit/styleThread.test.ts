/**
 * The style thread formats a paper in dist/styleWorker.js exactly as the calling thread does, and
 * a worker that cannot run says so (`failed`), so the server formats in slices instead.
 * Needs the build (dist/styleWorker.js, dist/csl).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toCslItem } from '../../server/src/engine/biblio/cslItem.js';
import { formatPaper } from '../../server/src/engine/biblio/formatter.js';
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import { loadStyle } from '../../server/src/node/cslFiles.js';
import { patchStyle } from '../../server/src/engine/biblio/stylePatches.js';
import { StyleThread } from '../../server/src/node/styleThread.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const items = readdirSync(join(REPO, 'corpus')).map((f) =>
  toCslItem(parseSource(`file:///repo/corpus/${f}`, readFileSync(join(REPO, 'corpus', f), 'utf8'))),
);
const cites = [
  { itemId: '002', locator: '53–55' },
  { itemId: '002', locator: '54' },
  { itemId: '004' },
  { itemId: '002', locator: '54' },
];

describe('StyleThread', () => {
  const thread = new StyleThread(join(REPO, 'dist/styleWorker.js'));
  afterAll(() => thread.close());

  it('formats as the calling thread does, with and without the bibliography', async () => {
    // The same style file the worker loads by name, read here from dist/csl.
    const file = join(REPO, 'dist/csl/china-national-standard-gb-t-7714-2015-note.csl');
    const loaded = loadStyle(file, 'zh-CN', REPO);
    if (!loaded.ok) throw new Error(loaded.message);
    const xml = patchStyle('china-national-standard-gb-t-7714-2015-note', loaded.style.xml);
    const locale = 'zh-CN';
    const retrieveLocale = (lang: string) =>
      readFileSync(join(REPO, 'dist/csl', `locales-${lang}.xml`), 'utf8');
    for (const bibliography of [true, false]) {
      const here = formatPaper(
        { style: xml, locale, retrieveLocale, items, format: 'html' },
        cites,
        bibliography,
      );
      const there = await thread.format({
        style: 'gb-note',
        locale: 'zh-CN',
        root: REPO,
        items,
        cites,
        format: 'html',
        bibliography,
      });
      expect(there).toEqual(here);
      expect(there.citations[1]).toBe('同上: 54.');
      expect(there.bibliography.length).toBe(bibliography ? 2 : 0);
    }
  });

  it("rejects a style it cannot load with the loader's message, and keeps working", async () => {
    const job = { locale: 'zh-CN', root: REPO, items, cites, format: 'text' as const, bibliography: false };
    await expect(thread.format({ ...job, style: 'no-such-style' })).rejects.toThrow(
      /No citation style 'no-such-style'/,
    );
    expect(thread.failed).toBe(false);
    expect((await thread.format({ ...job, style: 'apa' })).citations).toHaveLength(4);
  });

  it('says it failed when its worker cannot run', async () => {
    const broken = new StyleThread(join(REPO, 'dist/no-such-worker.js'));
    const job = {
      style: 'apa',
      locale: 'en-US',
      root: REPO,
      items,
      cites,
      format: 'text' as const,
      bibliography: false,
    };
    await expect(broken.format(job)).rejects.toThrow();
    expect(broken.failed).toBe(true);
    broken.close();
  });
});
