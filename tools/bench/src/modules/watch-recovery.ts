import { join } from 'node:path';
import { readIncidents, readRuntime } from '@clawport/core/node';
import { figure, type BenchModule } from '../types.js';
import { BENCH_PORT_BASE, cliEnv, tempHome, writeProfile } from '../lib/homes.js';
import { httpStatus, startProcess, stopProcess, timeProcess, waitHttp200 } from '../lib/proc.js';
import { median } from '../lib/stats.js';

const RUNS = 3;
/** watch.intervalMs's product default (core watchSettings). */
const WATCH_INTERVAL_MS = 5000;
const MAIN = BENCH_PORT_BASE;
const RESCUE = BENCH_PORT_BASE + 120;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * The rescue bot's worth, end to end with product defaults (watch every 5 s, 3 failures, restart):
 * main runs under the built-in supervisor, rescue's gateway watches it. Two failures, each timed from
 * the fault to main's /readyz answering 200 again as a new process:
 * - kill -9: the supervisor restarts main; the watcher records the incident (waited for, not timed);
 * - a hang (SIGSTOP: alive, answering nothing): only the watcher can see it; it restarts main.
 * Baseline: the same gateway's plain start (spawn → /readyz 200) in the same run, the floor of any
 * recovery.
 */
export const watchRecovery: BenchModule = {
  name: 'watch recovery',
  async run(ctx) {
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    const h = await tempHome('watch');
    const env = cliEnv(h.home);
    const cli = (args: string[]) => timeProcess(process.execPath, [bin, ...args], env);
    let rescue: ReturnType<typeof startProcess> | undefined;
    const mainState = join(h.home, '.openclaw-main');
    const liveMain = async (notPid?: number) => {
      const rt = await readRuntime(mainState).catch(() => undefined);
      return rt && rt.pid !== notPid && (await httpStatus(MAIN, '/readyz')) === 200 ? rt : undefined;
    };
    try {
      await writeProfile(h.home, 'main', MAIN);
      await writeProfile(h.home, 'rescue', RESCUE, { watch: { targets: ['main'] } });

      const plain: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.progress(`watch: plain start of main ${i + 1}/${RUNS}`);
        const p = startProcess(process.execPath, [bin, '--profile', 'main', 'gateway'], env);
        try {
          plain.push(await waitHttp200(p.child, MAIN, '/readyz', p.t0, p.output));
        } finally {
          await stopProcess(p.child);
        }
      }

      await cli(['--profile', 'main', 'gateway', 'install', '--backend', 'supervisor']);
      await cli(['--profile', 'main', 'gateway', 'start']);
      rescue = startProcess(process.execPath, [bin, '--profile', 'rescue', 'gateway'], env);
      await waitHttp200(rescue.child, RESCUE, '/readyz', rescue.t0, rescue.output);
      await until('main live under its supervisor', () => liveMain(), 30_000);

      const resolved = async () => (await readIncidents(join(h.home, '.openclaw-rescue'))).filter((i) => i.state === 'resolved').length;
      const recover = async (signal: 'SIGKILL' | 'SIGSTOP', i: number) => {
        ctx.progress(`watch: ${signal} main ${i + 1}/${RUNS}`);
        const before = await resolved();
        const rt = await until('main live', () => liveMain(), 60_000);
        // The watcher tells a death apart from a first sight only once it has seen this main live:
        // one probe interval (5 s by default) after main is live, it has.
        await sleep(WATCH_INTERVAL_MS + 1000);
        const t0 = performance.now();
        process.kill(rt.pid, signal);
        try {
          await until('main live again as a new process', () => liveMain(rt.pid), 120_000);
          const ms = performance.now() - t0;
          await until('the incident recorded and resolved', async () => ((await resolved()) > before ? true : undefined), 60_000);
          return ms;
        } finally {
          try {
            process.kill(rt.pid, 'SIGKILL'); // a stopped process the restart left behind
          } catch {
            /* already gone */
          }
        }
      };
      const killed: number[] = [];
      for (let i = 0; i < RUNS; i++) killed.push(await recover('SIGKILL', i));
      const hung: number[] = [];
      for (let i = 0; i < RUNS; i++) hung.push(await recover('SIGSTOP', i));

      const baseline = { label: 'plain gateway start → /readyz 200', value: median(plain) };
      return [
        figure({ id: 'watch.killToLive', label: 'main kill -9 → live again (supervisor restart, incident recorded)', value: median(killed), unit: 'ms', baseline, samples: RUNS }),
        figure({
          id: 'watch.hangToLive',
          label: 'main hung (SIGSTOP) → live again through the watcher',
          value: median(hung),
          unit: 'ms',
          baseline,
          samples: RUNS,
          note: 'product defaults: probe every 5 s, 3 failures open the incident, then restart',
        }),
      ];
    } finally {
      await cli(['--profile', 'main', 'gateway', 'stop']).catch(() => undefined);
      if (rescue) await stopProcess(rescue.child);
      await h.cleanup();
    }
  },
};
