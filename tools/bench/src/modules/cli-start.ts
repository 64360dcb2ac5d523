import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { figure, type BenchModule, type Row } from '../types.js';
import { cliEnv, tempHome, writeProfile, writeProfiles } from '../lib/homes.js';
import { startProcess, stopProcess, timeProcess, waitHttp200 } from '../lib/proc.js';
import { median, sample } from '../lib/stats.js';

const RUNS = 9;
const FEW = 5;

/** Node 24 as the VS Code harness installs it from npm (tools/vscode-harness/setup.sh). */
const NODE24 = join(process.env.CLAWPORT_HARNESS ?? join(homedir(), '.cache', 'clawport-vscode-harness'), 'node24/node_modules/node/bin/node');

/** `n` profiles `q000`… with the browser off (gateway B, canvas B+4): 1,000 disjoint footprints fit below the ephemeral range. */
async function writeSmallProfiles(home: string, n: number, firstBase = 20000): Promise<void> {
  for (let i = 0; i < n; i++) await writeProfile(home, `q${String(i).padStart(4, '0')}`, firstBase + i * 6, { browser: { enabled: false } });
}

/**
 * CLI start-up and host-wide reads, each against `node -e 0` of the same Node measured in the same run
 * (the floor any Node CLI pays): `--version`, `--profile x status`, `status --all` over 50 profiles of
 * which 10 run real gateways (WS health probes included), the real `ports check` over 100 and 1,000
 * on-disk profiles. Every row on this process's Node (20) and on Node 24 when the harness has it.
 * Medians of RUNS (or FEW for the slow ones) after one warm-up each; each figure's baseline is the
 * median of the `node -e 0` runs interleaved with its own samples.
 */
export const cliStart: BenchModule = {
  name: 'cli start',
  async run(ctx) {
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    const one = await tempHome('cli');
    const many = await tempHome('cli50');
    const h100 = await tempHome('cli100');
    const h1000 = await tempHome('cli1000');
    const gateways: Array<ReturnType<typeof startProcess>> = [];
    try {
      await writeProfile(one.home, 'x', 20000);
      await writeProfiles(many.home, 50);
      await writeSmallProfiles(h100.home, 100);
      await writeSmallProfiles(h1000.home, 1000);
      // 10 of the 50 run a real gateway (p00…p09 at 20000 + i·120), so status --all probes 10 over WS.
      ctx.progress('cli: starting 10 gateways for status --all');
      for (let i = 0; i < 10; i++) {
        const g = startProcess(process.execPath, [bin, '--profile', `p${String(i).padStart(2, '0')}`, 'gateway'], cliEnv(many.home));
        gateways.push(g);
        await waitHttp200(g.child, 20000 + i * 120, '/readyz', g.t0, g.output, 120_000);
      }
      const rows: Row[] = [];
      const runtimes: Array<{ tag: string; node: string }> = [{ tag: `node ${process.version.split('.')[0]}`, node: process.execPath }];
      if (existsSync(NODE24)) runtimes.push({ tag: 'node 24', node: NODE24 });
      else rows.push({ id: 'cli.node24', label: 'CLI rows on Node 24', skipped: `no Node 24 at ${NODE24} (run tools/vscode-harness/setup.sh)` });
      for (const rt of runtimes) {
        const run = (args: string[], home: string, ok?: number[]) => () => timeProcess(rt.node, args, cliEnv(home), ok);
        const bare = run(['-e', '0'], one.home);
        const cases: Array<{ id: string; label: string; args: string[]; home: string; runs: number; target?: number }> = [
          { id: 'cli.version', label: 'clawport --version', args: ['--version'], home: one.home, runs: RUNS },
          { id: 'cli.status', label: 'clawport --profile x status', args: ['--profile', 'x', 'status'], home: one.home, runs: RUNS, target: 3 },
          { id: 'cli.statusAll50', label: 'clawport status --all (50 profiles, 10 running)', args: ['status', '--all'], home: many.home, runs: FEW, target: 6 },
          { id: 'cli.portsCheck100', label: 'clawport ports check (100 profiles)', args: ['ports', 'check'], home: h100.home, runs: FEW },
          { id: 'cli.portsCheck1000', label: 'clawport ports check (1,000 profiles)', args: ['ports', 'check'], home: h1000.home, runs: FEW, target: 10 },
        ];
        for (const c of cases) {
          ctx.progress(`cli: ${rt.tag}: ${c.label}`);
          // Each sample of the command is paired with a `node -e 0` right before it, so the ratio compares
          // runs under the same load (the machine is shared: the load can double within a minute).
          const cmd = run([bin, ...c.args], c.home);
          const bases: number[] = [];
          const samples = await sample(c.runs, async () => {
            bases.push(await bare());
            return cmd();
          });
          const ms = median(samples);
          const base = { label: `${rt.tag} -e 0`, value: median(bases.slice(-c.runs)) };
          rows.push(
            figure({
              id: `${c.id}${rt.node === process.execPath ? '' : '.node24'}`,
              label: `${c.label} [${rt.tag}]`,
              value: ms,
              unit: 'ms',
              baseline: base,
              samples: c.runs,
              ...(c.target ? { target: { on: 'ratio' as const, op: '<=' as const, limit: c.target } } : {}),
            }),
          );
        }
      }
      return rows;
    } finally {
      for (const g of gateways) await stopProcess(g.child);
      for (const h of [one, many, h100, h1000]) await h.cleanup();
    }
  },
};
