import { join } from 'node:path';
import { figure, type BenchModule } from '../types.js';
import { BENCH_PORT_BASE, cliEnv, tempHome, writeProfile } from '../lib/homes.js';
import { rssMb, startProcess, stopProcess, waitHttp200 } from '../lib/proc.js';
import { median } from '../lib/stats.js';

const RUNS = 5;
/** RSS is read this long after ready: what a gateway holds once start-up garbage is gone, not a peak. */
const SETTLE_MS = 500;

/** A bare Node HTTP server answering /readyz: the floor for "spawn a Node server and get a 200". */
const BARE_SERVER = `require('node:http').createServer((q,s)=>{s.writeHead(200);s.end('ok')}).listen(+process.argv[1],'127.0.0.1')`;

/**
 * `clawport --profile bench gateway` (the real CLI, browser and canvas plugins loaded) from spawn to
 * `/readyz` 200, and its RSS once ready; baseline: a bare Node HTTP server, same polling. The same
 * gateway started without the CLI (fixtures/gateway-direct.js) splits the figure into the CLI layer's
 * share (oclif, command loading) and the gateway's own. Runs are interleaved bare / CLI / direct.
 */
export const gatewaySpawn: BenchModule = {
  name: 'gateway spawn',
  async run(ctx) {
    const bin = join(ctx.root, 'packages/cli/bin/run.js');
    const port = BENCH_PORT_BASE;
    const h = await tempHome('spawn');
    try {
      await writeProfile(h.home, 'bench', port);
      const env = cliEnv(h.home);
      const once = async (args: string[]) => {
        const p = startProcess(process.execPath, args, env);
        try {
          const ms = await waitHttp200(p.child, port, '/readyz', p.t0, p.output);
          await new Promise((r) => setTimeout(r, SETTLE_MS));
          return { ms, rss: await rssMb(p.child.pid!) };
        } finally {
          await stopProcess(p.child);
        }
      };
      const direct = join(ctx.root, 'tools/bench/dist/fixtures/gateway-direct.js');
      const gw: Array<{ ms: number; rss: number }> = [];
      const bare: Array<{ ms: number; rss: number }> = [];
      const dir: Array<{ ms: number; rss: number }> = [];
      await once([bin, '--profile', 'bench', 'gateway']); // warm the page cache
      await once([direct, 'bench']);
      for (let i = 0; i < RUNS; i++) {
        ctx.progress(`gateway: spawn ${i + 1}/${RUNS}`);
        bare.push(await once(['-e', BARE_SERVER, String(port)]));
        gw.push(await once([bin, '--profile', 'bench', 'gateway']));
        dir.push(await once([direct, 'bench']));
      }
      const bareReady = { label: 'bare node http server → 200', value: median(bare.map((x) => x.ms)) };
      const bareRss = { label: 'bare node http server', value: median(bare.map((x) => x.rss)) };
      return [
        figure({
          id: 'gateway.spawnToReady',
          label: 'gateway spawn → /readyz 200',
          value: median(gw.map((x) => x.ms)),
          unit: 'ms',
          baseline: bareReady,
          target: { on: 'value', op: '<=', limit: 400 },
          samples: RUNS,
        }),
        figure({
          id: 'gateway.rss',
          label: `gateway RSS after ready (+${SETTLE_MS} ms)`,
          value: median(gw.map((x) => x.rss)),
          unit: 'MB',
          baseline: bareRss,
          target: { on: 'value', op: '<=', limit: 70 },
          samples: RUNS,
        }),
        figure({
          id: 'gateway.direct.spawnToReady',
          label: 'gateway spawn → /readyz 200 (direct entry, no CLI)',
          value: median(dir.map((x) => x.ms)),
          unit: 'ms',
          baseline: bareReady,
          samples: RUNS,
          note: 'tools/bench fixtures/gateway-direct.js: same plugins, no oclif',
        }),
        figure({
          id: 'gateway.direct.rss',
          label: `gateway RSS after ready (direct entry, +${SETTLE_MS} ms)`,
          value: median(dir.map((x) => x.rss)),
          unit: 'MB',
          baseline: bareRss,
          samples: RUNS,
        }),
      ];
    } finally {
      await h.cleanup();
    }
  },
};
