/** The Sources view's data → tree items, without VS Code. */
import { describe, expect, it, vi } from 'vitest';
import { citationOf, countsText, itemData, SourcesProvider } from '../../client/src/sourcesView.js';
import type { SourceNode, SourcesResult } from '../../server/src/lsp/protocolTypes.js';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 12 } });
const URI = 'file:///w/corpus/002.md';

const phase3: SourceNode = {
  kind: 'heading',
  target: '002#us-phase3',
  label: '（三）美国重启撤军',
  uri: URI,
  range: at(115),
  here: 2,
  workspace: 3,
  children: [],
};
const block: SourceNode = {
  ...phase3,
  kind: 'block',
  target: '002#esper-memo',
  label: '2020年2月29日…',
  here: 0,
  workspace: 0,
};
const doc002: SourceNode = {
  kind: 'document',
  target: '002',
  label: '美塔协议签署后的美阿塔三方内部博弈',
  uri: URI,
  range: at(0),
  here: 2,
  workspace: 4,
  children: [phase3, block],
};
const doc003: SourceNode = {
  ...doc002,
  target: '003',
  label: '准盟友关系中固有的战略困境',
  here: 0,
  workspace: 0,
  children: [],
};

describe('the Sources view items', () => {
  it('shows a document with its counts here and in the workspace, opening at its start', () => {
    expect(itemData(doc002, true)).toEqual({
      id: '002',
      label: '002 美塔协议签署后的美阿塔三方内部博弈',
      description: 'cited 2× here · 4× in workspace',
      tooltip: '[[002]]\n美塔协议签署后的美阿塔三方内部博弈\ncited 2× here · 4× in workspace',
      icon: 'book',
      collapsible: 'collapsed',
      contextValue: 'document',
      open: { uri: URI, range: at(0) },
    });
  });

  it('marks an uncited document with its own description and icon', () => {
    expect(itemData(doc003, true)).toMatchObject({
      description: 'uncited',
      icon: 'circle-slash',
      contextValue: 'uncitedDocument',
      collapsible: 'none',
    });
  });

  it('shows anchors by heading text or id, with counts only when cited', () => {
    expect(itemData(phase3, true)).toEqual({
      id: '002#us-phase3',
      label: '（三）美国重启撤军',
      description: '2× here · 3× in workspace',
      tooltip: '[[002#us-phase3]]\n（三）美国重启撤军\n2× here · 3× in workspace',
      icon: 'symbol-structure',
      collapsible: 'none',
      contextValue: 'anchor',
      open: { uri: URI, range: at(115) },
    });
    expect(itemData(block, true)).toMatchObject({
      label: '^esper-memo 2020年2月29日…',
      description: '',
      tooltip: '[[002#esper-memo]]\n2020年2月29日…\nnot cited',
      icon: 'symbol-key',
    });
    expect(itemData({ ...phase3, label: '' }, true).label).toBe('#us-phase3');
    expect(itemData({ ...block, kind: 'paragraph', target: '003#p8', label: '自二战…' }, true).label).toBe(
      'p8 自二战…',
    );
  });

  it('counts only the workspace when no draft is active', () => {
    expect(countsText(doc002, false)).toBe('cited 4× in workspace');
    expect(countsText(phase3, false)).toBe('3× in workspace');
    expect(countsText(doc003, false)).toBe('uncited');
  });
});

describe('the Sources provider', () => {
  it('hands out the server’s tree, refreshes on demand and drags citations as text', async () => {
    const answers: SourcesResult[] = [
      { draft: true, documents: [doc002, doc003] },
      { draft: false, documents: [doc003] },
    ];
    let asked = 0;
    const provider = new SourcesProvider(
      async () => answers[asked++]!,
      () => undefined,
      (d) => `${d.label} | ${d.description}`,
    );
    let changes = 0;
    provider.onDidChange(() => changes++);

    await provider.refresh();
    expect(provider.getChildren()).toEqual([doc002, doc003]);
    expect(provider.getChildren(doc002)).toEqual([phase3, block]);
    expect(provider.getTreeItem(phase3)).toBe('（三）美国重启撤军 | 2× here · 3× in workspace');
    expect(provider.dragText([phase3, doc003])).toBe('[[002#us-phase3]][[003]]');
    expect(citationOf(block)).toBe('[[002#esper-memo]]');

    await provider.refresh();
    expect(provider.getChildren()).toEqual([doc003]);
    expect(provider.getTreeItem(doc002)).toBe(
      '002 美塔协议签署后的美阿塔三方内部博弈 | cited 4× in workspace',
    );
    expect([asked, changes]).toEqual([2, 2]);
  });

  it('collapses refreshes asked for while one runs into one more, and keeps the tree on failure', async () => {
    let asked = 0;
    let release: () => void = () => {};
    const provider = new SourcesProvider(
      () =>
        new Promise<SourcesResult>((resolve, reject) => {
          asked++;
          if (asked === 3) reject(new Error('server restarting'));
          else release = () => resolve({ draft: false, documents: asked === 1 ? [doc002] : [doc003] });
        }),
      () => undefined,
      (d) => d.label,
    );
    const first = provider.refresh();
    void provider.refresh();
    void provider.refresh();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await first;
    expect(asked).toBe(2);
    expect(provider.getChildren()).toEqual([doc003]);
    await provider.refresh();
    expect(asked).toBe(3);
    expect(provider.getChildren()).toEqual([doc003]);
  });

  it('asks again by itself after a failed ask (the client was not running yet), and shows the tree', async () => {
    let asked = 0;
    let changes = 0;
    const provider = new SourcesProvider(
      async () => {
        asked++;
        if (asked < 3) throw new Error('Client is not running');
        return { draft: false, documents: [doc002] };
      },
      () => undefined,
      (d) => d.label,
      5,
    );
    provider.onDidChange(() => changes++);
    await provider.refresh();
    expect(asked).toBe(1);
    await vi.waitFor(() => expect(changes).toBe(1));
    expect(provider.getChildren()).toEqual([doc002]);
    expect(asked).toBe(3);
  });
});

