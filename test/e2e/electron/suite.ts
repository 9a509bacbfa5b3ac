/**
 * Runs inside VS Code's extension host (started by runTest.ts): the extension's features through
 * VS Code's own provider commands, as the editor calls them. Waits on the server's answers, never
 * on fixed sleeps.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AT } from './draft';

const TIMEOUT = 30_000;

/** Retries `probe` until it returns a value (not undefined), or fails after TIMEOUT. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const text = (c: vscode.MarkdownString | vscode.MarkedString) => (typeof c === 'string' ? c : c.value);

export async function run(): Promise<void> {
  const draft = vscode.Uri.file(process.env.SOURCE_ANCHORS_E2E_DRAFT ?? '');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draft));
  const extension = vscode.extensions.getExtension('source-anchors.source-anchors');
  assert.ok(extension, 'the extension under development is loaded');
  await extension.activate();

  // Diagnostics arrive once the corpus is indexed: that is the ready signal here.
  const problems = await eventually('the broken citation to be reported', async () => {
    const found = vscode.languages.getDiagnostics(draft).filter((d) => d.source === 'source-anchors');
    return found.length ? found : undefined;
  });
  const broken = problems.find((d) => d.range.start.line === AT.broken);
  assert.equal(broken?.code, 'unknown-anchor');
  assert.match(broken?.message ?? '', /^Unknown anchor 'us-phase9' in \[\[002#us-phase9\]\]: document 002/);

  const cited = new vscode.Position(AT.cited.line, AT.cited.character);
  const typing = new vscode.Position(AT.typing.line, AT.typing.character);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    draft,
    typing,
    '#',
  );
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('us-phase3'), `completion after [[002# offers us-phase3: ${labels.join(', ')}`);
  assert.ok(labels.indexOf('us-phase1') < labels.indexOf('us-phase3'), 'anchors come in document order');

  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    draft,
    cited,
  );
  const hoverText = hovers.flatMap((h) => h.contents.map(text)).join('\n');
  assert.ok(
    hoverText.includes('第三阶段美国内部博弈主要围绕和谈主导权'),
    `hover shows the passage: ${hoverText}`,
  );

  const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    draft,
    cited,
  );
  const target = targets[0];
  const uri = target && ('targetUri' in target ? target.targetUri : target.uri);
  const range =
    target && ('targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range);
  assert.match(uri?.path ?? '', /\/corpus\/002-us-taliban-internal-games\.md$/);
  assert.equal(range?.start.line, 115);

  const commands = await vscode.commands.getCommands(true);
  for (const id of ['sourceAnchors.checkAll', 'sourceAnchors.reindex', 'sourceAnchors.showOutput']) {
    assert.ok(commands.includes(id), `command ${id} is registered`);
  }
  await vscode.commands.executeCommand('sourceAnchors.checkAll');
}
