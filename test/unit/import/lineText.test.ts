import { describe, expect, it } from 'vitest';
import { displayWidth, escapePlain, joinWrapped } from '../../../server/src/engine/import/lineText.js';
import { spacedEllipses } from '../../../server/src/engine/import/plainText.js';
import { isGarbageLine, isLeaderHead, pageNumberOf } from '../../../server/src/engine/import/lineKinds.js';

describe('joinWrapped', () => {
  it.each([
    ['…三方外部博', '弈的政策', '…三方外部博弈的政策'],
    ['美国多位高级将领看法类似。202', '1年4月17日', '美国多位高级将领看法类似。2021年4月17日'],
    ['蓬佩奥（Michael R. Pom', 'peo）国务卿', '蓬佩奥（Michael R. Pompeo）国务卿'],
    ['the ideological', 'alignment of both', 'the ideological alignment of both'],
    ['International Organi-', 'zation, Vol.42', 'International Organization, Vol.42'],
    [
      'https://csis.org/s3fs-public/publicatio',
      'n/210816_x.pdf',
      'https://csis.org/s3fs-public/publication/210816_x.pdf',
    ],
    [
      'Council on Foreign Relations,https://www.cfr.org/candidate-',
      'tracker#defense.',
      'Council on Foreign Relations,https://www.cfr.org/candidate-tracker#defense.',
    ],
    [
      'ABC News,https://abcnews.go.com/story?',
      'id=77066689.',
      'ABC News,https://abcnews.go.com/story?id=77066689.',
    ],
    ['a well-', 'Known case', 'a well- Known case'],
  ])('%s + %s', (a, b, joined) => {
    expect(joinWrapped(a, b)).toBe(joined);
  });
});

describe('line kinds', () => {
  it('measures CJK characters and quotes as two columns', () => {
    expect(displayWidth('“撤军”ab')).toBe(10);
  });
  it('knows page numbers, residue and leader heads', () => {
    expect(['·48·', '- 12 -', '第3页', 'Page 7 of 30', '48', '政治·外交'].map(pageNumberOf)).toEqual([
      48,
      12,
      3,
      7,
      48,
      undefined,
    ]);
    expect(['����', '¢½£¾©', '\u00a0', '美国'].map(isGarbageLine)).toEqual([true, true, true, false]);
    expect(['… 政治·外交', '……他说', '政治·外交'].map(isLeaderHead)).toEqual([true, false, false]);
  });
  it('turns a lone ellipsis between Latin words or numbers into the space it stood for', () => {
    expect(spacedEllipses('普特南（Robert…D.…Putnam）从…73个增加，等等……好…的')).toBe(
      '普特南（Robert D. Putnam）从 73个增加，等等……好…的',
    );
  });
});

describe('escapePlain', () => {
  it('keeps the text what it was when Markdown reads it', () => {
    expect(escapePlain('1. 和谈 *撤军* [a] ^x <b> &amp; {#id}')).toBe(
      '1\\. 和谈 \\*撤军\\* \\[a\\] \\^x \\<b> \\&amp; \\{#id\\}',
    );
    expect(escapePlain('# 不是标题')).toBe('\\# 不是标题');
    expect(escapePlain('- list 2 of 4')).toBe('- list 2 of 4');
  });
});
