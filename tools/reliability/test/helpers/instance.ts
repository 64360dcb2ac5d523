import { readdir, readFile, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { resolveInstancePaths, type InstancePaths } from '@clawport/core';
import { readToken } from '@clawport/core/node';
import { ok, runCli, startCli, waitFor, type LiveProcess } from './cli.js';

/** Where `--profile P` lives under this OPENCLAW_HOME (core's own path rules). */
export function pathsOf(home: string, profile: string): InstancePaths {
  return resolveInstancePaths({ profile }, { OPENCLAW_HOME: home }, home);
}

/** `clawport --profile P setup --port B` through the real CLI; returns the generated token. */
export async function setupProfile(home: string, profile: string, base: number): Promise<string> {
  ok(await runCli(['--profile', profile, 'setup', '--port', String(base)], home), `setup ${profile}`);
  const token = await readToken(pathsOf(home, profile).stateDir);
  if (!token) throw new Error(`setup of ${profile} wrote no token`);
  return token;
}

/** GET http://127.0.0.1:port/path → status, or undefined when nothing answers. */
export function httpGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status?: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ body: '' }));
    req.end();
  });
}

/** `clawport --profile P gateway` through the real CLI, once /readyz answers 200. */
export async function startGatewayCli(home: string, profile: string, base: number, args: string[] = []): Promise<LiveProcess> {
  const p = startCli(['--profile', profile, 'gateway', ...args], home);
  try {
    await waitFor(
      `gateway ${profile} on ${base} to be ready`,
      async () => {
        if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`gateway ${profile} exited ${p.child.exitCode}:\n${p.output()}`);
        return (await httpGet(base, '/readyz')).status === 200;
      },
      45_000,
      p.output,
    );
  } catch (e) {
    await p.stop('SIGKILL');
    throw e;
  }
  return p;
}

/** Every file under dir with its bytes (base64) and every dir with its mode: "nothing written" compares two. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[p] = `dir ${((await stat(p)).mode & 0o777).toString(8)}`;
        await walk(p);
      } else out[p] = (await readFile(p)).toString('base64');
    }
  }
  await walk(dir);
  return out;
}

export async function modeOf(path: string): Promise<string> {
  return ((await stat(path)).mode & 0o777).toString(8).padStart(4, '0');
}
