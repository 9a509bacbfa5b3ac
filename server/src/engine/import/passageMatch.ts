/**
 * Which passage of a re-imported document is which passage of the old one. One to one and only
 * between passages of one kind (heading, paragraph, footnote): first the passages whose text is
 * the same after folding (whitespace, width, case and quotation marks, as quotes are compared),
 * in document order; then, among the rest, the most alike pairs first, by the Dice coefficient of
 * their character bigrams, down to {@link MIN_SIMILARITY}.
 *
 * Example: old `["A cat sat.", "Dogs bark loudly."]`, new `["Dogs bark loudly!", "A cat sat."]`
 * → old 0 is new 1 (exact), old 1 is new 0 (similarity 0.88).
 */
import { foldText } from '../quotes/fold.js';

export interface MatchItem {
  kind: string;
  text: string;
}

export interface PassageMatch {
  /** Index in the new list. */
  to: number;
  /** The same text after folding. */
  exact: boolean;
  /** 1 when exact, else the bigram Dice coefficient (0–1). */
  similarity: number;
}

/** Pairs less alike than this are not the same passage: 0.5 keeps a reworded paragraph. */
export const MIN_SIMILARITY = 0.5;

/** For each old item, the new item it became, or undefined when it is gone. */
export function matchPassages(
  old: readonly MatchItem[],
  next: readonly MatchItem[],
): (PassageMatch | undefined)[] {
  const result: (PassageMatch | undefined)[] = old.map(() => undefined);
  const taken = new Uint8Array(next.length);
  const nextFolded = next.map((n) => foldText(n.text));
  const oldFolded = old.map((o) => foldText(o.text));
  const byText = new Map<string, number[]>();
  nextFolded.forEach((f, i) => {
    const key = `${next[i]!.kind}\n${f}`;
    const list = byText.get(key);
    if (list) list.push(i);
    else byText.set(key, [i]);
  });
  oldFolded.forEach((f, i) => {
    const list = byText.get(`${old[i]!.kind}\n${f}`);
    const to = list?.find((n) => !taken[n]);
    if (to === undefined) return;
    taken[to] = 1;
    result[i] = { to, exact: true, similarity: 1 };
  });

  const oldLeft = old.flatMap((_, i) => (result[i] ? [] : [i]));
  const nextLeft = next.flatMap((_, i) => (taken[i] ? [] : [i]));
  if (!oldLeft.length || !nextLeft.length) return result;
  const nextGrams = new Map(nextLeft.map((i) => [i, bigrams(nextFolded[i]!)] as const));
  const pairs: { from: number; to: number; similarity: number }[] = [];
  for (const from of oldLeft) {
    const grams = bigrams(oldFolded[from]!);
    for (const to of nextLeft) {
      if (next[to]!.kind !== old[from]!.kind) continue;
      const similarity = dice(grams, nextGrams.get(to)!);
      if (similarity >= MIN_SIMILARITY) pairs.push({ from, to, similarity });
    }
  }
  // Most alike first; between equals, the pair nearer in document order.
  pairs.sort((a, b) => b.similarity - a.similarity || Math.abs(a.from - a.to) - Math.abs(b.from - b.to));
  for (const p of pairs) {
    if (result[p.from] || taken[p.to]) continue;
    taken[p.to] = 1;
    result[p.from] = { to: p.to, exact: false, similarity: p.similarity };
  }
  return result;
}

interface Grams {
  counts: Map<string, number>;
  total: number;
}

/** Character bigrams of a folded text (a text of one character is its own bigram). */
function bigrams(text: string): Grams {
  const chars = [...text];
  const counts = new Map<string, number>();
  if (chars.length === 1) counts.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return { counts, total: Math.max(chars.length - 1, chars.length ? 1 : 0) };
}

/** 2·|A∩B| / (|A|+|B|) over bigram multisets: 1 for the same text, 0 for nothing in common. */
export function dice(a: Grams, b: Grams): number {
  if (!a.total || !b.total) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let common = 0;
  for (const [g, n] of small.counts) common += Math.min(n, large.counts.get(g) ?? 0);
  return (2 * common) / (a.total + b.total);
}

/** The similarity of two texts after folding (0–1). */
export function similarity(a: string, b: string): number {
  return dice(bigrams(foldText(a)), bigrams(foldText(b)));
}
