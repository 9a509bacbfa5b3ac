/**
 * Reading order by layout: a page's text items cut into regions (a recursive XY-cut), read top to
 * bottom and left to right, so that the two columns of a journal page are read one after the
 * other instead of fused line by line.
 *
 * 1. **Fragments**: items on one baseline that touch or nearly touch (a gap under 0.8 × the font
 *    size) are one fragment, a piece of a printed line. Spaces are left out: they are spacing
 *    (lines put them back from the gaps between words), and a justified line's space can reach
 *    into the gutter.
 * 2. **Margins**: the top and the bottom row of the page, when short (≤ 120 characters) and set
 *    apart from the rest by more than the body font size, are regions of their own: the running
 *    head and the folio, read first and last whatever the columns below them.
 * 3. **Gutters**: a vertical strip at least 0.8 × the body size wide that few rows cross (at most
 *    40 % of them), with three or more rows on each side, each side five body sizes wide or more
 *    (not a reference list's labels, not a stretched space), cuts the region into columns. An item
 *    counts by its core, its extent less half its font size at either end: a full-width
 *    punctuation mark at a CJK column's edge has an advance reaching into the gutter (XeTeX sets
 *    `（` half an em to the left). A fragment whose items cross the strip is full width; one that
 *    only bridges it (a column's last word and the next column's first, on one baseline) is cut
 *    in two. Runs of full-width fragments (with a lone line beside them) are bands read in
 *    place, above, between or below the column sections. LaTeX's default gutter (`\columnsep`
 *    10 pt under 10 pt text) is about one body size wide; a word space in justified text is
 *    narrower, and never lines up over many rows.
 * 4. Each part is cut again (three levels at most), so a column section inside a band, or three
 *    columns, are read in order too.
 *
 * Example: a pdfTeX `twocolumn` page with a `figure*` on top and a folio under the columns reads
 * as [figure caption band] [left column] [right column] [folio], with `columns` 2 for the lines of
 * both columns and 1 for the others.
 */
import type { PdfItem } from './pdf.js';

/** A piece of the page read as a unit, its items in no particular order. */
export interface Region {
  items: PdfItem[];
  /** How many columns stand side by side where this region is: 1 for a full-width band. */
  columns: number;
}

/** The page cut into regions in reading order, and whether the cut looked doubtful. */
export interface PageLayout {
  regions: Region[];
  /** True when full-width bands and columns alternate many times (a figure, a table, a form?). */
  doubtful: boolean;
}

interface Fragment {
  items: PdfItem[];
  x: number;
  xEnd: number;
  /** Baseline. */
  y: number;
  size: number;
  chars: number;
}

const MAX_DEPTH = 3;

export function layoutPage(items: readonly PdfItem[]): PageLayout {
  // Spaces are spacing: a justified line's space items can reach into the gutter (XeTeX), and
  // lines put the spaces back from the gaps between words.
  const live = items.filter((i) => i.text.trim().length > 0);
  if (!live.length) return { regions: [], doubtful: false };
  const body = bodyOf(live);
  const frags = fragmentsOf(live, body);
  const regions: Region[] = [];
  const state = { alternations: 0 };
  const { top, middle, bottom } = splitMargins(frags, body);
  if (top.length) regions.push(regionOf(top, 1));
  regions.push(...cut(middle, body, 0, 1, state));
  if (bottom.length) regions.push(regionOf(bottom, 1));
  return { regions: regions.filter((r) => r.items.length), doubtful: state.alternations > 4 };
}

/** The body text's size on this page: the size that sets the most characters. */
function bodyOf(items: readonly PdfItem[]): number {
  const chars = new Map<number, number>();
  for (const i of items) {
    const s = Math.round(i.size * 2) / 2;
    chars.set(s, (chars.get(s) ?? 0) + i.text.trim().length);
  }
  let best = 10;
  let most = -1;
  for (const [s, n] of chars) if (n > most) [best, most] = [s, n];
  return best || 10;
}

function fragmentsOf(items: readonly PdfItem[], body: number): Fragment[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const frags: Fragment[] = [];
  // Rows first (as lines are made), then pieces of each row split at wide gaps.
  let row: PdfItem[] = [];
  const flush = () => {
    row.sort((a, b) => a.x - b.x);
    let frag: Fragment | undefined;
    for (const item of row) {
      const end = item.x + Math.max(0, item.width);
      const gap = frag ? item.x - frag.xEnd : Infinity;
      if (frag && gap < Math.min(frag.size, item.size, body) * 0.8) {
        frag.items.push(item);
        frag.xEnd = Math.max(frag.xEnd, end);
        frag.chars += item.text.trim().length;
        if (item.size > frag.size) [frag.size, frag.y] = [item.size, item.y];
      } else {
        frag = {
          items: [item],
          x: item.x,
          xEnd: end,
          y: item.y,
          size: item.size,
          chars: item.text.trim().length,
        };
        frags.push(frag);
      }
    }
    row = [];
  };
  for (const item of sorted) {
    const first = row[0];
    if (first && Math.abs(first.y - item.y) > Math.max(first.size, item.size) * 0.5) flush();
    row.push(item);
  }
  flush();
  return frags;
}

