import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  resolveInstance,
  resolveInstancePaths,
  type ClawportPlugin,
  type OpenClawConfig,
  type ResolvedInstance,
} from '@clawport/core';
import { ensureToken, listListeners, pidOfSocketInode, writeConfig } from '@clawport/core/node';
import { canvasPlugin, startGateway, type GatewayOptions, type RunningGateway } from '../src/index.js';
import { browserStubPlugin } from './fixtures/browser-stub.js';

/** A fresh OPENCLAW_HOME for one test; every instance of the test lives under it. */
export async function tempHome(): Promise<{ home: string; cleanup(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'clawport-gw-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true }) };
}

/** Sets up a profile like `clawport --profile P setup --port B`: config file and token. */
export async function setupProfile(
  home: string,
  profile: string,
  config: Record<string, unknown>,
  portFlag?: number,
): Promise<{ instance: ResolvedInstance; config: OpenClawConfig; token: string }> {
  const paths = resolveInstancePaths({ profile }, { OPENCLAW_HOME: home }, home);
  const written = await writeConfig(paths.configPath, config);
  const token = await ensureToken(paths.stateDir);
  return { instance: resolveInstance(paths, written, {}, portFlag), config: written, token };
}

export const defaultPlugins = (): ClawportPlugin[] => [browserStubPlugin, canvasPlugin];

export function gatewayOptions(
  p: { instance: ResolvedInstance; config: OpenClawConfig },
  extra: Partial<GatewayOptions> = {},
): GatewayOptions {
  return { instance: p.instance, config: p.config, plugins: defaultPlugins(), version: '0.0.0-test', ...extra };
}

/** Starts a gateway and registers it for stopping in afterEach. */
export async function started(list: RunningGateway[], o: GatewayOptions): Promise<RunningGateway> {
  const g = await startGateway(o);
  list.push(g);
  return g;
}

/**
 * Registers per-test hooks in the calling describe: a fresh OPENCLAW_HOME before each test, and after
 * it every gateway in `running` stopped (last started first) before the home is removed.
 * Push what a test starts into `running` (or use started(running, …)) so nothing outlives it.
 */
export function gatewaysInTempHome(): { readonly home: string; readonly running: RunningGateway[] } {
  let env: Awaited<ReturnType<typeof tempHome>> | undefined;
  const running: RunningGateway[] = [];
  beforeEach(async () => (env = await tempHome()));
  afterEach(async () => {
    while (running.length) await running.pop()!.stop();
    await env?.cleanup();
    env = undefined;
  });
  return {
    get home() {
      if (!env) throw new Error('gatewaysInTempHome: home is only there inside a test (after beforeEach)');
      return env.home;
    },
    running,
  };
}

/** Listening ports within [from, to] owned by pid, from the kernel's socket table. */
export async function listeningPortsOf(pid: number, from: number, to: number): Promise<number[]> {
  const out = new Set<number>();
  for (const l of (await listListeners()) ?? []) {
    if (l.port < from || l.port > to) continue;
    if ((await pidOfSocketInode(l.inode)) === pid) out.add(l.port);
  }
  return [...out].sort((a, b) => a - b);
}

export async function waitFor<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
