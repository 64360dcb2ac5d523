import { homedir } from 'node:os';
import { join } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { UsageError, parseProfileName, resolveInstancePaths, type InstancePaths } from '@clawport/core';
import { clientToken, readConfigFile, readRuntime } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';
import { exited, failed, gatewayChildPlan, startMember, stopMember, type Member } from '../lib/up/group.js';
import { degradedLine, probeGatewayHealth } from '../lib/shared/gateway-health.js';
import { setupInstance } from '../lib/setup/setup-instance.js';
import { range } from '../lib/shared/style.js';

export default class Up extends BaseCommand<typeof Up> {
  static override description =
    'Start a group of gateways in the foreground, one child process per profile (`clawport --profile P gateway`), setting up missing profiles first. Shows live status; Ctrl-C stops them all. Exit code 1 when any gateway failed.';
  static override examples = ['<%= config.bin %> up main rescue', '<%= config.bin %> up main'];
  static override strict = false;
  static override flags = {
    logs: Flags.boolean({ description: "Also show the gateways' info-level log lines (default: warnings, errors and status changes)" }),
  };
  static override args = { profiles: Args.string({ description: 'Profiles to run (default: the --profile one)' }) };

  private readonly states = new Map<string, string>();
  private readonly paths = new Map<string, InstancePaths>();
  private readonly healthy = new Set<string>();
  /** Serving, but without some plugin (their health said degraded). */
  private readonly degraded = new Set<string>();
  private announced = false;

  public async run(): Promise<void> {
    const names = this.profileNames();
    const bin = join(this.config.root, 'bin', 'run.js');
    // Set up every missing profile before starting anything: a profile that cannot be set up stops
    // the whole command while nothing runs yet. Existing profiles are left as they are; their gateway
    // checks its own footprint when it starts.
    const toStart: string[] = [];
    for (const name of names) {
      const paths = resolveInstancePaths({ profile: name }, process.env, homedir());
      for (const w of paths.warnings) this.warning(w);
      this.paths.set(name, paths);
      const running = await readRuntime(paths.stateDir);
      if (running) {
        this.log(`${name}: already running (pid ${running.pid}, base ${running.base}); leaving it alone`);
        continue;
      }
      if (!(await readConfigFile(paths.configPath)).exists) {
        const result = await setupInstance(paths, process.env, undefined, (w) => this.warning(w));
        this.log(`${name}: set up at base ${result.base} (${result.configPath})`);
      }
      toStart.push(name);
    }
    const members = toStart.map((name) =>
      startMember(name, gatewayChildPlan(bin, name, process.env), (line) => this.log(line), this.flags.logs),
    );
    if (members.length === 0) return;

    let stopping = false;
    const stopAll = (why: string) => {
      if (stopping) return;
      stopping = true;
      this.log(`${why}: stopping ${members.filter((m) => !m.exit).map((m) => m.name).join(', ') || 'nothing'}`);
      void Promise.all(members.map((m) => stopMember(m)));
    };
    const onSignal = (sig: NodeJS.Signals) => stopAll(sig);
    // Children run in their own process group; if `up` itself dies of a bug, take them along.
    const onExit = () => {
      for (const m of members) if (!m.exit) m.child.kill('SIGTERM');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
    const all = Promise.all(members.map(exited));
    let busy = false;
    let tick = 0;
    const poll = setInterval(() => {
      tick++;
      if (busy || stopping) return; // a slow probe must not stack up reports
      busy = true;
      this.report(members, tick)
        .catch((e: Error) => this.warning(`status probe failed: ${e.message}`))
        .finally(() => (busy = false));
    }, 500);
    try {
      await all;
    } finally {
      clearInterval(poll);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', onExit);
    }
    const failures = members.filter(failed);
    for (const m of members) this.log(`${m.name}: exited ${m.exit?.signal ? `on ${m.exit.signal}` : `with code ${m.exit?.code}`}`);
    if (failures.length > 0) {
      this.warning(`${failures.map((m) => m.name).join(', ')} failed`);
      process.exitCode = 1;
    }
  }

  private profileNames(): string[] {
    const raw = this.positionals;
    const fromFlag = this.profileFlag();
    const names = raw.length > 0 ? raw.map((r) => parseProfileName(r, 'profile')) : fromFlag ? [fromFlag] : [];
    if (names.length === 0) throw new UsageError('name at least one profile', 'for example: clawport up main rescue');
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new UsageError(`profile ${dup} is named twice`, 'name each profile once');
    return names;
  }

  /** Prints one line per member whenever its state changes: starting → healthy/unhealthy → exited. */
  private async report(members: readonly Member[], tick: number): Promise<void> {
    for (const m of members) {
      // Until healthy, look every tick; after that every 10th (each probe is a WebSocket handshake).
      if (this.healthy.has(m.name) && tick % 10 !== 0 && !m.exit) continue;
      let line: string;
      if (m.exit) line = `exited (${m.exit.signal ?? `code ${m.exit.code}`})`;
      else {
        const paths = this.paths.get(m.name)!;
        const rt = await readRuntime(paths.stateDir);
        if (!rt) line = 'starting';
        else {
          const config = await readConfigFile(paths.configPath).then((l) => l.config, () => undefined);
          const token = await clientToken(rt.stateDir, config);
          const health = await probeGatewayHealth({ host: '127.0.0.1', port: rt.base, token, engine: rt.engine, stateDir: paths.stateDir, expectRunning: true });
          if (health.ok) this.healthy.add(m.name);
          else this.healthy.delete(m.name);
          if (health.ok && health.pluginsFailed) this.degraded.add(m.name);
          else this.degraded.delete(m.name);
          const ports = rt.ports.map((p) => `${p.role} ${range(p.start, p.end)}`).join(', ');
          const state = health.ok && !health.pluginsFailed ? this.paint('green', 'healthy') : this.paint('yellow', health.pluginsFailed ? `degraded (${degradedLine(health.pluginsFailed)})` : health.status);
          line = `${state}  ws://127.0.0.1:${rt.base}/  pid ${rt.pid}  ${ports}`;
        }
      }
      if (this.states.get(m.name) !== line) {
        this.states.set(m.name, line);
        this.log(`${this.paint('bold', m.name)}: ${line}`);
        if (this.healthy.size === members.length && !this.announced) {
          this.announced = true;
          const degraded = this.degraded.size > 0 ? ` (degraded: ${[...this.degraded].join(', ')})` : '';
          this.log(`all ${members.length} gateway${members.length === 1 ? '' : 's'} ${degraded ? 'serving' : 'healthy'}${degraded}; Ctrl-C stops ${members.length === 1 ? 'it' : 'them all'}`);
        }
      }
    }
  }
}
