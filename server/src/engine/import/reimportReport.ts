/**
 * What a re-import says: which citations of the document drafts hold, and the account of its
 * anchors, as the CLI prints it and the editor shows it.
 *
 *     passages: 41 as before, 1 moved, 2 changed, 1 new, 1 gone
 *     moved: #two “The second one.” (paragraph 2 → 3)
 *     changed: #s1 “1. Ukraine” (heading 2, 80 % alike)
 *     gone: #p3 “The third…” — cited
 *
 * and for each citation it would break: `drafts/a.md:4 [[005#p3]]: p3 is gone`.
 */
import type { DraftParse } from '../drafts/parseDraft.js';
import type { AnchorChange, Reimport } from './reimport.js';

export interface CitedSite {
  /** The anchor cited (`s2`), or '' for the whole document. */
  anchor: string;
  uri: string;
  /** 0-based line in the draft. */
  line: number;
  /** The citation as written. */
  raw: string;
}

/** Every well-formed citation of document `docId` in the drafts, in draft then text order. */
export function citationsOf(
  drafts: Iterable<{ uri: string; draft: DraftParse }>,
  docId: string,
): CitedSite[] {
  const out: CitedSite[] = [];
  for (const { uri, draft } of drafts) {
    for (const c of draft.citations) {
      if (c.problem || c.doc?.text !== docId) continue;
      out.push({ anchor: c.anchor?.text ?? '', uri, line: c.range.start.line, raw: c.raw });
    }
  }
  return out;
}

/** The report's lines, indented by two blanks: the passage counts, then every anchor not kept. */
export function reimportLines(r: Reimport, cited: ReadonlySet<string>): string[] {
  const p = r.passages;
  const lines = [
    `  passages: ${p.same} as before, ${p.moved} moved, ${p.changed} changed, ${p.added} new, ${p.gone} gone`,
  ];
  for (const c of r.changes) {
    if (c.fate === 'kept' && !c.broken) continue;
    lines.push(
      `  ${c.fate}: #${c.id} “${c.name}”${detail(c)}${cited.has(c.id) ? ` — cited${c.broken ? ', would break' : ''}` : ''}`,
    );
  }
  return lines;
}

/**
 * Why the new text seems not to be the old document's source at all — fewer than half the old
 * passages found in it — or undefined: `keeps 0 of the 63 passages of corpus/003-….md`.
 */
export function unlikeSource(r: Reimport, shownPath: string): string | undefined {
  const p = r.passages;
  const old = p.same + p.moved + p.changed + p.gone;
  const kept = old - p.gone;
  return old && kept * 2 < old ? `keeps only ${kept} of the ${old} passages of ${shownPath}` : undefined;
}

/** Why citations of `c` would break, as one clause: `p3 is now p4`, `its passage is gone`. */
export function breakage(c: AnchorChange): string {
  if (c.fate === 'gone') return 'its passage is gone';
  if (c.now) return `its passage is now ${c.now}`;
  return 'its id could not be kept';
}

/** For each citation of an anchor the re-import breaks: `drafts/a.md:4 [[005#p3]]: its passage is gone`. */
export function brokenCitations(
  r: Reimport,
  sites: readonly CitedSite[],
  show: (uri: string) => string,
): string[] {
  const broken = new Map(r.changes.filter((c) => c.broken).map((c) => [c.id, c]));
  return sites.flatMap((s) => {
    const c = broken.get(s.anchor);
    return c ? [`${show(s.uri)}:${s.line + 1} ${s.raw}: ${breakage(c)}`] : [];
  });
}

function detail(c: AnchorChange): string {
  const what =
    c.kind === 'heading' || c.kind === 'slug' ? 'heading' : c.kind === 'footnote' ? 'footnote' : 'paragraph';
  const place =
    c.ordinal.after === undefined || c.ordinal.after === c.ordinal.before
      ? `${what} ${c.ordinal.before}`
      : `${what} ${c.ordinal.before} → ${c.ordinal.after}`;
  const alike = c.similarity !== undefined ? `, ${Math.round(c.similarity * 100)} % alike` : '';
  const now = c.now && c.now !== c.id ? `, now ${c.now}` : '';
  return c.fate === 'gone' ? ` (was ${what} ${c.ordinal.before})` : ` (${place}${alike}${now})`;
}