/** The running head and the folio: a short row at the very top or bottom, set apart. */
function splitMargins(
  frags: Fragment[],
  body: number,
): { top: Fragment[]; middle: Fragment[]; bottom: Fragment[] } {
  const byY = [...frags].sort((a, b) => b.y - a.y);
  const rowAt = (from: number, step: 1 | -1): number => {
    // Index past the row that starts at `from` (rows: baselines within half a size).
    let i = from;
    const y0 = byY[from]!.y;
    while (i + step >= 0 && i + step < byY.length && Math.abs(byY[i + step]!.y - y0) <= byY[from]!.size * 0.5)
      i += step;
    return i;
  };
  const short = (fs: Fragment[]) => fs.reduce((n, f) => n + f.chars, 0) <= 120;
  let top: Fragment[] = [];
  let bottom: Fragment[] = [];
  if (byY.length >= 3) {
    const end = rowAt(0, 1);
    const next = byY[end + 1];
    const row = byY.slice(0, end + 1);
    const lowest = Math.min(...row.map((f) => f.y - f.size * 0.25));
    if (next && lowest - (next.y + next.size * 0.8) >= body && short(row)) top = row;
  }
  if (byY.length - top.length >= 3) {
    const start = rowAt(byY.length - 1, -1);
    const prev = byY[start - 1];
    const row = byY.slice(start);
    const highest = Math.max(...row.map((f) => f.y + f.size * 0.8));
    if (prev && start > top.length && prev.y - prev.size * 0.25 - highest >= body && short(row)) bottom = row;
  }
  const taken = new Set([...top, ...bottom]);
  return { top, middle: frags.filter((f) => !taken.has(f)), bottom };
}

function regionOf(frags: readonly Fragment[], columns: number): Region {
  return { items: frags.flatMap((f) => f.items), columns };
}

/** An item's core: its extent less half its font size (at most half the body size) at either end. */
function coreOf(i: PdfItem, body: number): [number, number] {
  const w = Math.max(0, i.width);
  const m = Math.min(i.size * 0.5, body * 0.5, w / 2);
  return [i.x + m, i.x + w - m];
}

/**
 * What a fragment covers of the page's width: its items' cores, joined where the items touch
 * (less than 0.1 × the body size apart). A column's last word and the next column's first,
 * bridged on one baseline, leave the gutter uncovered.
 */
function spansOf(f: Fragment, body: number): [number, number][] {
  const items = [...f.items].sort((a, b) => a.x - b.x);
  const spans: [number, number][] = [];
  let end = -Infinity;
  for (const item of items) {
    const [a, b] = coreOf(item, body);
    const last = spans.at(-1);
    if (last && item.x - end < body * 0.1) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
    end = Math.max(end, item.x + Math.max(0, item.width));
  }
  return spans;
}

/**
 * The widest strip few rows cross, with three rows or more on either side: [from, to] in x. Rows,
 * not fragments, are counted: a justified line of long URLs, its spaces stretched, is many
 * fragments but one row.
 */
