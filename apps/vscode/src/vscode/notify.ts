import * as vscode from 'vscode';
import { ClawportError } from '@clawport/core';

export interface Outcome<T = unknown> {
  ok: boolean;
  value?: T;
  error?: string;
}

/** One line a user can act on: typed errors carry their suggestion; anything else its message. */
export function errorLine(e: unknown): string {
  return e instanceof ClawportError ? e.toLine() : e instanceof Error ? e.message : String(e);
}

/**
 * Every failure ends here: one notification with an action (never silent), a line in the output
 * channel, and an Outcome the command returns (tests assert on it). The notification is not awaited,
 * so a command never hangs on an unanswered toast.
 */
export function fail<T>(output: vscode.OutputChannel, what: string, e: unknown, actions: Array<{ title: string; run: () => unknown }> = []): Outcome<T> {
  const line = `${what}: ${errorLine(e)}`;
  output.appendLine(`[error] ${line}`);
  const buttons = actions.length ? actions : [{ title: 'Show Output', run: () => output.show(true) }];
  void vscode.window.showErrorMessage(line, ...buttons.map((a) => a.title)).then((picked) => buttons.find((a) => a.title === picked)?.run());
  return { ok: false, error: line };
}
