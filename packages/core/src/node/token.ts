import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { OpenClawConfig } from '../config/schema.js';
import { TOKEN_FILE } from '../runtime.js';
import { StateSymlinkError } from '../errors.js';
import { ensurePrivateDir, readStateFile, refuseSymlink, writeFileAtomic } from './fs-safe.js';

export const tokenPath = (stateDir: string) => join(stateDir, TOKEN_FILE);

/** The token file's token; a symlinked credentials dir or token file is refused (StateSymlinkError). */
export async function readToken(stateDir: string): Promise<string | undefined> {
  await refuseSymlink(dirname(tokenPath(stateDir)));
  const t = (await readStateFile(tokenPath(stateDir)).catch((e: unknown) => {
    if (e instanceof StateSymlinkError) throw e;
    return undefined;
  }))?.trim();
  return t === '' ? undefined : t;
}

/**
 * The token a client presents to an instance's gateway: gateway.auth.token when the config sets one
 * (the gateway prefers it over the file, see the gateway's resolveToken), else the token file.
 */
export async function clientToken(stateDir: string, config: OpenClawConfig | undefined): Promise<string | undefined> {
  const fromConfig = config?.gateway?.auth?.token;
  return fromConfig ? fromConfig : readToken(stateDir);
}

/** The gateway token: generated once at setup (256 bits), stored 0600 under a 0700 credentials dir. */
export async function ensureToken(stateDir: string): Promise<string> {
  const existing = await readToken(stateDir);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  await ensurePrivateDir(stateDir);
  await ensurePrivateDir(dirname(tokenPath(stateDir)));
  await writeFileAtomic(tokenPath(stateDir), `${token}\n`, 0o600);
  return token;
}
