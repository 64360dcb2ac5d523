import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveInstance, resolveInstancePaths, serviceSpec, type ServiceSpec } from '@clawport/core';

export const FAKE_GATEWAY = fileURLToPath(new URL('./fixtures/fake-gateway.mjs', import.meta.url));

export function specFor(home: string, profile: string, port: number): ServiceSpec {
  const instance = resolveInstance(resolveInstancePaths({ profile }, {}, home), { gateway: { port } }, {});
  return serviceSpec(instance, { node: process.execPath, script: FAKE_GATEWAY });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Health {
  ok: boolean;
  pid: number;
  profile: string;
  env: Record<string, string>;
}

/** GET /healthz on 127.0.0.1:port, or undefined while nothing answers. */
export async function health(port: number): Promise<Health | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return (await res.json()) as Health;
  } catch {
    return undefined;
  }
}

/** Polls until the check passes; fails with `what` after the limit (a guard, not a timing target). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, limitMs = 15_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * True while the process exists and is not a zombie. An orphan re-parented to a PID 1 that does not
 * reap (as in some containers) stays a zombie: it holds nothing, so it counts as gone.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Every file and directory under dir, relative, with its mode. */
export function tree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const rel = `${prefix}${e.name}`;
      const mode = (statSync(join(dir, e.name)).mode & 0o777).toString(8);
      return e.isDirectory() ? [`${rel}/ ${mode}`, ...tree(join(dir, e.name), `${rel}/`)] : [`${rel} ${mode}`];
    })
    .sort();
}
