/**
 * Headings found by their numbering, with ids that stay the same when the heading's words change.
 *
 * Styles: `一、` (Chinese numeral and 、), `（一）` / `(一)`, `1.1 ` / `1.1.1 ` (decimal outline, then a
 * space: `2.5万` is an amount) and `1.` / `1、`. Levels follow the order in which the styles first appear, as Chinese papers nest
 * them: the first style seen is level 2 (level 1 is the title), the next new one level 3, and so
 * on; `1.1` is always one level below `1.`. The id is the path of numbers from the top:
 *
 *     一、“双层博弈论”：理论的选择与修正      → ## … {#s1}
 *     （二）“双层博弈论”的理论框架            → ### … {#s1-2}
 *     二、 “撤军”还是“驻军”：美国内部博弈     → ## … {#s2}
 *
 * A second heading with the same path gets `-b`, `-c`, … (`s2-b`).
 */

export type NumberStyle = 'cn' | 'cn-paren' | 'decimal' | 'outline';

export interface Numbered {
  style: NumberStyle;
  /** The numbers of the heading: `1.2` → [1, 2]; `（三）` → [3]. */
  numbers: number[];
}

const CN_DIGITS = '〇一二三四五六七八九';

/** `十二` → 12, `二十` → 20, `三` → 3; undefined past 99 or for anything else. */
export function chineseNumeral(s: string): number | undefined {
  if (!s || s.length > 3) return undefined;
  const ten = s.indexOf('十');
  if (ten === -1) return s.length === 1 && CN_DIGITS.indexOf(s) > 0 ? CN_DIGITS.indexOf(s) : undefined;
  const tens = ten === 0 ? 1 : CN_DIGITS.indexOf(s.slice(0, ten));
  const unitsText = s.slice(ten + 1);
  const units = unitsText ? CN_DIGITS.indexOf(unitsText) : 0;
  if (ten > 1 || tens < 1 || units < 0 || unitsText.length > 1) return undefined;
  return tens * 10 + units;
}

/** The numbering a line starts with, if it looks like a heading's. */
export function numberingOf(line: string): Numbered | undefined {
  const t = line.trim();
  let m = /^([〇一二三四五六七八九十]{1,3})、\s*\S/.exec(t);
  if (m) {
    const n = chineseNumeral(m[1]!);
    return n === undefined ? undefined : { style: 'cn', numbers: [n] };
  }
  m = /^[（(]([〇一二三四五六七八九十]{1,3})[）)]\s*\S/.exec(t);
  if (m) {
    const n = chineseNumeral(m[1]!);
    return n === undefined ? undefined : { style: 'cn-paren', numbers: [n] };
  }
  m = /^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+\S/.exec(t);
  if (m) return { style: 'outline', numbers: m[1]!.split('.').map(Number) };
  m = /^(\d{1,2})[.、]\s*[^\s\d.]/.exec(t);
  if (m) return { style: 'decimal', numbers: [Number(m[1])] };
  return undefined;
}

/** Gives numbered headings their levels and ids, in document order. */
export class HeadingNumbering {
  #styleLevels = new Map<NumberStyle, number>();
  #path: number[] = [];
  #used = new Set<string>();

  /** Level (2–6) and id for the next heading. */
  next(n: Numbered): { level: number; id: string } {
    let level: number;
    if (n.style === 'outline') {
      const base = this.#styleLevels.get('decimal') ?? this.#levelFor('decimal');
      level = Math.min(6, base + n.numbers.length - 1);
      this.#path = [...this.#path.slice(0, base - 2), ...n.numbers];
    } else {
      level = this.#levelFor(n.style);
      this.#path = [...this.#path.slice(0, level - 2), n.numbers[0]!];
    }
    const base = `s${this.#path.join('-')}`;
    let id = base;
    for (let i = 1; this.#used.has(id); i++) id = `${base}-${i < 26 ? String.fromCharCode(97 + i) : i + 1}`;
    this.#used.add(id);
    return { level, id };
  }

  #levelFor(style: NumberStyle): number {
    let level = this.#styleLevels.get(style);
    if (level === undefined) {
      level = Math.min(6, 2 + this.#styleLevels.size);
      this.#styleLevels.set(style, level);
    }
    return level;
  }
}
