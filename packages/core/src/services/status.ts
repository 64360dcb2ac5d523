import type { ManagedBackend } from './plans.js';

/** A service manager's own view of the service, whatever the backend. */
export interface ServiceState {
  installed: boolean;
  enabled: boolean;
  running: boolean;
  pid?: number;
  restarts?: number;
  lastExit?: number;
  /** The manager's own words, e.g. `active (running)`, `Ready`. */
  detail: string;
}

function keyValues(text: string, separator: RegExp): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = separator.exec(line);
    if (m) map.set(m[1].trim(), m[2].trim());
  }
  return map;
}

const num = (v: string | undefined): number | undefined => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined);

/** `systemctl --user show … --property=…` output. */
export function parseSystemdShow(text: string): ServiceState {
  const kv = keyValues(text, /^([A-Za-z]+)=(.*)$/);
  const pid = num(kv.get('MainPID'));
  return {
    installed: kv.get('LoadState') === 'loaded',
    enabled: kv.get('UnitFileState') === 'enabled',
    running: kv.get('ActiveState') === 'active',
    pid: pid && pid > 0 ? pid : undefined,
    restarts: num(kv.get('NRestarts')),
    lastExit: num(kv.get('ExecMainStatus')),
    detail: `${kv.get('ActiveState') ?? 'unknown'} (${kv.get('SubState') ?? 'unknown'})`,
  };
}

/** `launchctl print gui/<uid>/<label>` output; empty when the job is not loaded. */
export function parseLaunchctlPrint(text: string): ServiceState {
  const kv = keyValues(text, /^\s*([a-z][a-z ]*?)\s+=\s+(.*)$/);
  const state = kv.get('state');
  return {
    installed: state !== undefined,
    enabled: state !== undefined,
    running: state === 'running',
    pid: num(kv.get('pid')),
    restarts: (() => {
      const runs = num(kv.get('runs'));
      return runs === undefined ? undefined : Math.max(0, runs - 1);
    })(),
    lastExit: num(kv.get('last exit code')),
    detail: state ?? 'not loaded',
  };
}

/** `schtasks /Query /TN … /FO LIST /V` output. */
export function parseSchtasksQuery(text: string): ServiceState {
  const kv = keyValues(text, /^([^:]+):\s*(.*)$/);
  const status = kv.get('Status');
  return {
    installed: status !== undefined,
    enabled: status !== undefined && status !== 'Disabled',
    running: status === 'Running',
    lastExit: num(kv.get('Last Result')),
    detail: status ?? 'not registered',
  };
}

export function parseServiceState(backend: ManagedBackend, text: string): ServiceState {
  switch (backend) {
    case 'systemd':
      return parseSystemdShow(text);
    case 'launchd':
      return parseLaunchctlPrint(text);
    case 'schtasks':
      return parseSchtasksQuery(text);
  }
}
