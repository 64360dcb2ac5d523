import * as vscode from 'vscode';
import { lifecycleCommands } from './vscode/commands.js';
import { Controller } from './vscode/controller.js';
import { createProfileCommand } from './vscode/create-profile-flow.js';
import { disposeFollowers, openCommands } from './vscode/open-commands.js';

/** What activate() returns: the integration tests drive the real extension through it. */
export interface ClawportApi {
  controller: Controller;
}

export function activate(context: vscode.ExtensionContext): ClawportApi {
  const controller = new Controller();
  const handlers: Record<string, (...args: never[]) => unknown> = {
    'clawport.refresh': () => controller.refresh(),
    ...lifecycleCommands(controller, context.extensionPath),
    ...openCommands(controller),
    'clawport.createProfile': createProfileCommand(controller),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
  }
  context.subscriptions.push(controller, { dispose: disposeFollowers });
  void controller.refresh();
  return { controller };
}

export function deactivate(): void {}
