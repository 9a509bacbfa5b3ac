/**
 * A PDF's lines (in reading order, each knowing its region: `pdf.ts`, `pdfLayout.ts`) as blocks:
 * paragraphs, headings, footnotes, endnotes and reference entries.
 *
 * - **Paragraphs**: a new one starts after a vertical gap wider than 1.6 line spacings within a
 *   region, at a line indented by more than 0.6 × the body size (LaTeX indents by 1 em), or after a line that ends short of its column's right edge. A
 *   paragraph runs on from the foot of one column to the top of the next, and onto the next
 *   page, when nothing of this starts a new one there; a page mark stays where the page begins
 *   (`…利<!-- page 54 -->益…`). A column's edges are those of its region (where most of its lines
 *   start, the 90th of their ends, in its most common type size), or, for a region
 *   of two such lines or fewer, those of the fuller region it overlaps most.
 * - **Headings**: a short line set larger than the body text (by 12 % or more: `\\large` under 10.5 pt), the largest size
 *   level 1 (the title) and each smaller size a level further; a short numbered line (`一、`,
 *   `（一）`, `1.`, `1.1 `) standing alone is a heading with a stable id (`numberedHeadings.ts`).
 * - **Footnotes**: each region's foot (a column's, or a band of notes under the columns) in smaller
 *   type, starting with a marker (`pdfNotes.ts`), labelled by page and letter (`[^53a]`); the
 *   markers of the page's text become their references, and each note follows the paragraph that
 *   cites it.
 * - **Endnotes**: under a heading `Notes`, `Endnotes`, `注释` or `注`, each line starting with a
 *   marker where the first note starts begins a note, labelled like a footnote by its page; the raised markers no footnote of
 *   their page claimed become its references.
 * - **Captions**: a line set apart (a region of its own, or after a gap) that starts `Figure 3:`,
 *   `Fig. 3.`, `Table 2.`, `图1 `, `表2 ` is a block with the id `fig-3` / `tab-2`; when it
 *   interrupts a paragraph (a float at the head of a page), it follows that paragraph.
 * - **Reference lists**: under `References`, `Bibliography`, `Works Cited`, `Literature Cited` or
 *   `参考文献`, each entry is a block of its own with the id `ref-N` (N its label, `[12]` or `12.`,
 *   else its place in the list): a labelled line starts an entry, and in a list without labels a
 *   line at the column's left edge (hanging indents: the entry's other lines are indented).
 */
import { drop, type ImportedBlock, type ImportedDoc } from './importedDoc.js';
import { escapePlain, joinWrapped } from './lineText.js';
import { HeadingNumbering, numberingOf } from './numberedHeadings.js';
import type { Line } from './pdf.js';
import {
  linkMarkers,
  noteStart,
  settleMarkers,
  takeFootnotes,
  unescapeBlockStart,
  type Footnote,
} from './pdfNotes.js';
import { spacedEllipses } from './plainText.js';
import type { PageLabel } from './pdfFolios.js';

export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/**
 * The most common value, to the nearest unit: where most lines start. Not the smallest: a CJK
 * line starting with `（` or `“` is set half an em to the left of the others.
 */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  let best = values[0] ?? 0;
  let most = 0;
  for (const [v, n] of counts) if (n > most || (n === most && v < best)) [best, most] = [v, n];
  return best;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))]! : 0;
}

/** The body text's font size: the median size of lines longer than ten characters. */
export function bodySize(lines: readonly Line[]): number {
  return (
    median(lines.filter((l) => l.text.length > 10).map((l) => l.size)) || median(lines.map((l) => l.size))
  );
}

interface Bounds {
  left: number;
  right: number;
}

const REFERENCES =
  /^(?:[\dIVX]+\.?\s*)?(?:references|bibliography|works cited|literature cited|参考文献|参考资料)$/i;
const ENDNOTES = /^(?:[\dIVX]+\.?\s*)?(?:notes|endnotes|注释|注)$/i;

