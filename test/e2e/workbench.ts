/**
 * Drives VS Code's workbench in Debian's Chromium the way a writer does: clicks, keys and the
 * widgets' own DOM (suggest widget, hover, Problems panel, command palette). Every wait is on
 * the UI's state, through Playwright's auto-waiting locators.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** The flags that keep Chromium off the network this machine does not have. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long one UI state may take to appear (the first completion waits for the extension host). */
const UI_TIMEOUT = 30_000;

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export class Workbench {
  readonly page: Page;
  readonly #shots: string;

  constructor(page: Page, screenshots: string) {
    this.page = page;
    this.#shots = screenshots;
    mkdirSync(screenshots, { recursive: true });
    page.setDefaultTimeout(UI_TIMEOUT);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor();
  }

  /** Opens a file by its row in the Explorer, then puts the cursor in its editor. */
  async openFromExplorer(name: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.activeEditor().locator('.view-lines').click();
  }

  /** Brings an open editor's tab to the front and focuses its text. */
  async switchToTab(name: string): Promise<void> {
    await this.page.locator('.tabs-container .tab', { hasText: name }).click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.activeEditor().locator('.view-lines').click();
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The rendered lines of the active editor, top to bottom, with spaces normalised. */
  async lines(): Promise<string[]> {
    const lines = await this.activeEditor()
      .locator('.view-line')
      .evaluateAll((els) =>
        els.map((e) => ({
          top: e.getBoundingClientRect().top,
          text: e.textContent ?? '',
        })),
      );
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text.replace(/\u00a0/g, ' '));
  }

  /** The innermost rendered token holding `text` on the active editor's line holding `line` (what a mouse points at). */
  token(text: string, line: string = text): Locator {
    return this.activeEditor()
      .locator('.view-line', { hasText: line })
      .locator('span span', { hasText: text })
      .first();
  }

  /** Waits for the status bar item our extension shows once the server has indexed the corpus. */
  async waitForServerReady(): Promise<string> {
    const item = this.page.locator('.statusbar-item', { hasText: /\d+ sources? · \d+ anchors?/ });
    await item.waitFor();
    return ((await item.textContent()) ?? '').trim();
  }

  /** Puts the cursor on a new last line of the active editor. */
  async newLastLine(): Promise<void> {
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Enter');
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  suggestRows(): Locator {
    return this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
  }

  /** The labels of the suggest widget's rendered rows, top to bottom. */
  async suggestLabels(): Promise<string[]> {
    await this.suggestRows().first().waitFor();
    const labels = await this.suggestRows().evaluateAll((rows) =>
      rows.map((r) => ({
        top: r.getBoundingClientRect().top,
        label: r.querySelector('.label-name')?.textContent ?? '',
      })),
    );
    return labels.sort((a, b) => a.top - b.top).map((r) => r.label);
  }

  /** Runs a command from the command palette (F1) by its full title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    // Enter only once the palette has settled on this very command.
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: title })
      .first()
      .waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * Drags `from` onto `to` with the mouse (button down, moves, up), `grab` and `drop` pixels in from
   * their left edges, until `done()` says it landed (up to three tries): a workbench tree asks the
   * extension for the drag's data as the drag starts, so a drop that comes too soon carries nothing.
   * `landed` waits (bounded) for the drop's effect after each try.
   */
  async drag(
    from: Locator,
    to: Locator,
    { grab, drop }: { grab: number; drop: number },
    done: () => Promise<boolean>,
    landed: () => Promise<unknown>,
  ): Promise<void> {
    for (let attempt = 0; attempt < 3 && !(await done()); attempt++) {
      const a = (await from.boundingBox())!;
      const b = (await to.boundingBox())!;
      await this.page.mouse.move(a.x + grab, a.y + a.height / 2);
      await this.page.mouse.down();
      await this.page.mouse.move(a.x + 2 * grab, a.y + a.height / 2, { steps: 4 });
      await this.page.mouse.move(b.x + drop, b.y + b.height / 2, { steps: 12 });
      await this.page.mouse.up();
      await landed().catch(() => undefined);
    }
  }

  problemRows(): Locator {
    return this.page.locator('.markers-panel .monaco-list-row');
  }

  async screenshot(name: string): Promise<string> {
    const path = join(this.#shots, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
