import type { BackendId } from './backend.js';
import type { ServiceSpec } from './spec.js';
import { taskXmlPath } from './schtasks.js';
import { serviceFilePath } from './render.js';

/** One command a runner executes. Tests assert these; integration runs them. */
export interface CommandPlan {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Failure is expected in some states (e.g. stopping a unit that is not loaded) and not an error. */
  allowFailure?: boolean;
}

export type ServiceOperation = 'install' | 'uninstall' | 'start' | 'stop' | 'restart' | 'status' | 'logs';

/** Backends driven by an external manager; the built-in supervisor is called in-process instead. */
export type ManagedBackend = Exclude<BackendId, 'supervisor'>;

export interface PlanContext {
  /** Numeric uid, for launchd's `gui/<uid>` domain. */
  uid?: number;
  /** Lines for `logs`. */
  lines?: number;
}

export interface OperationPlan {
  /** Commands to run after files are written (install) or before they are removed (uninstall). */
  commands: CommandPlan[];
  /** One-line hints worth printing (e.g. linger), never errors. */
  hints: string[];
}

const systemctl = (...args: string[]): CommandPlan => ({ command: 'systemctl', args: ['--user', ...args] });

function systemdPlan(op: ServiceOperation, spec: ServiceSpec, ctx: PlanContext): OperationPlan {
  const unit = spec.names.systemd;
  switch (op) {
    case 'install':
      return {
        commands: [systemctl('daemon-reload'), systemctl('enable', '--now', unit)],
        hints: ['to keep it running after you log out: loginctl enable-linger "$USER"'],
      };
    case 'uninstall':
      return { commands: [{ ...systemctl('disable', '--now', unit), allowFailure: true }, systemctl('daemon-reload')], hints: [] };
    case 'start':
    case 'stop':
    case 'restart':
      return { commands: [systemctl(op, unit)], hints: [] };
    case 'status':
      return {
        commands: [
          {
            ...systemctl('show', unit, '--no-pager', `--property=${SYSTEMD_STATUS_PROPERTIES.join(',')}`),
            allowFailure: true,
          },
        ],
        hints: [],
      };
    case 'logs':
      return {
        commands: [{ command: 'journalctl', args: ['--user-unit', unit, '-n', String(ctx.lines ?? 50), '--no-pager', '-o', 'cat'] }],
        hints: [],
      };
  }
}

export const SYSTEMD_STATUS_PROPERTIES = ['LoadState', 'ActiveState', 'SubState', 'UnitFileState', 'MainPID', 'NRestarts', 'ExecMainStatus'];

function launchdPlan(op: ServiceOperation, spec: ServiceSpec, ctx: PlanContext): OperationPlan {
  const domain = `gui/${ctx.uid ?? 501}`;
  const target = `${domain}/${spec.names.launchd}`;
  const plist = serviceFilePath('launchd', spec);
  const launchctl = (...args: string[]): CommandPlan => ({ command: 'launchctl', args });
  const bootstrap = [{ ...launchctl('enable', target) }, { ...launchctl('bootstrap', domain, plist) }];
  switch (op) {
    case 'install':
      return { commands: bootstrap, hints: [] };
    case 'uninstall':
    case 'stop':
      // bootout unloads: with KeepAlive, killing the job would only make launchd start it again.
      return { commands: [{ ...launchctl('bootout', target), allowFailure: op === 'uninstall' }], hints: [] };
    case 'start':
      return { commands: [{ ...bootstrap[1], allowFailure: true }, launchctl('kickstart', target)], hints: [] };
    case 'restart':
      return { commands: [launchctl('kickstart', '-k', target)], hints: [] };
    case 'status':
      return { commands: [{ ...launchctl('print', target), allowFailure: true }], hints: [] };
    case 'logs':
      return { commands: [{ command: 'tail', args: ['-n', String(ctx.lines ?? 50), spec.logFile] }], hints: [] };
  }
}

function schtasksPlan(op: ServiceOperation, spec: ServiceSpec, ctx: PlanContext): OperationPlan {
  const tn = spec.names.schtasks;
  const schtasks = (...args: string[]): CommandPlan => ({ command: 'schtasks', args });
  switch (op) {
    case 'install':
      return { commands: [schtasks('/Create', '/TN', tn, '/XML', taskXmlPath(spec), '/F'), schtasks('/Run', '/TN', tn)], hints: [] };
    case 'uninstall':
      return { commands: [{ ...schtasks('/End', '/TN', tn), allowFailure: true }, schtasks('/Delete', '/TN', tn, '/F')], hints: [] };
    case 'start':
      return { commands: [schtasks('/Run', '/TN', tn)], hints: [] };
    case 'stop':
      return { commands: [schtasks('/End', '/TN', tn)], hints: [] };
    case 'restart':
      return { commands: [{ ...schtasks('/End', '/TN', tn), allowFailure: true }, schtasks('/Run', '/TN', tn)], hints: [] };
    case 'status':
      return { commands: [{ ...schtasks('/Query', '/TN', tn, '/FO', 'LIST', '/V'), allowFailure: true }], hints: [] };
    case 'logs':
      return {
        commands: [{ command: 'powershell.exe', args: ['-NoProfile', '-Command', `Get-Content -Tail ${ctx.lines ?? 50} -LiteralPath '${spec.logFile.replace(/'/g, "''")}'`] }],
        hints: [],
      };
  }
}

/** The commands that carry out one operation on one backend; pure. */
export function operationPlan(backend: ManagedBackend, op: ServiceOperation, spec: ServiceSpec, ctx: PlanContext = {}): OperationPlan {
  switch (backend) {
    case 'systemd':
      return systemdPlan(op, spec, ctx);
    case 'launchd':
      return launchdPlan(op, spec, ctx);
    case 'schtasks':
      return schtasksPlan(op, spec, ctx);
  }
}

/** A plan as a user would type it, for `--dry-run` and error messages. */
export function formatCommand(plan: CommandPlan): string {
  const word = (w: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return [plan.command, ...plan.args].map(word).join(' ');
}
