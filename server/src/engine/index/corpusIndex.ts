/**
 * All parsed sources, by URI and by document id. Updating one file replaces its entry alone;
 * nothing is rescanned. When two files claim one id, the one whose URI sorts first wins and the
 * other is reported (`duplicate-document`). An unreadable file is kept for its report, but no id
 * resolves to it.
 */
import type { SourceDoc } from '../corpus/sourceDoc.js';

export class CorpusIndex {
  readonly #byUri = new Map<string, SourceDoc>();
  readonly #byId = new Map<string, SourceDoc[]>();
  readonly #listeners = new Set<(uris: readonly string[]) => void>();
  #version = 0;
  #sorted: SourceDoc[] | undefined;

  /** Increases on every change; caches compare it. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#byUri.size;
  }

  /** Adds or replaces the document of `doc.uri`. */
  set(doc: SourceDoc): void {
    this.#remove(doc.uri);
    this.#byUri.set(doc.uri, doc);
    if (doc.unreadable) {
      this.#changed([doc.uri]);
      return;
    }
    const list = this.#byId.get(doc.id) ?? [];
    list.push(doc);
    list.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    this.#byId.set(doc.id, list);
    this.#changed([doc.uri]);
  }

  delete(uri: string): boolean {
    const had = this.#remove(uri);
    if (had) this.#changed([uri]);
    return had;
  }

  clear(): void {
    const uris = [...this.#byUri.keys()];
    this.#byUri.clear();
    this.#byId.clear();
    this.#changed(uris);
  }

  /** The document cited as `id`. */
  get(id: string): SourceDoc | undefined {
    return this.#byId.get(id)?.[0];
  }

  getByUri(uri: string): SourceDoc | undefined {
    return this.#byUri.get(uri);
  }

  /** Documents that lost their id to another file with the same id. */
  shadowedBy(doc: SourceDoc): SourceDoc | undefined {
    const winner = this.#byId.get(doc.id)?.[0];
    return winner && winner.uri !== doc.uri ? winner : undefined;
  }

  /** Every document, sorted by id (then URI). */
  docs(): readonly SourceDoc[] {
    this.#sorted ??= [...this.#byUri.values()].sort(
      (a, b) => compareIds(a.id, b.id) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0),
    );
    return this.#sorted;
  }

  /** Calls `listener` with the changed URIs after every change. Returns a function that unsubscribes. */
  onDidChange(listener: (uris: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #remove(uri: string): boolean {
    const old = this.#byUri.get(uri);
    if (!old) return false;
    this.#byUri.delete(uri);
    const list = this.#byId.get(old.id)?.filter((d) => d.uri !== uri) ?? [];
    if (list.length) this.#byId.set(old.id, list);
    else this.#byId.delete(old.id);
    return true;
  }

  #changed(uris: readonly string[]): void {
    this.#version++;
    this.#sorted = undefined;
    for (const l of this.#listeners) l(uris);
  }
}

/** One collator for every comparison: `localeCompare` with options builds one per call. */
const NATURAL = new Intl.Collator('en', { numeric: true });

/** Natural order: `2` before `10`, `002` before `010`, then plain string order. */
export function compareIds(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
