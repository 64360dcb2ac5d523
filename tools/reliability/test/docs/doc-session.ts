import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, waitFor } from '../helpers/cli.js';
import { scriptLines } from './markdown-blocks.js';

export interface BlockRun {
  code: number | null;
  output: string;
}

/**
 * One documentation page's world: a temp directory that is both HOME and OPENCLAW_HOME (so `~` in a
 * documented path and Clawport's `~` agree), `clawport` on PATH as this repo's CLI, and a private network
 * namespace with only loopback up, so the page's literal ports (18789, 19001…) never meet the host's or
 * another suite's. Everything a page starts (gateways, supervisors, Chromium) lives in that namespace and
 * is killed by close(), found through /proc/<pid>/ns/net, not by remembering pids.
 */
export class DocSession {
  private holder?: ChildProcess;
  private netns = '';
  private background: Array<{ child: ChildProcess; line: string; out: () => string }> = [];

  private constructor(readonly home: string) {}

  static async open(): Promise<DocSession> {
    const home = await mkdtemp(join(tmpdir(), 'clawport-doc-'));
    const session = new DocSession(home);
    const bin = join(home, '.doc-bin');
    await mkdir(bin);
    await writeFile(join(bin, 'clawport'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    await chmod(join(bin, 'clawport'), 0o755);
    // The holder keeps the namespace alive between blocks; `unshare` execs in place, so its pid is the namespace's.
    session.holder = spawn('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up && exec sleep 100000'], { stdio: 'ignore' });
    const pid = session.holder.pid;
    if (pid === undefined) throw new Error('unshare --net did not start (the doc examples need root and util-linux)');
    await waitFor('the doc namespace with loopback up', () => {
      const r = spawnSync('nsenter', ['-t', String(pid), '-n', 'ip', '-o', 'link', 'show', 'lo'], { encoding: 'utf8' });
      return r.status === 0 && /[<,]UP[,>]/.test(r.stdout);
    }, 10_000);
    session.netns = await readlink(`/proc/${pid}/ns/net`);
    return session;
  }

  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENCLAW_') && !k.startsWith('CLAWPORT_') && !k.startsWith('XDG_')) env[k] = v;
    return {
      ...env,
      HOME: this.home,
      OPENCLAW_HOME: this.home,
      PATH: `${join(this.home, '.doc-bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
    };
  }

  /**
   * Blocks of a page behave like one terminal: variables exported and the directory changed by one block
   * hold in the next (saved on exit, sourced at start), as when a reader types them in order.
   */
  private spawnInside(script: string, save = true): ChildProcess {
    const pid = String(this.holder?.pid);
    const state = join(this.home, '.doc-terminal');
    const keep = save ? `trap 'export -p > "${state}"; echo "cd $(printf %q "$PWD")" >> "${state}"' EXIT\n` : '';
    const wrapped = `. '${state}' 2>/dev/null || true\n${keep}${script}`;
    return spawn('nsenter', ['-t', pid, '-n', '--', 'bash', '-e', '-o', 'pipefail', '-c', wrapped], {
      cwd: this.home,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  }

  /** Runs a script to the end; stdout and stderr interleaved as a terminal would show them. */
  run(script: string, timeoutMs = 120_000): Promise<BlockRun> {
    return new Promise((resolve, reject) => {
      const child = this.spawnInside(script);
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
        reject(new Error(`timed out after ${timeoutMs} ms running:\n${script}\n--- output ---\n${output}`));
      }, timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  /** Starts each line in the background, then waits until `ready` exits 0 (or a line dies first). */
  async startBackground(code: string, ready: string, timeoutMs = 90_000): Promise<void> {
    const started = scriptLines(code).map((line) => {
      const child = this.spawnInside(line, false);
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const entry = { child, line, out: () => out };
      this.background.push(entry);
      return entry;
    });
    const outputs = () => started.map((s) => `$ ${s.line}\n${s.out()}`).join('\n');
    await waitFor(
      `ready: ${ready}`,
      async () => {
        const dead = started.find((s) => s.child.exitCode !== null);
        if (dead) throw new Error(`"${dead.line}" exited ${dead.child.exitCode} before "${ready}" succeeded\n${outputs()}`);
        return (await this.run(ready, 30_000)).code === 0;
      },
      timeoutMs,
      outputs,
    );
  }

  /** Ctrl-C as a terminal sends it: SIGINT to each background line's process group; their exit codes. */
  async interruptBackground(timeoutMs = 30_000): Promise<Array<number | null>> {
    return Promise.all(
      this.background.map(
        ({ child }) =>
          new Promise<number | null>((resolve, reject) => {
            if (child.exitCode !== null) return resolve(child.exitCode);
            const timer = setTimeout(() => reject(new Error(`still running ${timeoutMs} ms after Ctrl-C\n${this.backgroundOutput()}`)), timeoutMs);
            // 'close', not 'exit': the output is drained too (the exit lines are what callers check)
            child.once('close', (code) => {
              clearTimeout(timer);
              resolve(code);
            });
            if (child.pid) process.kill(-child.pid, 'SIGINT');
          }),
      ),
    );
  }

  backgroundOutput(): string {
    return this.background.map((s) => `$ ${s.line}\n${s.out()}`).join('\n');
  }

  /** Every process in the page's namespace: SIGTERM, a grace period, then SIGKILL; then the temp home. */
  async close(): Promise<void> {
    const inside = async () => {
      const pids: number[] = [];
      for (const entry of await readdir('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === this.holder?.pid) continue;
        try {
          if ((await readlink(`/proc/${entry}/ns/net`)) === this.netns) pids.push(Number(entry));
        } catch {
          // gone already, or not ours to read
        }
      }
      return pids;
    };
    if (this.netns) {
      for (const pid of await inside()) signal(pid, 'SIGTERM');
      const deadline = Date.now() + 8_000;
      while ((await inside()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const pid of await inside()) signal(pid, 'SIGKILL');
    }
    this.holder?.kill('SIGKILL');
    await rm(this.home, { recursive: true, force: true });
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // exited between the scan and the signal
  }
}