/** Each region's column edges (see the file's comment), by page index and region. */
function regionBounds(pages: readonly Line[][], body: number): (page: number, line: Line) => Bounds {
  const byKey = new Map<string, Bounds & { n: number; lo: number; hi: number }>();
  pages.forEach((lines, pi) => {
    const byRegion = new Map<number, Line[]>();
    for (const l of lines) {
      const list = byRegion.get(l.region);
      if (list) list.push(l);
      else byRegion.set(l.region, [l]);
    }
    for (const [region, ls] of byRegion) {
      // The region's own text size: its most common one below heading size (an abstract in
      // smaller type has its own edges).
      const sizes = new Map<number, number>();
      for (const l of ls)
        if (l.size < body * 1.12) sizes.set(Math.round(l.size), (sizes.get(Math.round(l.size)) ?? 0) + 1);
      const own = [...sizes].reduce((a, b) => (b[1] > a[1] ? b : a), [body, 0])[0];
      const bodyLines = ls.filter((l) => Math.abs(Math.round(l.size) - own) < 0.5);
      const use = bodyLines.length ? bodyLines : ls;
      byKey.set(`${pi}:${region}`, {
        left: mode(use.map((l) => l.x)),
        right: quantile(
          use.map((l) => l.xEnd),
          0.9,
        ),
        n: bodyLines.length,
        lo: Math.min(...ls.map((l) => l.x)),
        hi: Math.max(...ls.map((l) => l.xEnd)),
      });
    }
  });
  const full = [...byKey.values()].filter((b) => b.n >= 4);
  const cache = new Map<string, Bounds>();
  return (page, line) => {
    const key = `${page}:${line.region}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const b = byKey.get(key)!;
    let bounds: Bounds = b;
    if (b.n < 3 && full.length) {
      const overlap = (o: Bounds) => Math.min(o.right, b.hi) - Math.max(o.left, b.lo);
      const best = full.reduce((a, o) => (overlap(o) > overlap(a) ? o : a));
      if (overlap(best) > 0) bounds = best;
    }
    cache.set(key, bounds);
    return bounds;
  };
}

type Mode = 'body' | 'references' | 'endnotes';

const CAPTION = /^(?:Figure|Fig\.|Table|图|表)\s?(\d{1,3})(?:[.:：．]|\s|(?=\p{Script=Han}))/u;

export function buildPdfBlocks(
  pages: Line[][],
  numbers: readonly (PageLabel | undefined)[],
  doc: ImportedDoc,
): void {
  const all = pages.flat();
  const body = bodySize(all);
  const boundsOf = regionBounds(pages, body);
  const headingSizes = [
    ...new Set(all.filter((l) => l.size >= body * 1.12).map((l) => Math.round(l.size))),
  ].sort((a, b) => b - a);
  const numbering = new HeadingNumbering();
  let open: ImportedBlock | undefined;
  let pending: PageLabel | undefined;
  let prev: { line: Line; bounds: Bounds } | undefined;
  let mode: Mode = 'body';
  let refCount = 0;
  let labelledRefs = false;
  let openNote: Footnote | undefined;
  let wrappedHeading = false;
  let noteX: number | undefined;
  const captions: ImportedBlock[] = [];
  let caption: ImportedBlock | undefined;
  let paraLast: { line: Line; bounds: Bounds } | undefined;
  const ids = new Set<string>();
  const notes = new Map<string, Footnote>();
  let lastNote: Footnote | undefined;
  const endnotes: Footnote[] = [];
  const endnoteBlocks = new Map<string, ImportedBlock>();
  const linked = new Set<string>();
  const emitNotes = (text: string) => {
    for (const m of text.matchAll(/\[\^(\w+)\]/g)) {
      const note = notes.get(m[1]!);
      if (note) doc.blocks.push({ kind: 'footnote', label: note.label, text: note.text });
      notes.delete(m[1]!);
    }
  };
  const close = () => {
    if (open) {
      open.text = spacedEllipses(open.text);
      doc.blocks.push(open);
      emitNotes(open.text);
      open = undefined;
    }
    doc.blocks.push(...captions.splice(0));
    if (openNote) {
      endnoteBlocks.get(openNote.label)!.text = openNote.text;
      openNote = undefined;
    }
  };
  const takePage = (): Pick<ImportedBlock, 'pageBefore'> => {
    const p = pending;
    pending = undefined;
    return p !== undefined ? { pageBefore: p } : {};
  };
  /** Appends a line to the open block, the page's mark where a new page begins. */
  const runOn = (block: { text: string }, line: string) => {
    const text = unescapeBlockStart(line);
    const joined = joinWrapped(block.text, text);
    let at = joined.length - text.trimStart().length;
    // A word hyphenated across the pages is marked where it begins: `<!-- page 6 -->commitment`.
    if (/[A-Za-z]/.test(joined[at - 1] ?? '') && /^[a-z]/.test(text.trimStart()))
      while (at > 0 && /[A-Za-z]/.test(joined[at - 1]!)) at--;
    const page = takePage().pageBefore;
    block.text =
      page === undefined ? joined : `${joined.slice(0, at)}<!-- page ${page} -->${joined.slice(at)}`;
  };

  pages.forEach((pageLines, pi) => {
    let letters = 0;
    // A page without a label (unnumbered front matter) labels its notes by its place: `p1a`.
    const label = () => `${numbers[pi] ?? `p${pi + 1}`}${String.fromCharCode(97 + (letters++ % 26))}`;
    // Each region's foot: its footnotes (the page's in reading order).
    const regions: Line[][] = [];
    for (const l of pageLines) {
      const last = regions.at(-1);
      if (last && last[0]!.region === l.region) last.push(l);
      else regions.push([l]);
    }
    const pageNotes: Footnote[] = [];
    let bodySeen = false;
    // A reference list or the endnotes, set small at a column's foot, are not footnotes: there,
    // only a raised or circled marker starts one.
    let listed = mode !== 'body';
    for (const r of regions) {
      listed ||= r.some((l) => REFERENCES.test(l.text.trim()) || ENDNOTES.test(l.text.trim()));
      pageNotes.push(...takeFootnotes(r, body, bodySeen, label, pageNotes.at(-1) ?? lastNote, listed));
      bodySeen ||= r.some((l) => l.size > body * 0.9);
    }
    lastNote = pageNotes.at(-1) ?? lastNote;
    const lines = regions.flat();
    for (const n of pageNotes) notes.set(n.label, n);
    const used = new Set<string>();
    const spacings = new Map<number, number>();
    const spacingOf = (region: number) => {
      let s = spacings.get(region);
      if (s === undefined) {
        const ls = lines.filter((l) => l.region === region);
        s =
          median(
            ls
              .slice(1)
              .map((l, i) => ls[i]!.y - l.y)
              .filter((d) => d > 0),
          ) || body * 1.5;
        spacings.set(region, s);
      }
      return s;
    };
    pending = numbers[pi];
    /** The right edge of the lines of a region that start where `line` does. */
    const blockRight = (line: Line) =>
      Math.max(
        ...lines
          .filter((l) => l.region === line.region && Math.abs(l.x - line.x) < body * 0.3)
          .map((l) => l.xEnd),
      );
    lines.forEach((line, li) => {
      const bounds = boundsOf(pi, line);
      const before = li > 0 ? lines[li - 1] : undefined;
      const sameRegion = before !== undefined && before.region === line.region;
      const text = linkMarkers(escapePlain(line.text), pageNotes, used);
      for (const l of used) linked.add(l);
      const short = line.xEnd < bounds.right - body * 2;
      const large = line.size >= body * 1.12 && line.text.length <= 80;
      const numbered = mode === 'body' ? numberingOf(line.text) : undefined;
      const next = lines[li + 1];
      const nextShort =
        next !== undefined && next.region === line.region && next.xEnd < boundsOf(pi, next).right - body * 2;
      const headingLike =
        (large ||
          (numbered &&
            (short || (nextShort && next.text.length <= 40 && !/[。！？.!?;；:：，,]/.test(next.text))) &&
            !/[。！？.!?;；:：，,]/.test(line.text))) &&
        line.text.length <= 80;
      if (headingLike) {
        close();
        const level = large ? Math.min(6, headingSizes.indexOf(Math.round(line.size)) + 1) : undefined;
        const n = numbered ? numbering.next(numbered) : undefined;
        const last = doc.blocks.at(-1);
        // A heading broken over two lines (same size, right below) is one heading.
        if (
          last?.kind === 'heading' &&
          prev &&
          prev.line.size === line.size &&
          before === prev.line &&
          !numbered
        )
          last.text = joinWrapped(last.text, text);
        else
          doc.blocks.push({
            kind: 'heading',
            level: n && !large ? n.level : Math.max(1, level ?? n?.level ?? 2),
            text,
            ...(n ? { id: n.id } : {}),
            ...takePage(),
          });
        emitNotes(text);
        wrappedHeading = !!numbered && !short;
        const plain = doc.blocks.at(-1)!.text.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim();
        mode = REFERENCES.test(plain) ? 'references' : ENDNOTES.test(plain) ? 'endnotes' : 'body';
        labelledRefs = false;
        noteX = undefined;
        prev = { line, bounds };
        return;
      }
      // A numbered heading too long for its column runs on to a short line of the same size.
      const last = doc.blocks.at(-1);
      if (
        wrappedHeading &&
        last?.kind === 'heading' &&
        sameRegion &&
        before === prev?.line &&
        Math.abs(line.size - before.size) < 0.5 &&
        short &&
        line.text.length <= 40 &&
        !/[。！？.!?;；:：，,]$/.test(line.text)
      ) {
        last.text = joinWrapped(last.text, text);
        wrappedHeading = false;
        prev = { line, bounds };
        return;
      }
      wrappedHeading = false;
      const atLeft = line.x <= bounds.left + body * 0.5;
      if (mode === 'references') {
        const lab = /^\[(\d{1,4})\]|^(\d{1,4})\.\s/.exec(line.text);
        if (lab && atLeft && !open) labelledRefs = true;
        const starts = !open || (labelledRefs ? !!lab && atLeft : atLeft);
        if (starts) {
          close();
          refCount++;
          const n = lab ? Number(lab[1] ?? lab[2]) : refCount;
          open = { kind: 'paragraph', text, id: `ref-${n}`, ...takePage() };
        } else runOn(open!, text);
        prev = { line, bounds };
        return;
      }
      if (mode === 'endnotes') {
        // Notes start where the first one did (LaTeX indents them, Writer hangs them).
        const start =
          noteX === undefined || Math.abs(line.x - noteX) <= body * 0.5 ? noteStart(line.text) : undefined;
        if (start) noteX ??= line.x;
        if (start || (!openNote && !open)) {
          close();
          if (start) {
            const rest = escapePlain(line.text.slice(start.length).replace(/[\ue000\ue001]/g, ''));
            openNote = { marker: start.marker, label: label(), text: rest };
            endnotes.push(openNote);
            const block: ImportedBlock = {
              kind: 'footnote',
              label: openNote.label,
              text: rest,
              ...takePage(),
            };
            endnoteBlocks.set(openNote.label, block);
            doc.blocks.push(block);
          } else open = { kind: 'paragraph', text, ...takePage() };
        } else if (openNote) {
          const rest = escapePlain(line.text.replace(/[\ue000\ue001]/g, ''));
          runOn(openNote, rest);
        } else runOn(open!, text);
        prev = { line, bounds };
        return;
      }
      const gap = sameRegion ? before.y - line.y : 0;
      const prevShort = prev !== undefined && prev.line.xEnd < prev.bounds.right - body * 2;
      // A caption (`Figure 3:`, `Table 2.`, `图1`) set apart: a block of its own, `fig-3`; one
      // that interrupts a paragraph (a float at the top of a page) follows it.
      const cap = CAPTION.exec(line.text);
      if (cap && (!sameRegion || gap > spacingOf(line.region) * 1.6)) {
        const kind = /^(?:Table|表)/.test(cap[0]) ? 'tab' : 'fig';
        const id = `${kind}-${cap[1]}`;
        const block: ImportedBlock = { kind: 'paragraph', text, ...(ids.has(id) ? {} : { id }) };
        ids.add(id);
        if (open && !prevShort) captions.push(block);
        else {
          close();
          Object.assign(block, takePage());
          doc.blocks.push(block);
        }
        if (doc.layout) doc.layout.captions++;
        caption = block;
        prev = { line, bounds };
        return;
      }
      if (
        caption &&
        sameRegion &&
        before === prev?.line &&
        !prevShort &&
        gap <= spacingOf(line.region) * 1.6
      ) {
        caption.text = joinWrapped(caption.text, text);
        prev = { line, bounds };
        return;
      }
      // After a caption that interrupted it, the paragraph goes on from its own last line.
      const interrupted = caption !== undefined && captions.length > 0 && paraLast !== undefined;
      caption = undefined;
      if (interrupted) prev = paraLast;
      const after = interrupted ? false : sameRegion;
      const prevShortNow = interrupted ? prev!.line.xEnd < prev!.bounds.right - body * 2 : prevShort;
      // A column's first line continues the line before it when it starts where that one did
      // (an abstract's last line, left alone at the head of the column under it).
      const alignedOn = !after && prev !== undefined && Math.abs(line.x - prev.line.x) < body * 0.3;
      const indented = line.x > bounds.left + body * 0.6 && !alignedOn;
      // A block set in from both edges (an abstract in a `quote`): its lines start where the line
      // above did, which reached the block's own right edge.
      const inBlock =
        after &&
        before !== undefined &&
        Math.abs(line.x - before.x) < body * 0.3 &&
        before.xEnd >= blockRight(line) - body * 0.5;
      const startsNew =
        !open || (after && gap > spacingOf(line.region) * 1.6) || (!inBlock && (indented || prevShortNow));
      if (startsNew) {
        close();
        open = { kind: 'paragraph', text, ...takePage() };
      } else runOn(open!, text);
      prev = { line, bounds };
      paraLast = prev;
    });
  });
  close();
  // The markers no page note claimed: endnotes' references, or text again.
  const usedEnd = new Set<string>();
  for (const b of doc.blocks)
    if (b.kind !== 'footnote' || !endnoteBlocks.has(b.label!))
      b.text = settleMarkers(b.text, endnotes, usedEnd);
  for (const note of notes.values()) {
    drop(doc, 'unmatched-footnote-marker', note.text);
    doc.blocks.push({ kind: 'footnote', label: note.label, text: note.text });
  }
  if (doc.layout) {
    doc.layout.footnotes = linked.size + usedEnd.size;
    doc.layout.unlinked = notes.size + endnotes.length - usedEnd.size;
    doc.layout.references = refCount;
  }
}
