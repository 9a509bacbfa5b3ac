/**
 * The two forms of `source-anchors report`. Lines and columns are 1-based, as `check` prints them.
 *
 * Text — one line per document, then its sections and anchors indented by nesting; counts and
 * where after `—`; paragraph numbers and footnotes appear only when cited:
 *
 *     002 美塔协议签署后的美阿塔三方内部博弈 — cited 7×
 *       [[002]] the whole document — 1×: examples/draft.md:8
 *       #美塔协议签署后的美阿塔三方内部博弈
 *         ^abstract 摘要：美塔协议签署后，… — 1×: examples/draft.md:8
 *         #us 二、 “撤军”还是“驻军”：美国内部博弈
 *           #us-phase3 （三）美国重启撤军… — 2×: examples/draft.md:9, examples/draft.md:10
 *     005 Another source — uncited
 *     6 sources (1 uncited), 16 citations in 1 draft.
 *
 * JSON — `{ "documents": [ { "id", "path", "title", "authors", "cited", "sites": [ { "path",
 * "line", "column", "target" } ], "anchors": [ { "id", "kind", "name", "level"?, "line", "cited",
 * "sites", "children" } ] } ], "summary": { "sources", "uncited", "drafts", "citations" } }`.
 * A document's `sites` are all its citations (each with its target); an anchor's, its own.
 */
import type {
  AnchorReport,
  CitationSite,
  DocumentReport,
  SourcesReport,
} from '../engine/features/sourcesReport.js';
import { wholeDocumentSites } from '../engine/features/sourcesReport.js';

type Show = (uri: string) => string;

export function formatReportText(report: SourcesReport, show: Show): string {
  let out = '';
  const where = (sites: readonly CitationSite[]) =>
    sites.map((s) => `${show(s.uri)}:${s.range.start.line + 1}`).join(', ');
  const anchorLines = (a: AnchorReport, depth: number) => {
    const name = a.name && a.name !== a.id ? ` ${oneLine(a.name)}` : '';
    const cited = a.sites.length ? ` — ${a.sites.length}×: ${where(a.sites)}` : '';
    out += `${'  '.repeat(depth)}${a.kind === 'block' ? '^' : '#'}${a.id}${name}${cited}\n`;
    for (const c of a.children) anchorLines(c, depth + 1);
  };
  for (const doc of report.documents) {
    const cited = doc.sites.length ? `cited ${doc.sites.length}×` : 'uncited';
    out += `${doc.id} ${oneLine(doc.title)} — ${cited}\n`;
    const whole = wholeDocumentSites(doc);
    if (whole.length) out += `  [[${doc.id}]] the whole document — ${whole.length}×: ${where(whole)}\n`;
    for (const a of doc.anchors) anchorLines(a, 1);
  }
  const s = summary(report);
  out += `${plural(s.sources, 'source')} (${s.uncited} uncited), ${plural(s.citations, 'citation')} in ${plural(s.drafts, 'draft')}.\n`;
  return out;
}

export function formatReportJson(report: SourcesReport, show: Show): string {
  const site = (s: CitationSite) => ({
    path: show(s.uri),
    line: s.range.start.line + 1,
    column: s.range.start.character + 1,
    target: s.target,
  });
  const anchor = (a: AnchorReport): object => ({
    id: a.id,
    kind: a.kind,
    name: a.name,
    ...(a.level !== undefined ? { level: a.level } : {}),
    line: a.range.start.line + 1,
    cited: a.sites.length,
    sites: a.sites.map(site),
    children: a.children.map(anchor),
  });
  const documents = report.documents.map((d: DocumentReport) => ({
    id: d.id,
    path: show(d.uri),
    title: d.title,
    authors: d.authors,
    cited: d.sites.length,
    sites: d.sites.map(site),
    anchors: d.anchors.map(anchor),
  }));
  return `${JSON.stringify({ documents, summary: summary(report) }, null, 2)}\n`;
}

function summary(report: SourcesReport) {
  return {
    sources: report.documents.length,
    uncited: report.documents.filter((d) => d.sites.length === 0).length,
    drafts: report.drafts,
    citations: report.citations,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
