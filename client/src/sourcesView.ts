/**
 * The Sources view, without VS Code: what the tree shows for each node of the server's
 * `sourceAnchors/sources` answer, and the provider logic (children, refresh, drag text). The
 * VS Code types stay in sourcesViewAdapter.ts, so this file is tested in test/unit as plain data.
 *
 *     002 美塔协议签署后的美阿塔三方内部博弈   cited 2× here · 4× in workspace     (book icon)
 *       美塔协议签署后的美阿塔三方内部博弈
 *         ^abstract 摘要：美塔协议签署后…
 *         二、 “撤军”还是“驻军”：美国内部博弈
 *           （三）美国重启撤军至…                2× here · 3× in workspace
 *     003 准盟友关系中固有的战略困境            uncited                              (circle-slash icon)
 *     smith2020 Quasi Alliances                  no text · cited 1× in workspace     (book icon)
 */
import type { RangeLike, SourceNode, SourcesResult } from '../../server/src/lsp/protocolTypes';

/** A tree item as plain data; the adapter turns it into a vscode.TreeItem. */
export interface SourceItemData {
  /** Stable across refreshes, so expanded sections stay expanded. */
  id: string;
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id (`book`). */
  icon: string;
  collapsible: 'none' | 'collapsed';
  /** For `when` clauses: `document`, `uncitedDocument` or `anchor`. */
  contextValue: string;
  /** Where a click opens the source. */
  open: { uri: string; range: RangeLike };
}

const ICONS: Record<SourceNode['kind'], string> = {
  document: 'book',
  heading: 'symbol-structure',
  block: 'symbol-key',
  paragraph: 'symbol-text',
  footnote: 'symbol-number',
};

/** `[[002#us-phase3]]`: what dragging the node into a draft inserts. */
export function citationOf(node: SourceNode): string {
  return `[[${node.target}]]`;
}

/**
 * `cited 2× here · 4× in workspace` for a document (`uncited` when no draft cites it),
 * `2× here · 3× in workspace` for an anchor (nothing when uncited). Without an active draft,
 * only the workspace count.
 */
export function countsText(node: SourceNode, hasDraft: boolean): string {
  if (node.workspace === 0 && node.here === 0) return node.kind === 'document' ? 'uncited' : '';
  const counts = hasDraft
    ? `${node.here}× here · ${node.workspace}× in workspace`
    : `${node.workspace}× in workspace`;
  return node.kind === 'document' ? `cited ${counts}` : counts;
}

export function itemData(node: SourceNode, hasDraft: boolean): SourceItemData {
  const [doc, anchor] = splitTarget(node.target);
  const uncited = node.kind === 'document' && node.workspace === 0 && node.here === 0;
  let label: string;
  if (node.kind === 'document') label = `${doc} ${node.label}`;
  else if (node.kind === 'heading') label = node.label || `#${anchor}`;
  else label = `${node.kind === 'block' ? '^' : ''}${anchor} ${node.label}`;
  const counts = countsText(node, hasDraft);
  return {
    id: node.target,
    label,
    description: node.noText ? `no text · ${counts}` : counts,
    tooltip: [
      citationOf(node),
      node.label,
      node.noText ? 'No text: metadata only (cite it with pages; its quotes cannot be verified)' : '',
      counts || 'not cited',
    ]
      .filter(Boolean)
      .join('\n'),
    icon: uncited ? 'circle-slash' : ICONS[node.kind],
    collapsible: node.children.length ? 'collapsed' : 'none',
    contextValue: uncited ? 'uncitedDocument' : node.kind === 'document' ? 'document' : 'anchor',
    open: { uri: node.uri, range: node.range },
  };
}

function splitTarget(target: string): [string, string] {
  const hash = target.indexOf('#');
  return hash === -1 ? [target, ''] : [target.slice(0, hash), target.slice(hash + 1)];
}

