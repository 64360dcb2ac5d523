import { figure, type BenchModule, type Figure } from '../types.js';
import { timeProcess } from '../lib/proc.js';
import { median } from '../lib/stats.js';

const RUNS = 11;

/** What start-up pays for each heavy import, alone in a fresh process (resolved from the bench's own dependencies). */
const IMPORTS: Array<{ id: string; specifier: string; why: string }> = [
  { id: 'oclif', specifier: '@oclif/core', why: 'every CLI command but a lone --version' },
  { id: 'zod', specifier: 'zod', why: 'config schema (core)' },
  { id: 'core', specifier: '@clawport/core', why: 'zod + the pure model' },
  { id: 'coreNode', specifier: '@clawport/core/node', why: 'core + IO adapters' },
  { id: 'ws', specifier: 'ws', why: 'gateway control plane' },
  { id: 'gateway', specifier: '@clawport/gateway', why: 'core + ws + gateway' },
  { id: 'browser', specifier: '@clawport/browser', why: 'must not load puppeteer-core until a browser starts' },
  { id: 'puppeteer', specifier: 'puppeteer-core', why: 'what the browser plugin defers' },
];

/**
 * Import cost rows: `node -e "await import(X)"` per heavy dependency, interleaved with `node -e 0`
 * run for run (the same floor as the CLI rows), so a slow moment of a noisy machine hits both.
 */
export const importCost: BenchModule = {
  name: 'import cost',
  async run(ctx) {
    const cases = IMPORTS.map((c) => ({ ...c, url: import.meta.resolve(c.specifier) }));
    const bare: number[] = [];
    const samples = cases.map(() => [] as number[]);
    const run = (code: string) => timeProcess(process.execPath, ['--input-type=module', '-e', code], process.env);
    for (let i = 0; i <= RUNS; i++) {
      ctx.progress(`imports: round ${i + 1}/${RUNS + 1}`);
      const b = await run('0');
      if (i > 0) bare.push(b); // round 0 warms the page cache
      for (const [j, c] of cases.entries()) {
        const ms = await run(`await import(${JSON.stringify(c.url)})`);
        if (i > 0) samples[j].push(ms);
      }
    }
    const base = { label: 'node -e 0', value: median(bare) };
    return cases.map(
      (c, j): Figure =>
        figure({ id: `import.${c.id}`, label: `import ${c.specifier}`, value: median(samples[j]), unit: 'ms', baseline: base, samples: RUNS, note: c.why }),
    );
  },
};
