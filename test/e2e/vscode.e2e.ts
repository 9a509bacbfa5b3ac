/**
 * The packaged extension in the real VS Code: code-server serves VS Code's workbench and
 * extension host, the `.vsix` is installed with `--install-extension`, and Debian's Chromium
 * drives the UI. The steps run in order on one window, as a writer would use it; each leaves a
 * screenshot in test-output/e2e/vscode/.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { strFromU8, unzipSync } from 'fflate';
import { basename, join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCodeServer, type CodeServer } from './codeServer';
import { OUTPUT, readSetup, REPO, VSIX } from './paths';
import { launchChromium, Workbench } from './workbench';
import { makeTestWorkspace } from './workspace';

const SHOTS = join(OUTPUT, 'vscode');

/**
 * VS Code's Markdown closes `[` as it is typed, but whether typing `[[` gives `[[]]`, `[[]` or `[[`
 * depends on how far the editor has tokenized the line at that keystroke, so the same keys give
 * different text from run to run. The suite turns it off and types the brackets it wants, and
 * checks the auto-closed forms explicitly below.
 */
const SETTINGS = {
  '[markdown]': { 'editor.autoClosingBrackets': 'never' },
  // Inlay hints would be read as part of the lines; the inlay-hints step holds Ctrl+Alt to show them.
  'editor.inlayHints.enabled': 'offUnlessPressed',
};

/** The draft opened in VS Code: one citation after CJK text. Only ASCII is typed into the UI. */
const DRAFT = '# 测试草稿\n\n其中美国重启撤军之后的阶段最为关键[[002#us-phase3]]，见原文。\n\n';
/** An original dropped on the Sources view. */
const INTERVIEW =
  'An Interview\n1. On alliances\nAllies are bound by treaties.\n2. On partners\nPartners are not.\n';
/** A draft VS Code never opens: only "Check All Citations" reports its broken citation. */
const NOTES = '另见[[003#no-such-anchor]]。\n';

const PASSAGE_SENTENCE = '第三阶段美国内部博弈主要围绕和谈主导权与以何种方式帮助阿富汗政府抵御塔利班攻势。';
const US_PHASE9_MESSAGE =
  "Unknown anchor 'us-phase9' in [[002#us-phase9]]: document 002 (美塔协议签署后的美阿塔三方内部博弈) " +
  'has no such heading, block or paragraph. Did you mean [[002#us-phase1]], [[002#us-phase2]], [[002#us-phase3]]?';

