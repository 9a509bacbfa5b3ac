/**
 * The best `n` of a stream of scored items, as sorting them all by `exact` then `score` (both
 * descending, ties in arrival order) and keeping the first `n` would give, without holding the
 * others: a query's common token can touch most blocks of the corpus, and an object for each
 * (150,000 at 5,000 sources) was most of a query's garbage.
 *
 * Example: with n = 2, offering (exact 1, score 5), (0, 9), (1, 5), (1, 7) keeps (1, 7) and the
 * first (1, 5).
 */
interface Entry<T> {
  exact: number;
  score: number;
  seq: number;
  item: T;
}

export class TopHits<T> {
  readonly #n: number;
  /** A binary heap, the worst entry at the root. */
  readonly #heap: Entry<T>[] = [];
  #seq = 0;

  constructor(n: number) {
    this.#n = n;
  }

  /** Whether an item scored so would be kept now (call {@link add} only then). */
  wants(exact: number, score: number): boolean {
    if (this.#heap.length < this.#n) return true;
    const worst = this.#heap[0]!;
    // A later item with the same exact and score comes after the kept one.
    return exact > worst.exact || (exact === worst.exact && score > worst.score);
  }

  /** Keeps `item`, dropping the worst kept one if `n` are kept; only after {@link wants} said so. */
  add(exact: number, score: number, item: T): void {
    const entry = { exact, score, seq: this.#seq++, item };
    const heap = this.#heap;
    if (heap.length < this.#n) {
      heap.push(entry);
      this.#up(heap.length - 1);
    } else {
      heap[0] = entry;
      this.#down(0);
    }
  }

  /** The kept items, best first. */
  best(): T[] {
    return [...this.#heap].sort((a, b) => (better(a, b) ? -1 : 1)).map((e) => e.item);
  }

  #up(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  #down(i: number): void {
    const heap = this.#heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i]!, heap[worst]!];
      i = worst;
    }
  }
}

/** Whether `a` comes before `b`: more exact, then a higher score, then earlier. */
function better<T>(a: Entry<T>, b: Entry<T>): boolean {
  if (a.exact !== b.exact) return a.exact > b.exact;
  if (a.score !== b.score) return a.score > b.score;
  return a.seq < b.seq;
}
