/**
 * Encodings told apart: each legacy encoding and UTF-16 without a BOM decodes to its own text,
 * never to another encoding's mojibake; a UTF-8 file with a few bad bytes stays UTF-8.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../server/src/engine/corpus/decode.js';
import { sourceFromBytes } from '../../server/src/engine/index/loadSources.js';

const md = (heading: string, body: string) => `# ${heading}\n\n${body}\n\n${body}\n`;
const TEXTS = {
  simplified: md(
    '巴基斯坦',
    '巴基斯坦与阿富汗塔利班的关系，已从1990年代的公开支持，转变为2001年后的无声伙伴关系。',
  ),
  traditional: md(
    '美國盟友',
    '美國及其盟友應協調國防工業生產，以彌補彼此武器庫的缺口。華盛頓應努力在歐洲和印太地區建設軍火工廠。',
  ),
  japanese: md('日本語', '東京は日本の首都であり、多くの人々が住んでいます。今日は良い天気ですね。'),
  korean: md('한국어', '서울은 대한민국의 수도이며 많은 사람들이 살고 있습니다. 오늘은 날씨가 좋네요.'),
};

describe('decodeBytes tells the encodings apart', () => {
  it.each([
    ['simplified', 'gb18030', 'gb18030'],
    ['simplified', 'gbk', 'gb18030'],
    ['traditional', 'gb18030', 'gb18030'],
    ['traditional', 'big5', 'big5'],
    ['japanese', 'shift_jis', 'shift_jis'],
    ['korean', 'euc-kr', 'euc-kr'],
    ...Object.keys(TEXTS).flatMap((t) => [
      [t, 'utf-16le', 'utf-16le'],
      [t, 'utf-16be', 'utf-16be'],
      [t, 'utf-8', 'utf-8'],
    ]),
  ] as [keyof typeof TEXTS, string, string][])('%s in %s (no BOM) → %s', (name, written, detected) => {
    const text = TEXTS[name];
    expect(decodeBytes(new Uint8Array(iconv.encode(text, written)))).toEqual({
      ok: true,
      text,
      encoding: detected,
    });
  });

  it('reads UTF-16 without BOM of plain ASCII as text, not as binary', () => {
    const text = 'Plain notes.\nSecond line.\n';
    expect(decodeBytes(new Uint8Array(iconv.encode(text, 'utf-16le')))).toEqual({
      ok: true,
      text,
      encoding: 'utf-16le',
    });
  });
});

describe('mostly valid UTF-8', () => {
  const BAD = Buffer.concat([
    Buffer.from('## 坏字节 {#badbytes}\n\n前'),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
    Buffer.from('后文本\n'),
  ]);

  it('is UTF-8, each bad run read as U+FFFD, the first located', () => {
    expect(decodeBytes(new Uint8Array(BAD))).toEqual({
      ok: true,
      text: '## 坏字节 {#badbytes}\n\n前\uFFFD(\uFFFD\uFFFD后文本\n',
      encoding: 'utf-8',
      invalidBytes: { count: 3, line: 2, character: 1 },
    });
  });

  it('is indexed with one invalid-bytes warning at the first bad byte', () => {
    const doc = sourceFromBytes('file:///w/corpus/020-bad.md', new Uint8Array(BAD));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.anchorMap.get('badbytes')?.name).toBe('坏字节');
    expect(doc.problems).toEqual([
      {
        code: 'invalid-bytes',
        range: { start: { line: 2, character: 1 }, end: { line: 2, character: 2 } },
        message:
          'This UTF-8 file has 3 byte sequences that are not UTF-8 (the first on line 3); each is shown as \uFFFD. Save the file as UTF-8 to fix it.',
      },
    ]);
  });

  it('a legacy file is not mistaken for UTF-8 with bad bytes', () => {
    const gbk = iconv.encode(TEXTS.simplified, 'gbk');
    expect(decodeBytes(new Uint8Array(gbk))).toEqual({
      ok: true,
      text: TEXTS.simplified,
      encoding: 'gb18030',
    });
  });
});
