/**
 * Restarts a crashed server at most 5 times in 3 minutes; then says so once, with a way to the
 * output and a manual restart.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
} from 'vscode-languageclient/node';

const MAX_RESTARTS = 5;
const WINDOW_MS = 3 * 60 * 1000;

export class RestartLimiter implements ErrorHandler {
  readonly #restarts: number[] = [];
  readonly #output: vscode.OutputChannel;

  constructor(output: vscode.OutputChannel) {
    this.#output = output;
  }

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    while (this.#restarts.length && now - this.#restarts[0]! > WINDOW_MS) this.#restarts.shift();
    if (this.#restarts.length < MAX_RESTARTS) {
      this.#restarts.push(now);
      this.#output.appendLine(
        `The Source Anchors server stopped; restarting (${this.#restarts.length}/${MAX_RESTARTS}).`,
      );
      return { action: CloseAction.Restart, handled: true };
    }
    void vscode.window
      .showErrorMessage(
        `The Source Anchors server stopped ${MAX_RESTARTS} times in 3 minutes and was not restarted. The output may say why.`,
        'Show Output',
        'Reload Window',
      )
      .then((choice) => {
        if (choice === 'Show Output') this.#output.show();
        if (choice === 'Reload Window') void vscode.commands.executeCommand('workbench.action.reloadWindow');
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
