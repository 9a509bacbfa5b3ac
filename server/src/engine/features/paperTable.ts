/**
 * A draft's citations as the paper prints them, for the Markdown preview: the preview runs
 * markdown-it in the editor's extension host without the index, so the server computes this
 * table and the client keeps it (see `drafts/markdownItCitations.ts` for how it is rendered).
 *
 * One entry per well-formed citation outside code, in text order — exactly the citations the
 * preview plugin sees. For `见[[002#us-phase3]]` in `drafts/a.md`, styled with gb-note:
 *
 *     { offset: 1, line: 0, target: '002#us-phase3', note: 1,
 *       text: '兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. …: 53–55.',
 *       href: '../corpus/002-us-taliban-internal-games.md#L116',
 *       preview: '（三）美国重启撤军至塔利班重返执政的美国内部博弈 — 2021年4月14日，…' }
 *
 * and for `[[002#us-phase9]]`: `{ …, broken: "Unknown anchor 'us-phase9' in [[002#us-phase9]]: …" }`.
 * Every string is plain text (the style's `text` output): the renderer escapes it.
 */
import { nameAsShown } from '../biblio/cslItem.js';
import { type Anchor, docTitle, passageText, type SourceDoc } from '../corpus/sourceDoc.js';
import type { DraftParse } from '../drafts/parseDraft.js';
import { noteNumbers, styleDraftSteps, type LoadedStyle, type StyledPaper } from '../export/paper.js';
import { drain, type Steps } from '../steps.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { relativePath } from '../uris.js';
import { citationDiagnostic } from './diagnostics.js';
import { resolveCitation } from './resolve.js';

export interface PaperTableCitation {
  /** Offset of `[[` in the draft, and its line (0-based). */
  offset: number;
  line: number;
  /** `002#us-phase3`, or `002`. */
  target: string;
  /** The label written after `|`, if any. */
  label?: string;
  /** How the style prints it: the note's text (note styles) or the in-text form. */
  text?: string;
  /** Note styles: the footnote's number, counting resolved citations from 1. */
  note?: number;
  /** The source at the anchor: a path relative to the draft's folder with `#L<line>` (1-based). */
  href?: string;
  /** The cited passage, flattened and cut short: the link's tooltip. */
  preview?: string;
  /** Why the citation does not resolve (the diagnostic's message); absent when it does. */
  broken?: string;
}

export interface PaperTable {
  /** The style's title, and whether its citations are notes or in the text. */
  style: { title: string; kind: 'note' | 'in-text' };
  locale: string;
  citations: PaperTableCitation[];
  /** Bibliography entries as the style sorts them. */
  bibliography: string[];
  /** `参考文献` or `References`. */
  heading: string;
  /** Set when the style could not be used; then citations carry no `text` or `note`. */
  error?: string;
}

export const PREVIEW_CHARACTERS = 160;

export function paperTable(
  draftUri: string,
  draft: DraftParse,
  index: CorpusIndex,
  style: LoadedStyle | { error: string },
): PaperTable {
  return drain(paperTableSteps(draftUri, draft, index, style));
}

/** {@link paperTable} a step at a time: a step per citation styled (see `styleDraftSteps`). */
export function* paperTableSteps(
  draftUri: string,
  draft: DraftParse,
  index: CorpusIndex,
  style: LoadedStyle | { error: string },
): Steps<PaperTable> {
  let styled: StyledPaper | undefined;
  let error = 'error' in style ? style.error : undefined;
  if (!('error' in style)) {
    try {
      styled = yield* styleDraftSteps(draft, index, style, 'text');
    } catch (e) {
      error = `The citation style cannot be used: ${(e as Error).message}`;
    }
  }
  return paperTableOf(
    draftUri,
    draft,
    index,
    styled ?? { error: error ?? 'no paper', ...('error' in style ? {} : { locale: style.locale }) },
  );
}

/**
 * The table of a draft already styled (`paper`, e.g. in the style thread), or of its plain
 * citations with the reason it could not be (`error`, and the locale it was to be styled in).
 */
export function paperTableOf(
  draftUri: string,
  draft: DraftParse,
  index: CorpusIndex,
  paper: StyledPaper | { error: string; locale?: string },
): PaperTable {
  const styled = 'error' in paper ? undefined : paper;
  const error = 'error' in paper ? paper.error : undefined;
  const printed = new Map(styled?.cites.map((c, i) => [c.citation.start, i]) ?? []);
  const note = styled?.style.kind === 'note';
  const notes = styled ? noteNumbers(styled.cites) : [];
  const citations: PaperTableCitation[] = [];
  let lastCluster: number | undefined;
  for (const c of draft.citations) {
    if (c.problem) continue;
    // A Pandoc bracket is one row, from its first item (the preview's plugin reads it as one citation).
    const cluster = c.pandoc?.clusterStart;
    if (cluster !== undefined && cluster === lastCluster) continue;
    lastCluster = cluster;
    const entry: PaperTableCitation = { offset: c.start, line: c.range.start.line, target: c.target };
    if (c.label) entry.label = c.label.text;
    const r = resolveCitation(index, c, false);
    const problem = citationDiagnostic(c, index);
    if (problem || (r.kind !== 'anchor' && r.kind !== 'document')) {
      entry.broken = problem?.message ?? `${c.raw} does not resolve.`;
    } else {
      const anchor = r.kind === 'anchor' ? r.anchor : undefined;
      entry.href = sourceHref(draftUri, r.doc, anchor);
      entry.preview = previewText(r.doc, anchor);
      const i = printed.get(c.start);
      if (i !== undefined) {
        entry.text = styled!.texts[i]!;
        if (note) entry.note = notes[i]!;
      }
    }
    citations.push(entry);
  }
  return {
    style: styled ? { title: styled.style.title, kind: styled.style.kind } : { title: '', kind: 'in-text' },
    locale: styled?.locale ?? ('error' in paper ? (paper.locale ?? 'zh-CN') : 'zh-CN'),
    citations,
    bibliography: styled?.bibliography ?? [],
    heading: styled?.heading ?? '',
    ...(error ? { error } : {}),
  };
}

/**
 * `../corpus/002.md#L116` from `file:///w/drafts/a.md`: relative, so the preview opens it as a
 * document link at that line; a draft with no folder (untitled) gets the source's URI.
 */
export function sourceHref(draftUri: string, doc: SourceDoc, anchor: Anchor | undefined): string {
  const line = (anchor?.range.start.line ?? 0) + 1;
  if (!draftUri.startsWith('file:')) return `${doc.uri}#L${line}`;
  const folder = draftUri.slice(0, draftUri.lastIndexOf('/'));
  const rel = relativePath(folder, doc.uri).split('/').map(encodeURIComponent).join('/');
  return `${rel}#L${line}`;
}

/** `heading — passage…` for a section, the passage for a block, `title — authors` for a document. */
export function previewText(doc: SourceDoc, anchor: Anchor | undefined): string {
  let text: string;
  if (!anchor)
    text = [docTitle(doc), doc.meta.authors.map(nameAsShown).join(', ')].filter(Boolean).join(' — ');
  else {
    const body = passageText(doc, anchor);
    text = anchor.kind === 'heading' || anchor.kind === 'slug' ? `${anchor.name} — ${body}` : body;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= PREVIEW_CHARACTERS ? flat : `${flat.slice(0, PREVIEW_CHARACTERS)}…`;
}
