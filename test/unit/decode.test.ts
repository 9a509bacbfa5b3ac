import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../server/src/engine/corpus/decode.js';
import { sourceFromBytes } from '../../server/src/engine/index/loadSources.js';

const SIMPLIFIED = '巴基斯坦与阿富汗塔利班的关系,已从1990年代的公开支持,转变为2001年后的无声伙伴关系。';
const TRADITIONAL =
  '美國及其盟友應協調國防工業生產,以彌補彼此武器庫的缺口。華盛頓應努力在歐洲和印太地區建設軍火工廠。';

describe('decodeBytes', () => {
  it.each([
    ['UTF-8', Buffer.from(SIMPLIFIED, 'utf8'), SIMPLIFIED, 'utf-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SIMPLIFIED)]),
      SIMPLIFIED,
      'utf-8-bom',
    ],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SIMPLIFIED, 'utf-16le')]),
      SIMPLIFIED,
      'utf-16le',
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SIMPLIFIED, 'utf-16be')]),
      SIMPLIFIED,
      'utf-16be',
    ],
    ['GB18030 without BOM', iconv.encode(SIMPLIFIED, 'gb18030'), SIMPLIFIED, 'gb18030'],
    ['Big5 without BOM', iconv.encode(TRADITIONAL, 'big5'), TRADITIONAL, 'big5'],
  ])('decodes %s', (_name, bytes, text, encoding) => {
    expect(decodeBytes(new Uint8Array(bytes))).toEqual({ ok: true, text, encoding });
  });

  it('refuses binary data with a reason', () => {
    const bytes = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe, 0x00, 0x01,
    ]);
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
  });

  it('turns an undecodable file into an unreadable-source document, not an exception', () => {
    const doc = sourceFromBytes('file:///w/corpus/009-bad.md', new Uint8Array([0, 0, 0, 1, 2, 3]));
    expect(doc.id).toBe('009');
    expect(doc.anchors).toEqual([]);
    expect(doc.problems.map((p) => p.code)).toEqual(['unreadable-source']);
  });

  it('indexes a GB18030 Markdown source like a UTF-8 one', () => {
    const md = `---\nid: "010"\n---\n## 背景 {#background}\n\n${SIMPLIFIED}\n`;
    const doc = sourceFromBytes('file:///w/corpus/010.md', new Uint8Array(iconv.encode(md, 'gb18030')));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.anchorMap.get('background')?.name).toBe('背景');
  });
});
