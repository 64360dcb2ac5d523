import { ServiceError } from '../errors.js';
import type { BackendId } from './backend.js';
import { LAUNCHD_ENV_WRAPPER } from './launchd.js';
import { parsePlist, type PlistValue } from './plist.js';
import { parseSupervisorRecord } from './supervisor-record.js';
import { parseUnitFile, splitSystemdWords } from './systemd-syntax.js';

/** What an installed service file actually runs, read back from any backend's file. */
export interface InstalledService {
  argv: string[];
  env: Record<string, string>;
  envFiles: string[];
}

function readSystemd(text: string): InstalledService {
  const service = parseUnitFile(text).get('Service');
  const exec = service?.get('ExecStart');
  if (!exec?.length) throw new ServiceError('no ExecStart= in [Service]', 'reinstall the service');
  // An empty ExecStart= resets the list; the last assignment is what runs.
  const argv = splitSystemdWords(exec[exec.length - 1].replace(/^[-@:+!]+/, ''), true);
  const env: Record<string, string> = {};
  for (const value of service?.get('Environment') ?? []) {
    for (const word of splitSystemdWords(value, false)) {
      const eq = word.indexOf('=');
      if (eq > 0) env[word.slice(0, eq)] = word.slice(eq + 1);
    }
  }
  const envFiles = (service?.get('EnvironmentFile') ?? []).map((f) => f.replace(/^-/, '').replace(/%%/g, '%'));
  return { argv, env, envFiles };
}

function strings(value: PlistValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readLaunchd(text: string): InstalledService {
  const root = parsePlist(text);
  if (typeof root !== 'object' || Array.isArray(root)) throw new ServiceError('plist root is not a dict', 'reinstall the service');
  let argv = strings(root.ProgramArguments);
  const envFiles: string[] = [];
  if (argv[0] === '/bin/sh' && argv[1] === '-c' && argv[2] === LAUNCHD_ENV_WRAPPER) {
    envFiles.push(argv[3]);
    argv = argv.slice(4);
  }
  const vars = root.EnvironmentVariables;
  const env: Record<string, string> = {};
  if (typeof vars === 'object' && !Array.isArray(vars)) {
    for (const [k, v] of Object.entries(vars)) if (typeof v === 'string') env[k] = v;
  }
  return { argv, env, envFiles };
}

/** PowerShell single-quoted literals in order: 'a''b' → a'b. */
function psLiterals(text: string): string[] {
  return [...text.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

function readTaskScript(text: string): InstalledService {
  const env: Record<string, string> = {};
  let program: string | undefined;
  let args: string[] = [];
  const envFiles: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const envLine = /^\$env:([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(line);
    if (envLine) env[envLine[1]] = psLiterals(envLine[2])[0] ?? '';
    if (line.startsWith('$program = ')) program = psLiterals(line)[0];
    if (line.startsWith('$arguments = ')) args = psLiterals(line);
    if (line.startsWith('$envFile = ')) envFiles.push(psLiterals(line)[0] ?? '');
  }
  if (program === undefined) throw new ServiceError('no $program line in the task script', 'reinstall the service');
  return { argv: [program, ...args], env, envFiles };
}

/** Reads back what an installed file runs. Throws ServiceError when the file cannot be a service of ours. */
export function readInstalledService(backend: BackendId, text: string, file: string): InstalledService {
  try {
    switch (backend) {
      case 'systemd':
        return readSystemd(text);
      case 'launchd':
        return readLaunchd(text);
      case 'schtasks':
        return readTaskScript(text);
      case 'supervisor': {
        const r = parseSupervisorRecord(text, file);
        return { argv: [r.command, ...r.args], env: r.env, envFiles: [r.envFile] };
      }
    }
  } catch (e) {
    if (e instanceof ServiceError && !e.message.startsWith(file)) throw new ServiceError(`${file}: ${e.message}`, e.suggestion);
    throw e;
  }
}

/** The value of `--name V` or `--name=V` in argv, or undefined. */
export function argvFlagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}