describe('the Sources provider when the view is shown', () => {
  /** A provider whose asks wait until the test answers them, one by one, in order. */
  function manual() {
    const waiting: ((r: SourcesResult) => void)[] = [];
    let changes = 0;
    const provider = new SourcesProvider(
      () => new Promise<SourcesResult>((resolve) => waiting.push(resolve)),
      () => undefined,
      (d) => d.label,
    );
    provider.onDidChange(() => changes++);
    const answer = async (documents: SourceNode[]) => {
      waiting.shift()!({ draft: false, documents });
      await new Promise((r) => setTimeout(r, 0));
    };
    return { provider, waiting, answer, changes: () => changes };
  }

  it('answers the first top-level getChildren with the server’s tree, not an empty one', async () => {
    const { provider, waiting, answer, changes } = manual();
    const first = provider.getChildren();
    expect(first).toBeInstanceOf(Promise);
    expect(waiting.length).toBe(1);
    await answer([doc002, doc003]);
    expect(await first).toEqual([doc002, doc003]);
    // Up to date now: answered at once, without asking again. No change event: VS Code would
    // drop the answer of the getChildren it fires during, and ask again.
    expect(provider.getChildren()).toEqual([doc002, doc003]);
    expect([waiting.length, changes()]).toEqual([0, 0]);
    // Nobody waiting: an ask's answer is told.
    void provider.refresh();
    await answer([doc003]);
    expect(provider.getChildren()).toEqual([doc003]);
    expect(changes()).toBe(1);
  });

  it('waits for the ask already running when shown (one ask), and answers with its result', async () => {
    const { provider, waiting, answer, changes } = manual();
    const shown = provider.refresh();
    const children = provider.getChildren();
    expect(waiting.length).toBe(1);
    await answer([doc003]);
    await shown;
    expect(await children).toEqual([doc003]);
    expect([waiting.length, changes()]).toEqual([0, 0]);
  });

  it('asks again before answering after a change while hidden, even if an earlier ask is still out', async () => {
    const { provider, waiting, answer } = manual();
    const first = provider.getChildren();
    await answer([doc002]);
    expect(await first).toEqual([doc002]);

    // An ask goes out, the view is hidden and the corpus changes before its answer arrives.
    void provider.refresh();
    provider.invalidate();
    await answer([doc002]);
    const shownAgain = provider.getChildren();
    expect(shownAgain).toBeInstanceOf(Promise);
    expect(waiting.length).toBe(1);
    await answer([doc002, doc003]);
    expect(await shownAgain).toEqual([doc002, doc003]);
    expect(provider.getChildren()).toEqual([doc002, doc003]);
  });

  it('answers the last tree when the ask fails, and asks again on the next getChildren', async () => {
    let asked = 0;
    const provider = new SourcesProvider(
      async () => {
        asked++;
        if (asked === 1) throw new Error('server restarting');
        return { draft: false, documents: [doc003] };
      },
      () => undefined,
      (d) => d.label,
      60_000,
    );
    expect(await provider.getChildren()).toEqual([]);
    expect(await provider.getChildren()).toEqual([doc003]);
    expect(asked).toBe(2);
  });
});

describe('the draft counted as here', () => {
  it('stays the last active draft while a source or the preview is active, until it is closed', async () => {
    const open = new Set(['file:///w/a.md']);
    const asked: (string | undefined)[] = [];
    let active: string | undefined = 'file:///w/a.md';
    const provider = new SourcesProvider(
      async (uri) => {
        asked.push(uri);
        const draft = uri !== undefined && open.has(uri);
        return { draft, documents: draft ? [doc002] : [doc003] };
      },
      () => active,
      (d) => d.label,
    );
    await provider.refresh();
    active = 'file:///w/corpus/002.md';
    await provider.refresh();
    expect(provider.getChildren()).toEqual([doc002]);
    active = undefined;
    await provider.refresh();
    expect(provider.getChildren()).toEqual([doc002]);
    open.delete('file:///w/a.md');
    await provider.refresh();
    await provider.refresh();
    expect(provider.getChildren()).toEqual([doc003]);
    expect(asked).toEqual([
      'file:///w/a.md',
      'file:///w/corpus/002.md',
      'file:///w/a.md',
      undefined,
      'file:///w/a.md',
      undefined,
      'file:///w/a.md',
      undefined,
    ]);
  });
});
