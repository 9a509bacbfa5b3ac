/**
 * Every draft's citations, and for each target (`002#us-phase3`) where it is cited — the data
 * behind references, code lenses and rename. A draft is re-parsed when something asks for it
 * after its text changed ({@link setText} only keeps the text), and then only the blocks the
 * edit touched (reparseDraft.ts).
 */
import { parseDraftSteps, type Citation, type DraftParse } from '../drafts/parseDraft.js';
import { carryQuoteSteps } from '../drafts/quotes.js';
import { reparseSteps, type Reparse } from '../drafts/reparseDraft.js';
import { drain, type Steps } from '../steps.js';

export interface CitationSite {
  uri: string;
  citation: Citation;
}

export class DraftIndex {
  readonly #drafts = new Map<string, DraftParse>();
  /** Texts set but not parsed yet, by URI: parsed when asked for, the newest only. */
  readonly #pending = new Map<string, string>();
  readonly #byTarget = new Map<string, CitationSite[]>();
  #version = 0;
  /** How many parses each draft has had (whole or incremental): what the server's tests count. */
  readonly parses = new Map<string, number>();

  get version(): number {
    this.#settle();
    return this.#version;
  }

  /** Parses `text` as the draft `uri` (replacing what was there) and returns the parse. */
  set(uri: string, text: string): DraftParse {
    return drain(this.setSteps(uri, text));
  }

  /**
   * {@link set} a step at a time. When another parse of `uri` was installed meanwhile, this one's
   * result is returned without replacing it (or that parse, when it is of the same text).
   */
  *setSteps(uri: string, text: string): Steps<DraftParse> {
    // Set explicitly, `text` is the newest: a different text waiting is dropped.
    if (this.#pending.has(uri) && this.#pending.get(uri) !== text) this.#pending.delete(uri);
    const old = this.#drafts.get(uri);
    if (old && old.text === text) {
      if (this.#pending.get(uri) === text) this.#pending.delete(uri);
      return old;
    }
    this.parses.set(uri, (this.parses.get(uri) ?? 0) + 1);
    const r: Reparse = old ? yield* reparseSteps(old, text) : { draft: yield* parseDraftSteps(text) };
    if (old && this.#drafts.get(uri) === old) yield* carryQuoteSteps(old, r);
    const now = this.#drafts.get(uri);
    if (now !== old) return now?.text === text ? now : r.draft;
    if (this.#pending.get(uri) === text) this.#pending.delete(uri);
    return this.setParsed(uri, r.draft);
  }

  /** The newest text set for `uri` (parsed or not). */
  textOf(uri: string): string | undefined {
    return this.#pending.get(uri) ?? this.#drafts.get(uri)?.text;
  }

  /** Keeps `text` as the draft `uri`'s newest text, parsed when something asks for the draft. */
  setText(uri: string, text: string): void {
    if (this.#drafts.get(uri)?.text === text) this.#pending.delete(uri);
    else this.#pending.set(uri, text);
  }

  /** True when `uri` has a parse and it is of its newest text (asking for it parses nothing). */
  isCurrent(uri: string): boolean {
    return !this.#pending.has(uri) && this.#drafts.has(uri);
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
    this.#pending.delete(uri);
    this.parses.delete(uri);
    if (!this.#drafts.has(uri)) return;
    this.#unlink(uri);
    this.#drafts.delete(uri);
    this.#version++;
  }

  get(uri: string): DraftParse | undefined {
    const pending = this.#pending.get(uri);
    if (pending !== undefined) return this.set(uri, pending);
    return this.#drafts.get(uri);
  }

  uris(): string[] {
    return [...new Set([...this.#drafts.keys(), ...this.#pending.keys()])].sort();
  }

  /** Where `target` (`002#us-phase3` or `002`) is cited, by draft URI then position. */
  sitesOf(target: string): readonly CitationSite[] {
    this.#settle();
    const sites = this.#byTarget.get(target) ?? [];
    return [...sites].sort((a, b) =>
      a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.citation.start - b.citation.start,
    );
  }

  countOf(target: string): number {
    this.#settle();
    return this.#byTarget.get(target)?.length ?? 0;
  }

  /** Parses the drafts whose newest text is not parsed yet (questions about every draft need them). */
  #settle(): void {
    for (const [uri, text] of [...this.#pending]) this.set(uri, text);
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
