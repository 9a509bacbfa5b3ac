/**
 * Every draft's citations, and for each target (`002#us-phase3`) where it is cited — the data
 * behind references, code lenses and rename. One draft is re-parsed when it changes.
 */
import { parseDraft, type Citation, type DraftParse } from '../drafts/parseDraft.js';

export interface CitationSite {
  uri: string;
  citation: Citation;
}

export class DraftIndex {
  readonly #drafts = new Map<string, DraftParse>();
  readonly #byTarget = new Map<string, CitationSite[]>();
  #version = 0;

  get version(): number {
    return this.#version;
  }

  /** Parses `text` as the draft `uri` (replacing what was there) and returns the parse. */
  set(uri: string, text: string): DraftParse {
    const old = this.#drafts.get(uri);
    if (old && old.text === text) return old;
    return this.setParsed(uri, parseDraft(text));
  }

  setParsed(uri: string, draft: DraftParse): DraftParse {
    this.#unlink(uri);
    this.#drafts.set(uri, draft);
    for (const citation of draft.citations) {
      if (citation.problem) continue;
      const list = this.#byTarget.get(citation.target) ?? [];
      list.push({ uri, citation });
      this.#byTarget.set(citation.target, list);
    }
    this.#version++;
    return draft;
  }

  delete(uri: string): void {
    if (!this.#drafts.has(uri)) return;
    this.#unlink(uri);
    this.#drafts.delete(uri);
    this.#version++;
  }

  get(uri: string): DraftParse | undefined {
    return this.#drafts.get(uri);
  }

  uris(): string[] {
    return [...this.#drafts.keys()].sort();
  }

  /** Where `target` (`002#us-phase3` or `002`) is cited, by draft URI then position. */
  sitesOf(target: string): readonly CitationSite[] {
    const sites = this.#byTarget.get(target) ?? [];
    return [...sites].sort((a, b) =>
      a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.citation.start - b.citation.start,
    );
  }

  countOf(target: string): number {
    return this.#byTarget.get(target)?.length ?? 0;
  }

  #unlink(uri: string): void {
    const old = this.#drafts.get(uri);
    if (!old) return;
    // Each target once: a draft citing one target 20,000 times filters its list once, not 20,000 times.
    for (const target of new Set(old.citations.map((c) => c.target))) {
      const list = this.#byTarget.get(target);
      if (!list) continue;
      const kept = list.filter((s) => s.uri !== uri);
      if (kept.length) this.#byTarget.set(target, kept);
      else this.#byTarget.delete(target);
    }
  }
}
