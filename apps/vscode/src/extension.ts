import * as vscode from 'vscode';
import { lifecycleCommands } from './vscode/commands.js';
import { Controller } from './vscode/controller.js';
import { createProfileCommand } from './vscode/create-profile-flow.js';
import { fixCommands } from './vscode/fixes.js';
import { disposeFollowers, logFollower, openCommands } from './vscode/open-commands.js';
import type { LogFollower } from './vscode/log-channel.js';

/** What activate() returns: the integration tests drive the real extension through it. */
export interface ClawportApi {
  controller: Controller;
  /** The output-channel follower of an instance's logs (by state dir), once Open Logs ran. */
  logFollower(key: string): LogFollower | undefined;
}

export function activate(context: vscode.ExtensionContext): ClawportApi {
  const controller = new Controller();
  const handlers: Record<string, (...args: never[]) => unknown> = {
    'clawport.refresh': () => controller.refresh(),
    ...lifecycleCommands(controller, context.extensionPath),
    ...openCommands(controller),
    ...fixCommands(controller, context.extensionPath),
    'clawport.createProfile': createProfileCommand(controller),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
  }
  context.subscriptions.push(controller, { dispose: disposeFollowers });
  void controller.refresh();
  return { controller, logFollower };
}

export function deactivate(): void {}
