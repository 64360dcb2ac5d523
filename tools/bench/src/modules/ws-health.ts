import { join } from 'node:path';
import { resolveInstancePaths } from '@clawport/core';
import { readToken } from '@clawport/core/node';
import { figure, type BenchModule, type Figure } from '../types.js';
import { BENCH_PORT_BASE, cliEnv, tempHome, writeProfile } from '../lib/homes.js';
import { startProcess, stopProcess, waitHttp200 } from '../lib/proc.js';
import { hammer, RpcConn } from '../lib/rpc-conn.js';
import { percentile } from '../lib/stats.js';

const WARMUP_MS = 300;
const MEASURE_MS = 2000;

interface Result {
  rps: number;
  p50: number;
  p99: number;
}

async function measure(port: number, token: string | undefined, clients: number): Promise<Result> {
  const conns = await Promise.all(Array.from({ length: clients }, () => RpcConn.open(port, token)));
  try {
    await hammer(conns, 'health', WARMUP_MS);
    const r = await hammer(conns, 'health', MEASURE_MS);
    return { rps: r.calls / r.seconds, p50: percentile(r.latUs, 50), p99: percentile(r.latUs, 99) };
  } finally {
    for (const c of conns) c.close();
  }
}

/** Waits for a child that prints `ready` once listening. */
async function ready(output: () => string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!output().includes('ready')) {
    if (exited() || Date.now() > deadline) throw new Error(`echo server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * WS `health` round trips against a gateway started by the real CLI, with 1 and 50 connections each
 * calling back to back; baseline: a bare `ws` echo server driven by the same client code.
 */
export const wsHealth: BenchModule = {
  name: 'ws health',
  async run(ctx) {
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    const gwPort = BENCH_PORT_BASE + 200;
    const echoPort = BENCH_PORT_BASE + 199;
    const h = await tempHome('ws');
    await writeProfile(h.home, 'bench', gwPort);
    const token = await readToken(resolveInstancePaths({ profile: 'bench' }, { OPENCLAW_HOME: h.home }, h.home).stateDir);
    if (!token) throw new Error('bench profile has no token');
    const gw = startProcess(process.execPath, [bin, '--profile', 'bench', 'gateway'], cliEnv(h.home));
    const echo = startProcess(process.execPath, [join(ctx.root, 'tools/bench/dist/fixtures/echo-ws-server.js'), String(echoPort)], process.env);
    try {
      await waitHttp200(gw.child, gwPort, '/readyz', gw.t0, gw.output);
      await ready(echo.output, () => echo.child.exitCode !== null);
      const rows: Figure[] = [];
      for (const clients of [1, 50]) {
        ctx.progress(`ws: health with ${clients} client(s)`);
        const base = await measure(echoPort, undefined, clients);
        const g = await measure(gwPort, token, clients);
        const who = `${clients} client${clients === 1 ? '' : 's'}`;
        const echoLabel = `ws echo server, ${who}`;
        rows.push(
          figure({
            id: `ws.health.c${clients}.rps`,
            label: `WS health RPC/s, ${who}`,
            value: g.rps,
            unit: 'rpc/s',
            baseline: { label: echoLabel, value: base.rps },
            note: 'sequential calls per connection',
            ...(clients === 1 ? { target: { on: 'value' as const, op: '>=' as const, limit: 10_000 } } : {}),
          }),
          figure({ id: `ws.health.c${clients}.p50`, label: `WS health p50, ${who}`, value: g.p50, unit: 'µs', baseline: { label: echoLabel, value: base.p50 } }),
          figure({ id: `ws.health.c${clients}.p99`, label: `WS health p99, ${who}`, value: g.p99, unit: 'µs', baseline: { label: echoLabel, value: base.p99 } }),
        );
      }
      return rows;
    } finally {
      await stopProcess(gw.child);
      await stopProcess(echo.child);
      await h.cleanup();
    }
  },
};
