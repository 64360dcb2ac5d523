import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { discoverInstances } from '@clawport/core/node';
import { figure, type BenchModule, type Row } from '../types.js';
import { tempHome, writeProfiles } from '../lib/homes.js';
import { median, sample } from '../lib/stats.js';

const RUNS = 15;

/** The hook apps/vscode builds into out/bench.cjs (src/host/tree-from-disk.ts). */
interface TreeHook {
  buildTreeFromDisk(o: { env: Record<string, string | undefined>; osHome: string; probeHealth?: boolean }): Promise<{ roots: unknown[]; children: unknown[][] }>;
}

/**
 * The editor sidebar's refresh for 50 instances, from disk to getChildren of every root, through the
 * extension's own code (no editor); baseline: core discovery of the same 50 alone.
 */
export const vscodeTree: BenchModule = {
  name: 'vscode tree',
  async run(ctx): Promise<Row[]> {
    const hookPath = join(ctx.root, 'apps/vscode/out/bench.cjs');
    if (!existsSync(hookPath)) {
      return [{ id: 'vscode.tree50', label: 'VS Code tree, 50 instances', skipped: `${hookPath} missing: build apps/vscode (npm run build)` }];
    }
    const hook = createRequire(import.meta.url)(hookPath) as TreeHook;
    const h = await tempHome('tree');
    try {
      await writeProfiles(h.home, 50);
      const env = { OPENCLAW_HOME: h.home };
      const check = await hook.buildTreeFromDisk({ env, osHome: homedir() });
      if (check.roots.length !== 50) throw new Error(`tree has ${check.roots.length} roots, expected 50`);
      ctx.progress('vscode: tree build, 50 instances');
      const tree = await sample(RUNS, async () => {
        const t0 = performance.now();
        await hook.buildTreeFromDisk({ env, osHome: homedir() });
        return performance.now() - t0;
      });
      const disc = await sample(RUNS, async () => {
        const t0 = performance.now();
        await discoverInstances({ env, osHome: homedir() });
        return performance.now() - t0;
      });
      return [
        figure({
          id: 'vscode.tree50',
          label: 'VS Code tree build, 50 instances',
          value: median(tree),
          unit: 'ms',
          baseline: { label: 'core discoverInstances (50)', value: median(disc) },
          target: { on: 'value', op: '<=', limit: 100 },
          samples: RUNS,
          note: 'disk → getChildren of roots and every instance (apps/vscode out/bench.cjs)',
        }),
      ];
    } finally {
      await h.cleanup();
    }
  },
};
