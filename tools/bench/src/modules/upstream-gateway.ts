import { access, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { homedir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { figure, type BenchModule, type Row } from '../types.js';
import { BENCH_PORT_BASE, cliEnv, tempHome, writeProfile } from '../lib/homes.js';
import { rssMb, startProcess, stopProcess, waitHttp200 } from '../lib/proc.js';
import { median } from '../lib/stats.js';

const RUNS = 2;
const SETTLE_MS = 500;
const CACHE = process.env.CLAWPORT_UPSTREAM ?? join(homedir(), '.cache', 'clawport-upstream');

/** RSS of a process and all its descendants, MB: upstream runs worker processes beside its gateway. */
async function treeRssMb(root: number): Promise<number> {
  const parent = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parent.set(Number(entry), ppid);
  }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && pid !== 1 && inTree(parent.get(pid)!));
  let total = 0;
  for (const pid of parent.keys()) if (inTree(pid)) total += await rssMb(pid).catch(() => 0);
  return total;
}

/**
 * Upstream OpenClaw's gateway as a profile's engine (`clawport --profile up gateway`, engine openclaw)
 * next to the built-in gateway, same run, interleaved: spawn → /readyz 200, and RSS of the whole process
 * tree once ready. Needs the upstream tier's install (tools/reliability/test/upstream/setup.sh).
 */
export const upstreamGateway: BenchModule = {
  name: 'upstream gateway',
  async run(ctx): Promise<Row[]> {
    const openclaw = join(CACHE, 'pkg', 'node_modules', '.bin', 'openclaw');
    const node24 = join(CACHE, 'node24', 'node_modules', 'node', 'bin');
    // Upstream reaches out at start (model catalog, updates): it only runs where nothing but loopback exists.
    const online = Object.keys(networkInterfaces()).filter((n) => n !== 'lo');
    const missing = await access(openclaw).then(
      () => (online.length > 0 ? `not run: upstream would reach the network (${online.join(', ')}); run the bench in a loopback-only namespace: unshare --net sh -c 'ip link set lo up && npm run bench'` : undefined),
      () => `upstream not installed in ${CACHE}: bash tools/reliability/test/upstream/setup.sh`,
    );
    if (missing) {
      return [
        { id: 'upstream.spawnToReady', label: 'openclaw gateway spawn → /readyz 200', skipped: missing },
        { id: 'upstream.rss', label: 'openclaw gateway RSS (process tree)', skipped: missing },
      ];
    }
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    // Two footprints side by side (B…B+110 each): the gateway refuses a profile whose ports another overlaps.
    const ports = { builtin: BENCH_PORT_BASE, up: BENCH_PORT_BASE + 120 } as const;
    const h = await tempHome('upstream');
    try {
      await writeProfile(h.home, 'builtin', ports.builtin);
      await writeProfile(h.home, 'up', ports.up);
      await mkdir(join(h.home, '.openclaw-up'), { recursive: true });
      await writeFile(join(h.home, '.openclaw-up', 'clawport.json'), JSON.stringify({ engine: 'openclaw', openclawCommand: openclaw }));
      const env = { ...cliEnv(h.home), PATH: `${node24}:${process.env.PATH}`, OPENCLAW_NO_AUTO_UPDATE: '1', DO_NOT_TRACK: '1' };
      const once = async (profile: keyof typeof ports) => {
        const port = ports[profile];
        const p = startProcess(process.execPath, [bin, '--profile', profile, 'gateway'], env);
        try {
          const ms = await waitHttp200(p.child, port, '/readyz', p.t0, p.output, 300_000);
          await new Promise((r) => setTimeout(r, SETTLE_MS));
          return { ms, rss: await treeRssMb(p.child.pid!) };
        } finally {
          await stopProcess(p.child, 20_000);
        }
      };
      const builtin: Array<{ ms: number; rss: number }> = [];
      const upstream: Array<{ ms: number; rss: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.progress(`upstream gateway: run ${i + 1}/${RUNS}`);
        builtin.push(await once('builtin'));
        upstream.push(await once('up'));
      }
      return [
        figure({
          id: 'upstream.spawnToReady',
          label: 'openclaw gateway spawn → /readyz 200 (via clawport)',
          value: median(upstream.map((x) => x.ms)),
          unit: 'ms',
          baseline: { label: 'built-in gateway, same run', value: median(builtin.map((x) => x.ms)) },
          samples: RUNS,
          note: 'openclaw@2026.9.6 on Node 24',
        }),
        figure({
          id: 'upstream.rss',
          label: 'openclaw gateway RSS after ready (process tree)',
          value: median(upstream.map((x) => x.rss)),
          unit: 'MB',
          baseline: { label: 'built-in gateway, same run', value: median(builtin.map((x) => x.rss)) },
          samples: RUNS,
        }),
      ];
    } finally {
      await h.cleanup();
    }
  },
};
