/**
 * The gate in front of the commands that write into the corpus (Add Source…, Import Library…): in
 * Restricted Mode they write nothing and say how to go on, with a button to manage trust.
 */
import * as vscode from 'vscode';

/** True when the workspace is trusted; else shows `refusal` (with Manage Workspace Trust) and returns false. */
export async function trustedToWrite(refusal: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(refusal, manage);
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
