import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { Args, Flags } from '@oclif/core';
import { ConfigError, LOGS_DIR, UsageError, parseEnvFile, parseProfileName, resolveInstance, scrubText, resolveInstancePaths, type ResolvedInstance } from '@clawport/core';
import { readConfigFile, readRuntime, readToken, rollbackConfig } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';
import { probeHealthz } from '../lib/shared/probe.js';
import { cliFor, serviceContext, waitHealthy } from '../lib/gateway/service-command.js';

export interface RescueResult {
  target: string;
  before: { running: boolean; healthy: boolean; pid?: number; configError?: string; service: string; serviceRunning: boolean };
  logs: Array<{ file: string; lines: string[] }>;
  rolledBack: boolean;
  restarted: boolean;
  after: { healthy: boolean; configError?: string };
}

async function tail(file: string, lines: number, secrets: readonly string[]): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').filter(Boolean).slice(-lines).map((l) => scrubText(l, secrets));
}

export default class Rescue extends BaseCommand<typeof Rescue> {
  static override description =
    'From the rescue profile, repair another one: show its status, last log lines and config problems, roll its config back to the last good one when it is broken, and restart it through its service.';
  static override examples = ['<%= config.bin %> --profile rescue rescue main', '<%= config.bin %> --profile rescue rescue main --rollback --json'];
  static override args = { target: Args.string({ description: 'Profile to repair', required: true }) };
  static override flags = {
    rollback: Flags.boolean({ description: 'Roll the config back even when it validates' }),
    restart: Flags.boolean({ description: 'Restart the target through its service (default: yes)', allowNo: true, default: true }),
    lines: Flags.integer({ char: 'n', description: 'Log lines to show per log', default: 15, min: 1, max: 10_000 }),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<RescueResult> {
    const self = this.resolvePaths();
    const target = parseProfileName(this.args.target, 'target profile');
    if (target === self.profile && !self.custom) throw new UsageError(`rescue acts on another profile, not on ${target} itself`, `run it from the rescue profile: clawport --profile rescue rescue ${target}`);
    // Only the home is inherited: the target's paths follow from its name, never from this shell.
    const paths = resolveInstancePaths({ profile: target }, { OPENCLAW_HOME: process.env.OPENCLAW_HOME }, homedir());
    const loaded = await readConfigFile(paths.configPath).catch((e: unknown) => {
      if (e instanceof ConfigError) return e;
      throw e;
    });
    if (!(loaded instanceof ConfigError) && !loaded.exists) throw new UsageError(`profile ${target} is not set up (no ${paths.configPath})`, 'nothing to rescue');
    const configError = loaded instanceof ConfigError ? loaded.toLine() : undefined;
    // With a broken config the port comes from the installed service, which is what will run.
    const instance: ResolvedInstance = resolveInstance(paths, loaded instanceof ConfigError ? undefined : loaded.config, {});
    const svc = serviceContext(instance, this.config.root);
    const { profileServiceState, restartProfileService, detectBackend } = await import('@clawport/gateway');
    const state = await profileServiceState(svc, detectBackend());
    const runtime = await readRuntime(paths.stateDir);
    const healthy = runtime ? (await probeHealthz({ host: '127.0.0.1', port: runtime.base })).ok : false;
    const secrets = [(await readToken(paths.stateDir)) ?? '', ...Object.values(parseEnvFile(await readFile(svc.spec.envFile, 'utf8').catch(() => '')))];
    const logs = [
      { file: svc.spec.logFile, lines: await tail(svc.spec.logFile, this.flags.lines, secrets) },
      { file: `${paths.stateDir}/${LOGS_DIR}/gateway.log`, lines: await tail(`${paths.stateDir}/${LOGS_DIR}/gateway.log`, this.flags.lines, secrets) },
    ].filter((l) => l.lines.length > 0);
    const before = { running: runtime !== undefined, healthy, pid: runtime?.pid, configError, service: state.service, serviceRunning: state.running };

    this.log(`${target}: ${healthy ? this.paint('green', 'healthy') : runtime ? this.paint('yellow', `running (pid ${runtime.pid}), not healthy`) : this.paint('red', 'not running')}; service ${state.service} ${state.installed ? (state.running ? 'running' : `stopped (${state.detail})`) : 'not installed'}`);
    if (configError) this.log(`${this.paint('red', 'config error')}: ${configError}`);
    for (const log of logs) {
      this.log(this.paint('dim', `==> ${log.file} (last ${log.lines.length}) <==`));
      for (const line of log.lines) this.log(line);
    }

    let rolledBack = false;
    if (configError || this.flags.rollback) {
      rolledBack = (await rollbackConfig(paths.configPath)).changed;
      this.log(
        rolledBack
          ? `rolled ${paths.configPath} back to the last good config (the replaced one is ${paths.configPath}.rolled-back)`
          : `${paths.configPath} already is the last good config; nothing was rolled back`,
      );
    }
    let after: RescueResult['after'] = { healthy };
    let restarted = false;
    if (this.flags.restart && (rolledBack || !healthy)) {
      if (!state.installed) {
        this.warning(`${target} has no service to restart it through; start it: ${cliFor(instance)} gateway install && ${cliFor(instance)} gateway start`);
      } else {
        const fixed = resolveInstance(paths, (await readConfigFile(paths.configPath)).config, {});
        const ctx = serviceContext(fixed, this.config.root);
        await restartProfileService(ctx);
        restarted = true;
        const health = await waitHealthy(fixed);
        after = { healthy: health.ok };
        this.log(health.ok ? `restarted ${state.service}: ${target} is healthy on 127.0.0.1:${fixed.port}` : `restarted ${state.service}, but ${target} is not healthy: ${cliFor(fixed)} gateway logs`);
      }
    }
    if (!after.healthy) process.exitCode = 1;
    return { target, before, logs, rolledBack, restarted, after };
  }
}
