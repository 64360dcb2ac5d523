import * as vscode from 'vscode';
import { GatewayError, type Finding } from '@clawport/core';
import { listLogFiles } from '../host/log-files.js';
import { browserStatus, describeBrowserStatus, type BrowserStatus } from '../host/browser-status.js';
import { manualEnvCommand } from '../model/launch-plan.js';
import type { InstanceSnapshot } from '../model/snapshot.js';
import { portUrl } from '../model/tooltip.js';
import type { TreeNode } from '../model/tree-node.js';
import type { Controller } from './controller.js';
import { LogFollower } from './log-channel.js';
import { fail, type Outcome } from './notify.js';
import { resolveTargets, type TargetArg } from './targets.js';

const followers = new Map<string, LogFollower>();

/** Follows the newest log file of the instance in an output channel `Gateway <name>`. */
export async function openLogs(c: Controller, s: InstanceSnapshot): Promise<Outcome<string>> {
  const files = await listLogFiles(s.stateDir);
  if (files.length === 0) return fail(c.output, `open logs of ${s.name}`, new GatewayError(`no log files in ${s.stateDir}/logs yet`, 'start the gateway first'));
  let follower = followers.get(s.key);
  if (!follower) {
    follower = new LogFollower(`Gateway ${s.name}`, files[0].path, s.name);
    followers.set(s.key, follower);
  }
  await follower.follow(files[0].path);
  follower.channel.show(true);
  return { ok: true, value: files[0].path };
}

/** The follower of an instance's logs, if Open Logs ran for it (tests read what it shows). */
export function logFollower(key: string): LogFollower | undefined {
  return followers.get(key);
}

export function disposeFollowers(): void {
  for (const f of followers.values()) f.dispose();
  followers.clear();
}

function claimPort(s: InstanceSnapshot, id: string): { port: number; listening: boolean } | undefined {
  const p = s.ports.find((x) => x.claim.id === id);
  return p && { port: p.claim.start, listening: p.listening.includes(p.claim.start) };
}

export function openCommands(c: Controller) {
  const target = async (arg: TargetArg, what: string, filter?: (s: InstanceSnapshot) => boolean) =>
    (await resolveTargets(c, arg, undefined, { placeHolder: what, filter }))[0];

  return {
    'clawport.openConfig': async (arg?: TargetArg): Promise<Outcome<string>> => {
      const s = await target(arg, 'Config of which gateway?');
      if (!s) return { ok: false, error: 'no instance chosen' };
      try {
        await vscode.window.showTextDocument(vscode.Uri.file(s.configPath), { preview: false });
        return { ok: true, value: s.configPath };
      } catch (e) {
        return fail(c.output, `open ${s.configPath}`, e, [{ title: 'Create Profile', run: () => vscode.commands.executeCommand('clawport.createProfile') }]);
      }
    },
    'clawport.openLogs': async (arg?: TargetArg) => {
      const s = await target(arg, 'Logs of which gateway?');
      return s ? openLogs(c, s) : { ok: false, error: 'no instance chosen' };
    },
    'clawport.openCanvas': async (arg?: TargetArg): Promise<Outcome<string>> => {
      const s = await target(arg, 'Canvas of which gateway?', (x) => x.running);
      if (!s) return { ok: false, error: 'no instance chosen' };
      const canvas = claimPort(s, 'canvas');
      if (!canvas?.listening) {
        return fail(c.output, `open canvas of ${s.name}`, new GatewayError(canvas ? `canvas port ${canvas.port} is not listening` : 'the canvas host is disabled', 'start the gateway (canvasHost.enabled must not be false)'), [
          { title: 'Start', run: () => vscode.commands.executeCommand('clawport.start', s.key) },
        ]);
      }
      const url = portUrl(canvas.port);
      await vscode.env.openExternal(vscode.Uri.parse(url));
      return { ok: true, value: url };
    },
    'clawport.openPort': async (node?: TreeNode): Promise<Outcome<string>> => {
      if (!node?.url) return { ok: false, error: 'not a listening port' };
      await vscode.env.openExternal(vscode.Uri.parse(node.url));
      return { ok: true, value: node.url };
    },
    'clawport.browserStatus': async (arg?: TargetArg): Promise<Outcome<BrowserStatus>> => {
      const s = await target(arg, 'Browser status of which gateway?');
      if (!s) return { ok: false, error: 'no instance chosen' };
      const status = await browserStatus(s);
      const report = describeBrowserStatus(s.name, status);
      c.output.appendLine(report.join('\n'));
      c.output.show(true);
      void vscode.window.showInformationMessage(report.slice(0, 3).map((l) => l.trim().replace(/\s{2,}/g, ' ')).join(' · '));
      return { ok: true, value: status };
    },
    'clawport.copyEnvCommand': async (arg?: TargetArg): Promise<Outcome<string>> => {
      const s = await target(arg, 'Env command line of which gateway?');
      if (!s) return { ok: false, error: 'no instance chosen' };
      const line = manualEnvCommand(s);
      await vscode.env.clipboard.writeText(line);
      void vscode.window.showInformationMessage(`Copied: ${line}`);
      return { ok: true, value: line };
    },
    'clawport.doctor': async (): Promise<Outcome<Finding[]>> => {
      await vscode.window.withProgress({ location: { viewId: 'clawport.instances' }, title: 'Running doctor' }, () => c.refresh());
      const findings = c.findings();
      const errors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.filter((f) => f.severity === 'warning').length;
      const line = `Doctor: ${errors} error(s), ${warnings} warning(s) across ${c.snapshots().length} instance(s)`;
      c.output.appendLine(line);
      for (const f of findings) c.output.appendLine(`  [${f.severity}] ${f.check} ${f.message}${f.fix ? ` — ${f.fix}` : ''}`);
      const show = errors + warnings > 0 ? vscode.window.showWarningMessage(line, 'Show Problems') : vscode.window.showInformationMessage(line);
      void show.then((p) => p && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return { ok: errors === 0, value: findings };
    },
  };
}
