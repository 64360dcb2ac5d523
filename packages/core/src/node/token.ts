import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { TOKEN_FILE } from '../runtime.js';
import { ensurePrivateDir, writeFileAtomic } from './fs-safe.js';

export const tokenPath = (stateDir: string) => join(stateDir, TOKEN_FILE);

export async function readToken(stateDir: string): Promise<string | undefined> {
  try {
    const t = (await readFile(tokenPath(stateDir), 'utf8')).trim();
    return t === '' ? undefined : t;
  } catch {
    return undefined;
  }
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