/**
 * The tree's data: asks the server for the tree (with the active draft), hands out children, and
 * tells listeners when it changed. `toItem` is the adapter's conversion to a vscode.TreeItem.
 *
 * The top level is answered fresh: while the tree is stale (never asked yet, or something changed
 * while the view was hidden, see {@link invalidate}) or an ask is running, `getChildren()` waits
 * for the server's answer instead of handing out the old tree. So a view shown for the first time
 * gets its rows from the answer to its own first `getChildren`, and does not depend on a change
 * event arriving after VS Code has rendered an empty tree. While such a `getChildren` waits,
 * listeners are not told of the answer it is about to get: VS Code's extension host drops the
 * answer of a top-level `getChildren` still running when the tree's change event fires (it
 * returns nothing for it and asks again), which would bring that dependence back.
 *
 * The draft counted as `here` is the active editor's when the server says it is one; otherwise
 * (a source opened from the tree, the preview focused) the last draft that was active, while it
 * is still open.
 */
export class SourcesProvider<Item> {
  #result: SourcesResult = { draft: false, documents: [] };
  readonly #listeners = new Set<() => void>();
  readonly #ask: (uri: string | undefined) => Promise<SourcesResult>;
  readonly #active: () => string | undefined;
  #lastDraft: string | undefined;
  readonly #toItem: (data: SourceItemData) => Item;
  #pending: Promise<void> | undefined;
  #again = false;
  /** Whether the tree may be out of date: nothing was asked yet, or a change came while hidden. */
  #stale = true;
  /** Calls to {@link invalidate}, so an answer to an ask sent before one does not count as fresh. */
  #invalidations = 0;
  /** Top-level `getChildren` calls waiting for an ask: they get its answer, so no change event. */
  #waiting = 0;
  /** Failed asks in a row; after one, the provider asks again by itself (the server may not be up yet). */
  #failures = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  readonly #retryMs: number;

  constructor(
    /** Asks the server for the tree, counting `uri` as here. */
    ask: (uri: string | undefined) => Promise<SourcesResult>,
    /** The active editor's Markdown document, if any. */
    active: () => string | undefined,
    toItem: (data: SourceItemData) => Item,
    /** How long to wait before asking again after a failed ask (ms); up to five times in a row. */
    retryMs = 1000,
  ) {
    this.#ask = ask;
    this.#active = active;
    this.#toItem = toItem;
    this.#retryMs = retryMs;
  }

  /** Asks the server again; calls that arrive while one is running collapse into one more. */
  refresh(): Promise<void> {
    if (this.#pending) {
      this.#again = true;
      return this.#pending;
    }
    this.#pending = (async () => {
      try {
        do {
          this.#again = false;
          const invalidations = this.#invalidations;
          this.#result = await this.#fetch();
          this.#stale = this.#invalidations !== invalidations;
          this.#failures = 0;
          if (!this.#waiting) for (const l of this.#listeners) l();
        } while (this.#again);
      } catch {
        // The client is not running yet, or the server is restarting: keep showing the last tree,
        // and ask again shortly (a view left empty would wait for the next editor event).
        if (++this.#failures <= 5 && !this.#retry) {
          this.#retry = setTimeout(() => {
            this.#retry = undefined;
            void this.refresh();
          }, this.#retryMs);
          this.#retry.unref?.();
        }
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }

  async #fetch(): Promise<SourcesResult> {
    const uri = this.#active();
    const result = await this.#ask(uri);
    if (result.draft) {
      this.#lastDraft = uri;
      return result;
    }
    const last = this.#lastDraft;
    if (!last || last === uri) return result;
    const again = await this.#ask(last);
    if (again.draft) return again;
    this.#lastDraft = undefined;
    return result;
  }

  onDidChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Something the tree shows may have changed while nobody looks (the view is hidden): no ask now,
   * but the next top-level `getChildren` asks before it answers.
   */
  invalidate(): void {
    this.#stale = true;
    this.#invalidations++;
  }

  /**
   * A node's children at once; the top level at once when it is up to date, otherwise once the
   * server has answered (after a failed ask: the last tree, and the retry tells listeners later).
   */
  getChildren(node?: SourceNode): SourceNode[] | Promise<SourceNode[]> {
    if (node) return node.children;
    if (!this.#stale && !this.#pending) return this.#result.documents;
    this.#waiting++;
    return (this.#pending ?? this.refresh()).then(() => {
      this.#waiting--;
      return this.#result.documents;
    });
  }

  getTreeItem(node: SourceNode): Item {
    return this.#toItem(itemData(node, this.#result.draft));
  }

  /** The text a drag of `nodes` carries: their citations, one after another. */
  dragText(nodes: readonly SourceNode[]): string {
    return nodes.map(citationOf).join('');
  }
}
