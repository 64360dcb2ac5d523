import { execFile } from 'node:child_process';
import { generateKeyPairSync, createHash, createPrivateKey, sign } from 'node:crypto';
import { access, constants, readFile, realpath } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { DEFAULT_ENGINE, ENGINE_FILE, nodeSatisfiesOpenclaw, parseEngineSettings, type EngineSettings, type LocatedOpenclaw } from '../engines/index.js';
import { ClawportError } from '../errors.js';
import type { Env } from '../instance.js';
import { ensurePrivateDir, readSmallFile, writeFileAtomic } from './fs-safe.js';

export const engineFilePath = (stateDir: string) => join(stateDir, ENGINE_FILE);

/** The profile's engine settings; no file means the built-in engine. A broken file is a ConfigError. */
// eslint-disable-next-line @typescript-eslint/require-await -- reads with readSmallFile (sync, see there); async so a failure stays a rejection
export async function readEngineSettings(stateDir: string): Promise<EngineSettings> {
  const file = engineFilePath(stateDir);
  let text: string | undefined;
  try {
    text = readSmallFile(file);
  } catch {
    text = undefined;
  }
  return text === undefined ? { engine: DEFAULT_ENGINE } : parseEngineSettings(text, file);
}

export async function writeEngineSettings(stateDir: string, settings: EngineSettings): Promise<void> {
  await ensurePrivateDir(stateDir);
  await writeFileAtomic(engineFilePath(stateDir), `${JSON.stringify(settings, null, 2)}\n`, 0o600);
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function onPath(name: string, env: Env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && (await executable(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

function nodeVersion(node: string): Promise<string | undefined> {
  return new Promise((resolve) =>
    execFile(node, ['--version'], { timeout: 10_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined)),
  );
}

/**
 * Finds upstream's `openclaw`: clawport.json's openclawCommand, else CLAWPORT_OPENCLAW_COMMAND, else
 * the first `openclaw` on PATH. When it resolves to upstream's entry script (npm links the bin to
 * `openclaw.mjs`), the script runs under the `node` on PATH, whose version is checked against
 * upstream's requirement. Throws one line when no command is found at all.
 */
export async function locateOpenclaw(settings: EngineSettings, env: Env): Promise<LocatedOpenclaw> {
  const fromEnv = env.CLAWPORT_OPENCLAW_COMMAND?.trim();
  const [command, source] = settings.openclawCommand
    ? [settings.openclawCommand, 'clawport.json' as const]
    : fromEnv
      ? [fromEnv, 'CLAWPORT_OPENCLAW_COMMAND' as const]
      : [await onPath('openclaw', env), 'PATH' as const];
  if (!command || !(await executable(command))) {
    throw new ClawportError(
      command ? `the openclaw command ${command} (from ${source}) is not an executable file` : 'no openclaw command on PATH for the openclaw engine',
      'install it (npm install -g openclaw) or name it: clawport gateway engine openclaw --command /path/to/openclaw',
    );
  }
  const real = await realpath(command).catch(() => command);
  const script = /\.(mjs|cjs|js)$/.test(real) ? real : undefined;
  const version = await readFile(join(dirname(real), 'package.json'), 'utf8')
    .then((t) => JSON.parse(t) as { name?: string; version?: string })
    .then((p) => (p.name === 'openclaw' ? p.version : undefined))
    .catch(() => undefined);
  const node = await nodeFor(settings, env);
  return { command, source, ...(script ? { script } : {}), ...node, ...(version ? { version } : {}) };
}

/**
 * The Node upstream's script runs under: the `node` on PATH (else the Node running Clawport) when it
 * satisfies upstream's requirement, else the one pinned in clawport.json when the engine was chosen;
 * when neither does, PATH's (so the one line names the Node the user sees).
 */
async function nodeFor(settings: EngineSettings, env: Env): Promise<{ node: string; nodeVersion?: string }> {
  const candidates = [(await onPath('node', env)) ?? process.execPath, settings.openclawNode].filter((n): n is string => n !== undefined);
  let first: { node: string; nodeVersion?: string } | undefined;
  for (const node of [...new Set(candidates)]) {
    const found = { node, nodeVersion: await nodeVersion(node) };
    first ??= found;
    if (found.nodeVersion && nodeSatisfiesOpenclaw(found.nodeVersion)) return found;
  }
  return first!;
}

/** An Ed25519 device identity as upstream's handshake wants it. */
export interface DeviceIdentity {
  /** sha256 of the raw public key, hex: upstream derives the id the same way and checks it. */
  id: string;
  /** Raw 32-byte public key, base64url. */
  publicKey: string;
  sign(payload: string): string;
}

export const DEVICE_IDENTITY_FILE = 'credentials/clawport-device.json';

/**
 * This profile's device identity for upstream gateways, created on first use: a private key in
 * `<state>/credentials/clawport-device.json` (0600, dir 0700). One per profile, never shared: a
 * gateway that paired one profile's device has not paired another's.
 */
export async function loadDeviceIdentity(stateDir: string): Promise<DeviceIdentity> {
  const file = join(stateDir, DEVICE_IDENTITY_FILE);
  let pem: string | undefined;
  try {
    pem = (JSON.parse(await readFile(file, 'utf8')) as { privateKeyPem?: string }).privateKeyPem;
  } catch {
    pem = undefined;
  }
  if (!pem) {
    pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await ensurePrivateDir(stateDir);
    await ensurePrivateDir(dirname(file));
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, privateKeyPem: pem, createdAtMs: Date.now() }, null, 2)}\n`, 0o600);
  }
  const key = createPrivateKey(pem);
  // An OKP JWK's `x` is the raw public key, private key or not.
  const raw = Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
  return {
    id: createHash('sha256').update(raw).digest('hex'),
    publicKey: raw.toString('base64url'),
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), key).toString('base64url'),
  };
}
