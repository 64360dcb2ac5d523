import { ServiceError } from '../errors.js';
import { SERVICE_DIR, type ServiceSpec } from './spec.js';

/** Exponential back-off of the built-in supervisor; a run longer than resetAfterMs resets it. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 30_000, factor: 2, resetAfterMs: 60_000 };

/** `<state>/service/supervisor.json`: what `gateway install` records for the built-in supervisor. */
export interface SupervisorRecord {
  version: 1;
  backend: 'supervisor';
  profile: string;
  name: string;
  port: number;
  stateDir: string;
  configPath: string;
  /** The plan the supervisor runs: argv[0] and the rest, plus the explicit environment. */
  command: string;
  args: string[];
  env: Record<string, string>;
  envFile: string;
  logFile: string;
  backoff: Backoff;
  /** Consecutive exits with 78 (config error) after which the supervisor gives up. */
  maxConfigExits: number;
}

export const SUPERVISOR_RECORD_FILE = `${SERVICE_DIR}/supervisor.json`;
export const SUPERVISOR_PID_FILE = `${SERVICE_DIR}/supervisor.pid`;
export const SUPERVISOR_STATE_FILE = `${SERVICE_DIR}/supervisor.state.json`;
export const SUPERVISOR_LOG_FILE = 'logs/supervisor.log';

export function supervisorRecord(spec: ServiceSpec, backoff: Backoff = DEFAULT_BACKOFF): SupervisorRecord {
  const [command, ...args] = spec.argv;
  return {
    version: 1,
    backend: 'supervisor',
    profile: spec.profile,
    name: spec.name,
    port: spec.port,
    stateDir: spec.stateDir,
    configPath: spec.configPath,
    command,
    args,
    env: { ...spec.env },
    envFile: spec.envFile,
    logFile: spec.logFile,
    backoff,
    maxConfigExits: 3,
  };
}

export function renderSupervisorRecord(spec: ServiceSpec): string {
  return `${JSON.stringify(supervisorRecord(spec), null, 2)}\n`;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
}

/** Reads a record back, refusing anything that is not one (a hand edit, another version). */
export function parseSupervisorRecord(text: string, file: string): SupervisorRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ServiceError(`${file} is not valid JSON`, 'reinstall: clawport gateway install --force');
  }
  const r = data as Partial<SupervisorRecord>;
  const ok =
    r?.version === 1 &&
    r.backend === 'supervisor' &&
    typeof r.profile === 'string' &&
    typeof r.command === 'string' &&
    Array.isArray(r.args) &&
    r.args.every((a) => typeof a === 'string') &&
    isStringRecord(r.env) &&
    typeof r.port === 'number' &&
    typeof r.stateDir === 'string' &&
    typeof r.envFile === 'string' &&
    typeof r.logFile === 'string' &&
    typeof r.backoff?.initialMs === 'number' &&
    typeof r.maxConfigExits === 'number';
  if (!ok) throw new ServiceError(`${file} is not a supervisor record (version 1)`, 'reinstall: clawport gateway install --force');
  return r as SupervisorRecord;
}