function gutterOf(frags: readonly Fragment[], body: number): { from: number; to: number } | undefined {
  if (frags.length < 6) return undefined;
  // Rows: fragments on one baseline (within half a font size), numbered top to bottom.
  const sorted = [...frags].sort((a, b) => b.y - a.y);
  const rowOf = new Map<Fragment, number>();
  let rows = 0;
  let rowY = Infinity;
  for (const f of sorted) {
    if (Math.abs(rowY - f.y) > f.size * 0.5) [rows, rowY] = [rows + 1, f.y];
    rowOf.set(f, rows - 1);
  }
  if (rows < 6) return undefined;
  const spans = frags.map((f) => spansOf(f, body));
  const all = spans.flat();
  if (!all.length) return undefined;
  const x0 = Math.floor(Math.min(...all.map((c) => c[0])));
  const x1 = Math.ceil(Math.max(...all.map((c) => c[1])));
  const width = x1 - x0;
  if (width <= 0 || width > 20_000) return undefined;
  // Spans crossing each 1-unit column of the page.
  const cover = new Int32Array(width + 1);
  for (const [a, b] of all)
    for (let x = Math.max(0, Math.floor(a - x0)); x < Math.min(width, Math.ceil(b - x0)); x++) cover[x]!++;
  const need = body * 0.8;
  const limit = Math.floor(rows * 0.4);
  let best: { from: number; to: number; count: number } | undefined;
  for (let x = 0; x < width; x++) {
    const level = cover[x]!;
    if (level > limit) continue;
    let end = x;
    while (end < width && cover[end]! <= level) end++;
    if (end - x < need) continue;
    const from = x0 + x;
    const to = x0 + end;
    const left = new Set<number>();
    const right = new Set<number>();
    const crossing = new Set<number>();
    let leftFrom = Infinity;
    let rightTo = -Infinity;
    frags.forEach((f, i) => {
      for (const [a, b] of spans[i]!) {
        if (b <= from + 0.5) {
          left.add(rowOf.get(f)!);
          leftFrom = Math.min(leftFrom, a);
        } else if (a >= to - 0.5) {
          right.add(rowOf.get(f)!);
          rightTo = Math.max(rightTo, b);
        } else crossing.add(rowOf.get(f)!);
      }
    });
    const count = crossing.size;
    // A column is at least five body sizes wide: not a list's labels, not a stretched space.
    if (left.size < 3 || right.size < 3 || from - leftFrom < body * 5 || rightTo - to < body * 5) continue;
    if (!best || count < best.count || (count === best.count && to - from > best.to - best.from))
      best = { from, to, count };
  }
  return best && best.count <= limit ? { from: best.from, to: best.to } : undefined;
}

function fragmentOf(items: PdfItem[]): Fragment {
  let size = 0;
  let y = items[0]!.y;
  for (const i of items) if (i.size > size) [size, y] = [i.size, i.y];
  return {
    items,
    x: Math.min(...items.map((i) => i.x)),
    xEnd: Math.max(...items.map((i) => i.x + Math.max(0, i.width))),
    y,
    size,
    chars: items.reduce((n, i) => n + i.text.trim().length, 0),
  };
}

function cut(
  frags: Fragment[],
  body: number,
  depth: number,
  columns: number,
  state: { alternations: number },
): Region[] {
  if (!frags.length) return [];
  const gutter = depth < MAX_DEPTH ? gutterOf(frags, body) : undefined;
  if (!gutter) return [regionOf(frags, columns)];
  // Each fragment full width, or on one side, or cut in two where it only bridges the gutter.
  type Placed = Fragment & { side: 'wide' | 'left' | 'right' };
  const placed: Placed[] = [];
  for (const f of frags) {
    // Full width: across the gutter's middle (a heading's `（` may reach into its side).
    const mid = (gutter.from + gutter.to) / 2;
    if (spansOf(f, body).some(([a, b]) => a < mid && b > mid)) {
      placed.push({ ...f, side: 'wide' });
      continue;
    }
    const cores = f.items.map((i) => coreOf(i, body));
    const left = f.items.filter((_, i) => cores[i]![1] <= mid);
    const right = f.items.filter((_, i) => cores[i]![1] > mid);
    if (left.length) placed.push({ ...fragmentOf(left), side: 'left' });
    if (right.length) placed.push({ ...fragmentOf(right), side: 'right' });
  }
  // Runs of full-width and of column fragments, top to bottom.
  placed.sort((a, b) => b.y - a.y || a.x - b.x);
  type Run = { wide: boolean; frags: Placed[] };
  const runs: Run[] = [];
  for (const f of placed) {
    const wide = f.side === 'wide';
    const last = runs.at(-1);
    if (last && last.wide === wide) last.frags.push(f);
    else runs.push({ wide, frags: [f] });
  }
  // A lone line or two on one side, between bands (a title's short last line), is part of the band.
  const sided = (r: Run) => r.frags.some((f) => f.side === 'left') && r.frags.some((f) => f.side === 'right');
  const anyWide = runs.some((o) => o.wide);
  for (const r of runs) if (!r.wide && r.frags.length <= 2 && !sided(r) && anyWide) r.wide = true;
  const merged: Run[] = [];
  for (const r of runs) {
    const last = merged.at(-1);
    if (last && last.wide === r.wide) last.frags.push(...r.frags);
    else merged.push({ wide: r.wide, frags: [...r.frags] });
  }
  state.alternations += merged.length - 1;
  const out: Region[] = [];
  for (const r of merged) {
    if (r.wide) {
      out.push(...cut(r.frags, body, depth + 1, columns, state));
      continue;
    }
    const left = r.frags.filter((f) => f.side === 'left');
    const right = r.frags.filter((f) => f.side === 'right');
    const n = left.length && right.length ? columns + 1 : columns;
    out.push(...cut(left, body, depth + 1, n, state), ...cut(right, body, depth + 1, n, state));
  }
  return out;
}
