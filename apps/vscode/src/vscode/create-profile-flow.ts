import * as vscode from 'vscode';
import { defaultWorkspace, instanceHome, parsePort, parseProfileName } from '@clawport/core';
import { listListeners } from '@clawport/core/node';
import { createProfile, type NewProfile } from '../host/create-profile.js';
import { assertDisjoint, suggestBase } from '../model/new-profile.js';
import type { Controller } from './controller.js';
import { errorLine, fail, type Outcome } from './notify.js';

/** A validator for input boxes: undefined when fine, else the one-line reason. */
const check = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return errorLine(e);
  }
};

/**
 * Create Profile: name, a suggested free base port (core's allocator over every footprint and live
 * listener), workspace. `preset` skips the prompts (scripts, tests): a missing base takes the suggestion,
 * a missing workspace the profile's default. Interactively, opens the new config when done.
 */
export function createProfileCommand(c: Controller) {
  return async (preset?: Partial<NewProfile>): Promise<Outcome<{ configPath: string; base: number }>> => {
    await c.refresh();
    const existing = c.snapshots();
    const busy = (await listListeners())?.map((l) => l.port) ?? [];
    let suggested: number;
    try {
      suggested = suggestBase(existing, busy);
    } catch (e) {
      return fail(c.output, 'create profile', e);
    }
    const names = new Set(existing.map((s) => s.name));
    const name =
      preset !== undefined
        ? preset.name
        : (await vscode.window.showInputBox({
        title: 'Create profile (1/3)',
        // the first profile is usually the main one; a second one often the rescue bot
        prompt: 'Profile name (letters, digits, _ and -): one gateway with its own config, state dir and workspace',
        value: names.size === 0 ? 'main' : undefined,
        placeHolder: names.size === 0 ? 'main' : names.has('rescue') ? 'work' : 'rescue',
        validateInput: (v) => check(() => parseProfileName(v, 'profile name')) ?? (names.has(v) ? `profile ${v} already exists` : undefined),
      }));
    if (name === undefined) return { ok: false, error: preset ? 'a preset needs a name' : 'cancelled' };
    const baseText =
      preset !== undefined
        ? String(preset.base ?? suggested)
        : await vscode.window.showInputBox({
            title: 'Create profile (2/3)',
            prompt: `Base port: the gateway listens here and its other ports follow (${suggested}…${suggested + 110}); this range is free of every other profile`,
            value: String(suggested),
            validateInput: (v) => check(() => assertDisjoint(name, parsePort(v, 'base port'), existing)),
          });
    if (baseText === undefined) return { ok: false, error: 'cancelled' };
    const workspace =
      preset !== undefined
        ? (preset.workspace ?? '')
        : (await vscode.window.showInputBox({
        title: 'Create profile (3/3)',
        prompt: 'Workspace directory',
        value: defaultWorkspace(name, instanceHome(c.env, c.osHome)),
      }));
    if (workspace === undefined) return { ok: false, error: 'cancelled' };
    try {
      const base = parsePort(baseText, 'base port');
      const made = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Creating profile ${name}` },
        () => createProfile({ name, base, workspace }, { env: c.env, osHome: c.osHome, existing }),
      );
      c.output.appendLine(`created profile ${name}: base ${base}, config ${made.configPath}`);
      await c.refresh();
      if (!preset) {
        await vscode.window.showTextDocument(vscode.Uri.file(made.configPath), { preview: false });
        void vscode.window.showInformationMessage(`Profile ${name} created on base port ${base}.`, 'Start').then(
          (p) => p && vscode.commands.executeCommand('clawport.start', name),
        );
      }
      return { ok: true, value: { configPath: made.configPath, base } };
    } catch (e) {
      return fail(c.output, `create profile ${name}`, e);
    }
  };
}