/** 002's named anchors in document order, read off the source: `{#id}` headings and `^id` blocks. */
function anchorsOf002(): string[] {
  const text = readFileSync(join(REPO, 'corpus', '002-us-taliban-internal-games.md'), 'utf8');
  return [...text.matchAll(/\{#([^\s}]+)[^}]*\}|\s\^([\w.:-]+)\s*$/gm)].map((m) => m[1] ?? m[2] ?? '');
}

describe('VS Code (code-server) with the packaged extension', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let workspace: ReturnType<typeof makeTestWorkspace>;
  let step = 0;
  let slug = '00-ready';

  /** A screenshot named after the current step (`05-definition.png`), with an optional suffix. */
  const shot = (suffix = '') => wb.screenshot(suffix ? `${slug}-${suffix}` : slug);

  /** Writes `prefix[[002#` + `closing` on a new line, then asks for completion between them and accepts us-phase3. */
  async function acceptAnchorBefore(prefix: string, closing: string): Promise<void> {
    await wb.newLastLine();
    await wb.type(`${prefix}[[002#`);
    // `#` triggers a completion: let it arrive and close it, so a late answer cannot reopen it with
    // a range from before the closing brackets were typed.
    await wb.page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor();
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
    await wb.type(closing);
    for (let i = 0; i < closing.length; i++) await wb.page.keyboard.press('ArrowLeft');
    await wb.page.keyboard.press('Control+Space');
    await acceptSuggestion('us-phase3');
  }

  /** Types `label` into the open suggest widget, waits until its row is focused, and accepts it. */
  async function acceptSuggestion(label: string): Promise<void> {
    await wb.type(label);
    await wb.page
      .locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: new RegExp(`^${label}\\b`) })
      .waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
  }

  beforeAll(async () => {
    const setup = readSetup();
    workspace = makeTestWorkspace({ 'draft.md': DRAFT, 'notes.md': NOTES });
    // The paper of docs/importing.md's walkthrough, for Add Source.
    copyFileSync(join(REPO, 'examples/quasi-alliances.pdf'), join(workspace.dir, 'quasi-alliances.pdf'));
    // A text original, for a drop on the Sources view.
    writeFileSync(join(workspace.dir, 'interview.txt'), INTERVIEW);
    server = await startCodeServer({
      setup,
      vsix: VSIX,
      workspace: workspace.dir,
      logFile: join(OUTPUT, 'code-server.log'),
      logsDir: join(OUTPUT, 'vscode-logs'),
      settings: SETTINGS,
    });
    browser = await launchChromium(setup.chromium);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    wb = new Workbench(page, SHOTS);
    await wb.open(server.url);
    await wb.openFromExplorer('draft.md');
    // The extension activates on Markdown; its status bar item is the server's ready signal.
    expect(await wb.waitForServerReady()).toMatch(/5 sources · \d+ anchors/);
    await shot();
  });

  beforeEach((context) => {
    step += 1;
    const name = context.task.name.split(':')[0] ?? 'step';
    slug = `${String(step).padStart(2, '0')}-${name.trim().replace(/\W+/g, '-')}`;
  });

  afterEach(async (context) => {
    const path = await shot();
    if (context.task.result?.state === 'fail' && !context.task.fails) {
      console.error(`Screenshot of the failed step: ${path}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.dispose();
  });

  it('completion: [[ then 002# lists 002 anchors in order, accepting us-phase3 writes the citation', async () => {
    await wb.newLastLine();
    await wb.type('[[');
    await wb
      .suggestRows()
      .filter({ hasText: /^002\b/ })
      .first()
      .waitFor();
    await wb.type('002#');
    await wb.suggestRows().filter({ hasText: 'us-phase1' }).first().waitFor();
    const expected = anchorsOf002();
    const shown = (await wb.suggestLabels()).filter((label) => expected.includes(label));
    expect(shown.length, 'anchors of 002 in the suggest widget').toBeGreaterThanOrEqual(8);
    expect(shown, 'in document order').toEqual(expected.slice(0, shown.length));
    await shot('anchors');

    await acceptSuggestion('us-phase3');
    await expect.poll(() => wb.lines()).toContain('[[002#us-phase3]]');
  });

  it('completion-closed: inside an auto-closed [[002#]] it does not repeat the brackets', async () => {
    await acceptAnchorBefore('Before closed ', ']]');
    await expect.poll(() => wb.lines()).toContain('Before closed [[002#us-phase3]]');
  });

  // VS Code often auto-closes only one of the two `[` (see SETTINGS): the completion must take the
  // lone `]` into its `]]`, not write `]]]`.
  it('completion-lone-bracket: before a lone ] in [[002#] it writes [[002#us-phase3]]', async () => {
    await acceptAnchorBefore('Before lone ', ']');
    await expect.poll(() => wb.lines()).toContain('Before lone [[002#us-phase3]]');
  });

  it('hover: a citation shows a sentence of the cited passage', async () => {
    // The citation after CJK text on line 3: its UTF-16 column is not its byte column.
    await wb.token('us-phase3', '见原文').hover();
    const hover = wb.page.locator('.monaco-hover:not(.hidden)', { hasText: PASSAGE_SENTENCE });
    await hover.first().waitFor();
    expect(await hover.first().textContent()).toContain('us-phase3');
  });

  it('definition: Go to Definition opens 002 at the anchor heading', async () => {
    await wb.page.mouse.move(0, 0);
    await wb.token('us-phase3', '见原文').click();
    await wb.page.keyboard.press('F12');
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: '002-us-taliban-internal-games.md' })
      .waitFor();
    const headingLine =
      readFileSync(join(REPO, 'corpus', '002-us-taliban-internal-games.md'), 'utf8')
        .split('\n')
        .findIndex((l) => l.endsWith('{#us-phase3}')) + 1;
    await wb.page
      .locator('.statusbar-item', { hasText: new RegExp(`Ln ${headingLine}, Col \\d+`) })
      .waitFor();
    expect(await wb.lines()).toContain('### （三）美国重启撤军至塔利班重返执政的美国内部博弈 {#us-phase3}');
  });

  it('diagnostics: a broken citation shows in Problems; its quick fix removes it', async () => {
    await wb.switchToTab('draft.md');
    await wb.newLastLine();
    await wb.type('See [[002#us-phase9');
    await wb.page.keyboard.press('Escape');
    await wb.type(']]');
    await expect.poll(() => wb.lines()).toContain('See [[002#us-phase9]]');

    await wb.page.keyboard.press('Control+Shift+M');
    const problem = wb.problemRows().filter({ hasText: US_PHASE9_MESSAGE });
    await problem.first().waitFor();
    expect(await problem.first().textContent()).toContain('unknown-anchor');
    await shot('before-fix');

    await wb.token('us-phase9').click();
    await wb.page.keyboard.press('Control+.');
    await wb.page
      .locator('.action-widget .monaco-list-row', { hasText: 'Change to [[002#us-phase3]]' })
      .click();
    await expect.poll(() => wb.lines()).toContain('See [[002#us-phase3]]');
    await wb.problemRows().filter({ hasText: 'us-phase9' }).first().waitFor({ state: 'detached' });
  });

  it('check all: the command palette runs Check All Citations, which reports the unopened draft', async () => {
    await expect(wb.problemRows().filter({ hasText: 'no-such-anchor' }).count()).resolves.toBe(0);
    await wb.runCommand('Source Anchors: Check All Citations');
    await wb.problemRows().filter({ hasText: "Unknown anchor 'no-such-anchor'" }).first().waitFor();
    await wb.page.locator('.notification-toast', { hasText: /Checked \d+ citations in 2 drafts/ }).waitFor();
  });

  it('inlay-hints: after each citation, what the paper prints there', async () => {
    await wb.switchToTab('draft.md');
    // The editor shows hints while Ctrl+Alt is held, when it has the keyboard focus.
    await wb.activeEditor().locator('.view-lines').click();
    await wb.page.keyboard.down('Control');
    await wb.page.keyboard.down('Alt');
    try {
      // The hints are text inside the editor's lines; other copies of it (a closed hover) are hidden.
      await wb
        .activeEditor()
        .locator('.view-lines')
        .getByText('兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈', { exact: false })
        .first()
        .waitFor();
      await shot('hints');
    } finally {
      await wb.page.keyboard.up('Alt');
      await wb.page.keyboard.up('Control');
    }
  });

  it('sources: the Sources view lists 002 with its anchors, counted here and in the workspace', async () => {
    await wb.switchToTab('draft.md');
    // The folder's pane folded, so the Sources pane has room for its rows (the tree renders only those in view).
    const folder = wb.page.locator('.pane-header', { hasText: basename(workspace.dir) }).first();
    if ((await folder.getAttribute('aria-expanded')) === 'true') await folder.click();
    const header = wb.page.locator('.pane-header', { hasText: /^Sources/i }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const pane = wb.page.locator('.pane', { has: header });
    const row = (text: string) => pane.locator('.monaco-list-row', { hasText: text }).first();
    /** A row's description, or '' when it has none. */
    const description = async (text: string) => {
      const d = row(text).locator('.label-description');
      return (await d.count()) ? ((await d.textContent()) ?? '') : '';
    };

    // Every citation of 002 in draft.md (the one typed at the start, three completed, one fixed);
    // notes.md's only citation is broken, so 003 counts as uncited.
    // Shown for the first time here: the view's first getChildren waits for the server's answer,
    // so its rows come with it (before, it answered an empty tree and relied on a refresh after).
    const counted = () => description('002 美塔协议签署后的美阿塔三方内部博弈');
    await expect
      .poll(counted, { timeout: 15_000 })
      .toBe('cited 5× here · 5× in workspace')
      .catch(async (e: unknown) => {
        // What the view showed instead, and where the extension's log is, for the next reader.
        const rows = await pane.locator('.monaco-list-row').allTextContents();
        console.error(
          `Sources view without 002's counts: ${rows.length} rows ${JSON.stringify(rows)}; ` +
            `the extension's log is under ${join(OUTPUT, 'vscode-logs')}.`,
        );
        throw e;
      });
    expect(await description('000 巴阿冲突与美国的介入')).toBe('uncited');
    expect(await description('003 准盟友关系中固有的战略困境')).toBe('uncited');

    // 002 → its title heading → section 二 → （三）, the cited section.
    await row('002 美塔协议签署后的美阿塔三方内部博弈').locator('.monaco-tl-twistie').click();
    const title = pane.locator('.monaco-list-row[aria-level="2"]', {
      hasText: '美塔协议签署后的美阿塔三方内部博弈',
    });
    await title.first().locator('.monaco-tl-twistie').click();
    await row('^abstract').waitFor();
    await row('二、 “撤军”还是“驻军”：美国内部博弈').locator('.monaco-tl-twistie').click();
    await row('（三）美国重启撤军至塔利班重返执政的美国内部博弈').waitFor();
    expect(await description('（三）美国重启撤军至塔利班重返执政的美国内部博弈')).toBe(
      '5× here · 5× in workspace',
    );
    expect(await description('（一）美塔协议签署至特朗普总统卸任的美国内部博弈')).toBe('');
    // Wider, for the screenshot: drag the side bar's edge.
    const sidebar = (await wb.page.locator('.part.sidebar').boundingBox())!;
    const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
    await wb.page.mouse.move(edge.x, edge.y);
    await wb.page.mouse.down();
    await wb.page.mouse.move(edge.x + 260, edge.y, { steps: 5 });
    await wb.page.mouse.up();
    await shot('tree');
    // Back to its width, so the editor's lines (and inlay hints) wrap as before for the next steps.
    await wb.page.mouse.move(edge.x + 260, edge.y);
    await wb.page.mouse.down();
    await wb.page.mouse.move(edge.x, edge.y, { steps: 5 });
    await wb.page.mouse.up();

    // A click opens the source at the anchor's heading.
    await row('（三）美国重启撤军至塔利班重返执政的美国内部博弈').click();
    await wb.page
      .locator('.tabs-container .tab.active', { hasText: '002-us-taliban-internal-games.md' })
      .waitFor();
    await wb.page.locator('.statusbar-item', { hasText: /Ln 116, Col \d+/ }).waitFor();
    // With a source active, the counts are still those of the draft last active.
    expect(await description('002 美塔协议签署后的美阿塔三方内部博弈')).toBe(
      'cited 5× here · 5× in workspace',
    );
  });

  it('drag: an anchor dragged from the Sources view into the draft inserts its citation', async () => {
    await wb.switchToTab('draft.md');
    await wb.newLastLine();
    const header = wb.page.locator('.pane-header', { hasText: /^Sources/i }).first();
    const anchor = wb.page
      .locator('.pane', { has: header })
      .locator('.monaco-list-row', { hasText: '（一）美塔协议签署至特朗普总统卸任的美国内部博弈' })
      .first();
    const target = wb.activeEditor().locator('.view-line').last();
    // The line starts with the citation (an inlay hint may follow it in the rendered line).
    const dropped = async () => (await wb.lines()).some((l) => l.startsWith('[[002#us-phase1]]'));
    await wb.drag(anchor, target, { grab: 60, drop: 20 }, dropped, () =>
      expect.poll(dropped, { timeout: 5_000 }).toBe(true),
    );
    expect(await dropped()).toBe(true);
    await shot('dropped');
    // Undone, so the paper below has the citations it had.
    await wb.page.keyboard.press('Control+z');
    await expect.poll(dropped).toBe(false);
    // …and the line made for the drop goes too: the draft is as the steps before left it.
    const before = (await wb.lines()).length;
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.press('Backspace');
    await expect.poll(async () => (await wb.lines()).length).toBe(before - 1);
  });

  it('export: Export Paper… from the command palette writes a Word file with real footnotes', async () => {
    await wb.switchToTab('draft.md');
    const input = wb.page.locator('.quick-input-widget input');
    /** Types `typed` into the open quick input and accepts the focused row once it shows `label`. */
    const pick = async (label: string, typed = label) => {
      await input.fill(typed);
      await wb.page
        .locator('.quick-input-list .monaco-list-row.focused', { hasText: label.replace(/^>/, '') })
        .first()
        .waitFor();
      await wb.page.keyboard.press('Enter');
    };
    await wb.page.keyboard.press('F1');
    await input.waitFor();
    await pick('Source Anchors: Export Paper', '>Source Anchors: Export Paper');
    await wb.page.locator('.quick-input-widget', { hasText: 'Export Paper: format' }).waitFor();
    await pick('Word (.docx)');
    await wb.page.locator('.quick-input-widget', { hasText: 'Export Paper: citation style' }).waitFor();
    await pick('gb-note');
    // VS Code's own save dialog (a quick input holding the path): keep the proposed draft.docx.
    await expect.poll(() => input.inputValue()).toMatch(/draft\.docx$/);
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.notification-toast', { hasText: /Exported draft\.md to draft\.docx/ })
      .first()
      .waitFor();
    const docx = unzipSync(readFileSync(join(workspace.dir, 'draft.docx')));
    const footnotes = strFromU8(docx['word/footnotes.xml']!);
    expect(footnotes).toContain('兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 53–55.');
  });

  it('preview: the Markdown preview shows the paper: footnote numbers, the notes and the bibliography', async () => {
    await wb.switchToTab('draft.md');
    // Ctrl+K V: the preview to the side (the palette ranks several "Open … Preview" commands).
    await wb.page.keyboard.press('Control+k');
    await wb.page.keyboard.press('v');
    // The preview is a webview: an iframe inside an iframe. Look in every frame until one renders
    // the server's table: GB/T 7714 notes (the default style), numbered in order.
    const previewFrame = async () => {
      for (const frame of wb.page.frames()) {
        if (
          (await frame
            .locator('sup.source-anchors-note')
            .count()
            .catch(() => 0)) > 0
        )
          return frame;
      }
      return undefined;
    };
    await expect.poll(async () => (await previewFrame()) !== undefined, { timeout: 30_000 }).toBe(true);
    const frame = (await previewFrame())!;
    await expect
      .poll(() => frame.locator('sup.source-anchors-note a').allTextContents())
      .toEqual(['1', '2', '3', '4', '5']);
    expect(await frame.locator('sup.source-anchors-note a').first().getAttribute('title')).toContain(
      '（三）美国重启撤军至塔利班重返执政的美国内部博弈 — 第三阶段美国内部博弈',
    );
    const notes = await frame.locator('ol.source-anchors-notes li').allTextContents();
    expect(notes[0]).toMatch(/^兰江, 杨秀琴\. 美塔协议签署后的美阿塔三方内部博弈\[J\]\..*53–55\. ↩$/);
    expect(notes.slice(1)).toEqual(['同上. ↩', '同上. ↩', '同上. ↩', '同上. ↩']);
    expect(await frame.locator('h2.source-anchors-bibliography-heading').textContent()).toBe('参考文献');
    expect(await frame.locator('ul.source-anchors-bibliography li').allTextContents()).toEqual([
      '[1] 兰江, 杨秀琴. 美塔协议签署后的美阿塔三方内部博弈[J]. 47-66.',
    ]);
  });

  it('add-source: Add Source… imports a PDF, opens it beside the draft, and its anchors complete', async () => {
    const draftTab = wb.page.locator('.tabs-container .tab[data-resource-name="draft.md"]');
    await draftTab.click();
    const input = wb.page.locator('.quick-input-widget input');
    await wb.page.keyboard.press('F1');
    await input.waitFor();
    await input.fill('>Source Anchors: Add Source');
    await wb.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Source Anchors: Add Source' })
      .first()
      .waitFor();
    await wb.page.keyboard.press('Enter');
    // VS Code's own open dialog (a quick input holding a path): the PDF's path, then Enter.
    await wb.page.locator('.quick-input-widget', { hasText: 'Add Source: choose the originals' }).waitFor();
    // It fills in the folder's path when it has listed the folder: type only after that.
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'quasi-alliances.pdf' }).waitFor();
    const pdf = join(workspace.dir, 'quasi-alliances.pdf');
    await input.fill(pdf);
    await expect.poll(() => input.inputValue()).toBe(pdf);
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.notification-toast', { hasText: 'Imported 005 (corpus/005-quasi-alliances.md)' })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(existsSync(join(workspace.dir, 'corpus/005-quasi-alliances.md'))).toBe(true);
    // Opened beside the draft: active, in another editor group than the draft's.
    const opened = wb.page.locator(
      '.tabs-container .tab.active[data-resource-name="005-quasi-alliances.md"]',
    );
    await opened.waitFor();
    const group = wb.page.locator('.editor-group-container', { has: opened });
    expect(await group.count()).toBe(1);
    expect(await group.locator('.tab[data-resource-name="draft.md"]').count()).toBe(0);
    await expect.poll(() => wb.lines()).toContain('## 1\\. Between allies and adversaries {#s1}');
    await shot('opened');

    await draftTab.click();
    await wb.page.locator('.tabs-container .tab.active[data-resource-name="draft.md"]').waitFor();
    await wb.activeEditor().locator('.view-lines').click();
    await wb.newLastLine();
    await wb.type('[[005#');
    // A row's text runs its label into its detail (`s2` + `2. The limits…`): match the label itself.
    const row = (label: string, focused = false) =>
      wb.page
        .locator(`.editor-widget.suggest-widget.visible .monaco-list-row${focused ? '.focused' : ''}`)
        .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
        .first();
    await row('s2').waitFor();
    // Section ids first, then paragraph numbers (docs/getting-started.md: the anchors' order).
    expect(await wb.suggestLabels()).toEqual(['quasi-alliances', 's1', 's2', 'p1', 'p2', 'p3', 'p4']);
    await shot('anchors');
    await wb.type('s2');
    await row('s2', true).waitFor();
    await wb.page.keyboard.press('Enter');
    await expect.poll(() => wb.lines()).toContain('[[005#s2]]');
  });

  it('drop: a text file dragged from the Explorer onto the Sources view is imported', async () => {
    const folder = wb.page.locator('.pane-header', { hasText: basename(workspace.dir) }).first();
    if ((await folder.getAttribute('aria-expanded')) === 'false') await folder.click();
    const file = wb.page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: 'interview.txt' })
      .first();
    const header = wb.page.locator('.pane-header', { hasText: /^Sources/i }).first();
    const target = wb.page.locator('.pane', { has: header }).locator('.monaco-list-row').first();
    const toast = wb.page.locator('.notification-toast', {
      hasText: 'Imported 006 (corpus/006-an-interview.md)',
    });
    await wb.drag(
      file,
      target,
      { grab: 40, drop: 60 },
      async () => (await toast.count()) > 0,
      () => toast.first().waitFor({ timeout: 10_000 }),
    );
    await toast.first().waitFor();
    expect(readFileSync(join(workspace.dir, 'corpus/006-an-interview.md'), 'utf8')).toContain(
      '## 1\\. On alliances {#s1}',
    );
    await wb.page.locator('.tabs-container .tab.active[data-resource-name="006-an-interview.md"]').waitFor();
  });

  it('walkthrough: Get Started opens the walkthrough with its six steps, each with its image', async () => {
    // One editor group (Add Source opened its document beside the draft), so the walkthrough has the width for its images.
    await wb.runCommand('View: Single Column Editor Layout');
    await wb.runCommand('Source Anchors: Get Started');
    const walkthrough = wb.page.locator('.gettingStartedContainer', {
      hasText: 'Get Started with Source Anchors',
    });
    await walkthrough.waitFor({ timeout: 15_000 });
    for (const title of [
      'Open or create a corpus',
      'Add a source',
      'Cite with [[',
      'Hover to verify a quote',
      'Check all citations',
      'Export the paper',
    ])
      await walkthrough.getByText(title, { exact: true }).first().waitFor();
    // The first step is open: its image and its buttons.
    /**
     * The images the page shows, by their decoded sources: VS Code shows a step's image in a
     * webview (a frame of its own), whose URL code-server rewrites through its resource route.
     */
    const images = async () => {
      const sources = await Promise.all(
        wb.page.frames().map((frame) =>
          frame
            .locator('img')
            .evaluateAll((imgs) =>
              imgs.map((i) =>
                decodeURIComponent((i as unknown as { currentSrc: string }).currentSrc || i.outerHTML),
              ),
            )
            .catch(() => [] as string[]),
        ),
      );
      return sources.flat();
    };
    await expect
      .poll(images)
      .toEqual(expect.arrayContaining([expect.stringMatching(/walkthrough\/corpus\.svg/)]));
    await walkthrough.getByRole('button', { name: 'Create corpus/' }).first().waitFor();
    // Another step opens with its own image.
    await walkthrough.getByText('Hover to verify a quote', { exact: true }).first().click();
    await expect
      .poll(images)
      .toEqual(expect.arrayContaining([expect.stringMatching(/walkthrough\/hover\.svg/)]));
    await walkthrough.getByRole('button', { name: 'Show Hover' }).first().waitFor();
  });

  it('welcome: a folder without a corpus greets the writer in the Sources view, and Create corpus/ makes one', async () => {
    // The same code-server, another folder (a draft and nothing else), in a second tab.
    const bare = mkdtempSync(join(tmpdir(), 'sa-e2e-bare-'));
    writeFileSync(join(bare, 'draft.md'), '# Draft\n\nNo corpus here yet.\n');
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    const other = new Workbench(page, SHOTS);
    try {
      await other.open(`${server!.url.split('/?')[0]}/?folder=${encodeURIComponent(bare)}`);
      await other.openFromExplorer('draft.md');
      expect(await other.waitForServerReady()).toMatch(/\b0 sources · 0 anchors/);
      // The folder's pane folded, so the Sources pane has room for its welcome.
      await page
        .locator('.pane-header', { hasText: basename(bare) })
        .first()
        .click();
      const header = page.locator('.pane-header', { hasText: /^Sources/i }).first();
      await header.waitFor();
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      const welcome = page.locator('.pane', { has: header }).locator('.welcome-view-content');
      await welcome.getByText('No sources yet.', { exact: false }).waitFor({ timeout: 15_000 });
      for (const name of ['Add Source…', 'Create corpus/', 'Open the Walkthrough'])
        await welcome.getByRole('button', { name }).waitFor();
      await other.screenshot(`${slug}-no-corpus`);

      await welcome.getByRole('button', { name: 'Create corpus/' }).click();
      await page.locator('.notification-toast', { hasText: 'Created corpus/.' }).first().waitFor();
      expect(statSync(join(bare, 'corpus')).isDirectory()).toBe(true);
      await other.screenshot(`${slug}-created`);
    } finally {
      await page.close();
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

/**
 * VS Code's chat is offered the MCP server: the extension's provider lists it under "MCP: List
 * Servers", and the server VS Code starts from it lists the six tools. A window of its own, with
 * the chat's features on (the suite above turns them off to keep its window quiet).
 */
describe('VS Code (code-server): the chat is offered source-anchors mcp', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let workspace: ReturnType<typeof makeTestWorkspace>;

  beforeAll(async () => {
    const setup = readSetup(['node24', 'codeServer', 'chromium']);
    workspace = makeTestWorkspace({ 'draft.md': DRAFT });
    server = await startCodeServer({
      setup,
      vsix: VSIX,
      workspace: workspace.dir,
      logFile: join(OUTPUT, 'code-server-mcp.log'),
      logsDir: join(OUTPUT, 'vscode-mcp-logs'),
      settings: { 'chat.disableAIFeatures': false },
    });
    browser = await launchChromium(setup.chromium);
    wb = new Workbench(await browser.newPage({ viewport: { width: 1400, height: 900 } }), SHOTS);
    await wb.open(server.url);
    await wb.openFromExplorer('draft.md');
    expect(await wb.waitForServerReady()).toMatch(/5 sources · \d+ anchors/);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.dispose();
  });

  /** Opens "MCP: List Servers" and the Source Anchors server's actions; its row's text. */
  async function openServer(): Promise<string> {
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget input');
    await input.fill('>MCP: List Servers');
    await wb.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'MCP: List Servers' })
      .waitFor();
    await wb.page.keyboard.press('Enter');
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Source Anchors' }).first();
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    await row.click();
    return text;
  }

  it('mcp: the provider offers the server, and the server VS Code starts lists the six tools', async () => {
    expect(await openServer()).toMatch(/^Source Anchors\s*Stopped/);
    await wb.screenshot('mcp-1-offered');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Start Server' }).first().click();
    await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await expect
      .poll(
        async () => {
          const row = await openServer();
          if (!/Running/.test(row)) await wb.page.keyboard.press('Escape');
          return row;
        },
        { timeout: 30_000 },
      )
      .toMatch(/^Source Anchors\s*Running/);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Output' }).first().click();
    // The output's lines as shown: VS Code renders their spaces as no-break spaces.
    const output = async () =>
      ((await wb.page.locator('.panel .monaco-editor .view-lines').first().textContent()) ?? '').replace(
        /\s/g,
        ' ',
      );
    await expect.poll(output, { timeout: 30_000 }).toContain('Discovered 6 tools');
    expect(await output()).toMatch(/source-anchors mcp: serving 5 sources of .+ \(ready in \d+ ms\)/);
    await wb.screenshot('mcp-2-tools');
  });
});
