import { join } from 'node:path';
import { figure, type BenchModule, type Row } from '../types.js';
import { cliEnv, tempHome, writeProfile, writeProfiles } from '../lib/homes.js';
import { timeProcess } from '../lib/proc.js';
import { median, sample } from '../lib/stats.js';

const RUNS = 9;

/**
 * CLI start-up: `clawport --version`, `--profile x status`, `status --all` over 50 profiles and
 * `ports check` over the same 50, each against `node -e 0` measured in the same run (the floor any
 * Node CLI pays). Medians of RUNS after one warm-up each.
 */
export const cliStart: BenchModule = {
  name: 'cli start',
  async run(ctx) {
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    const one = await tempHome('cli');
    const many = await tempHome('cli50');
    try {
      await writeProfile(one.home, 'x', 20000);
      await writeProfiles(many.home, 50);
      const node = (args: string[], home: string, ok?: number[]) => () => timeProcess(process.execPath, args, cliEnv(home), ok);
      ctx.progress('cli: node -e 0');
      const bare = median(await sample(RUNS, node(['-e', '0'], one.home)));
      const base = { label: 'node -e 0', value: bare };
      const rows: Row[] = [];
      const cases: Array<{ id: string; label: string; args: string[]; home: string; ok?: number[]; target?: number }> = [
        { id: 'cli.version', label: 'clawport --version', args: ['--version'], home: one.home },
        { id: 'cli.status', label: 'clawport --profile x status', args: ['--profile', 'x', 'status'], home: one.home, target: 4 },
        { id: 'cli.statusAll50', label: 'clawport status --all (50 profiles)', args: ['status', '--all'], home: many.home },
        { id: 'cli.portsCheck50', label: 'clawport ports check (50 profiles)', args: ['ports', 'check'], home: many.home },
      ];
      for (const c of cases) {
        ctx.progress(`cli: ${c.label}`);
        const ms = median(await sample(c.id === 'cli.version' || c.id === 'cli.status' ? RUNS : 5, node([bin, ...c.args], c.home, c.ok)));
        rows.push(
          figure({
            id: c.id,
            label: c.label,
            value: ms,
            unit: 'ms',
            baseline: base,
            samples: c.id === 'cli.version' || c.id === 'cli.status' ? RUNS : 5,
            ...(c.target ? { target: { on: 'ratio' as const, op: '<=' as const, limit: c.target } } : {}),
          }),
        );
      }
      return rows;
    } finally {
      await one.cleanup();
      await many.cleanup();
    }
  },
};
