import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real `openclaw` bin of packages/cli (built by `tsc -b`; a missing build fails loudly). */
export const OPENCLAW_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'cli', 'bin', 'run.js');

/** The child's environment: only OPENCLAW_HOME selects instances; inherited OPENCLAW_* are dropped. */
export function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENCLAW_')) env[k] = v;
  return { ...env, OPENCLAW_HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...extra };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function openclaw(home: string, ...args: string[]): Promise<CliResult> {
  return openclawWith(cliEnv(home), ...args);
}

export function openclawWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [OPENCLAW_BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Like `openclaw`, but a non-zero exit throws with everything the command printed. */
export async function openclawOk(home: string, ...args: string[]): Promise<CliResult> {
  const r = await openclaw(home, ...args);
  if (r.code !== 0) throw new Error(`openclaw ${args.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r;
}

/** `clawport --profile P setup --port B`, then one `config set key <JSON value>` per setting, in order. */
export async function setupCliProfile(home: string, profile: string, base: number, settings: Record<string, unknown> = {}): Promise<void> {
  await openclawOk(home, '--profile', profile, 'setup', '--port', String(base));
  for (const [k, v] of Object.entries(settings)) await openclawOk(home, '--profile', profile, 'config', 'set', k, JSON.stringify(v));
}

export interface SpawnedGateway {
  child: ChildProcess;
  output(): string;
  /** Resolves once stdout+stderr match `re` (stdout and stderr arrive in no fixed order); rejects if it exits first. */
  waitFor(re: RegExp): Promise<string>;
}

/** `openclaw ... gateway` in the foreground; resolves once it printed its listening line. */
export async function spawnGateway(home: string, ...args: string[]): Promise<SpawnedGateway> {
  const child = spawn(process.execPath, [OPENCLAW_BIN, ...args, 'gateway'], { env: cliEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (re.test(out)) {
          waiters.splice(waiters.indexOf(check), 1);
          child.off('exit', onExit);
          resolve(out);
        }
      };
      const onExit = (code: number | null) => reject(new Error(`gateway exited ${code} before printing ${re}:\n${out}`));
      child.once('exit', onExit);
      waiters.push(check);
      check();
    });
  await waitFor(/listening on ws:\/\//);
  return { child, output: () => out, waitFor };
}

/** SIGTERM to the gateway we spawned, then wait for it to exit (it removes its lock and runtime file). */
export function stopGateway(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/**
 * Sets a key by editing the profile's openclaw.json directly, as a user in an editor would: for
 * configs that `config set` rightly refuses (an overlap with another instance), which doctor and
 * `ports check` must still find.
 */
export async function editConfigByHand(home: string, profile: string, key: string, value: unknown): Promise<void> {
  const { setKey } = await import('@clawport/core');
  const { updateConfig } = await import('@clawport/core/node');
  await updateConfig(join(home, `.openclaw-${profile}`, 'openclaw.json'), (raw) => setKey(raw, key, value));
}
