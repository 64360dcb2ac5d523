import { joinServiceStatus, type BackendChoice, type Finding } from '@clawport/core';
import { clientToken, auditInstalledServices, listListeners, listenerPid, readConfigFile, readRuntime } from '@clawport/core/node';
import { BaseCommand } from '../../base-command.js';
import { backend } from '../../flags.js';
import { probeGatewayHealth } from '../../lib/shared/gateway-health.js';
import type { HealthProbe } from '../../lib/shared/probe.js';
import { backendChoice, gatewayCommand, instanceDespiteConfig, serviceContext } from '../../lib/gateway/service-command.js';
import { formatDuration } from '../../lib/shared/style.js';
import type { ProfileServiceState } from '@clawport/gateway';

/** What `gateway status --json` prints. */
export interface GatewayServiceStatus extends Omit<ProfileServiceState, 'backend'> {
  profile: string;
  port: number;
  configPath: string;
  stateDir: string;
  backend: string;
  /** Why this backend: detection's reason, or that the service was installed with it. */
  reason: string;
  runtime: { pid: number; base: number; uptimeMs: number } | null;
  health: HealthProbe | null;
  listener: { port: number; pid?: number } | null;
  mismatches: Finding[];
}

export default class GatewayStatus extends BaseCommand<typeof GatewayStatus> {
  static override description =
    'Status of the profile\'s gateway service, joined with the runtime file + WebSocket probe and the listener on the base port; names every mismatch and the command that fixes it.';
  static override examples = ['<%= config.bin %> --profile main gateway status', '<%= config.bin %> --profile rescue gateway status --json'];
  static override flags = {
    backend: backend('Backend to report when none is installed (default: detected)'),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<GatewayServiceStatus> {
    const detected: BackendChoice = await backendChoice(this.flags.backend);
    // Works with a broken config too: the service is found by profile and state dir, and the config's
    // error becomes the first mismatch. The service is judged against the configured port; the runtime
    // file says where the gateway really runs.
    const { instance, configError } = await instanceDespiteConfig(this.resolvePaths());
    const service = serviceContext(instance, this.config.root);
    const { profileServiceState } = await import('@clawport/gateway');
    const state = await profileServiceState(service, detected);
    const audit = configError ? [] : (await auditInstalledServices(instance, gatewayCommand(this.config.root))).flatMap((a) => a.findings);
    const runtime = await readRuntime(instance.stateDir);
    const token = await clientToken(instance.stateDir, configError ? undefined : (await readConfigFile(instance.configPath)).config);
    const health = runtime ? await probeGatewayHealth({ host: '127.0.0.1', port: runtime.base, token, engine: runtime.engine, stateDir: instance.stateDir, expectRunning: true }) : null;
    const l = ((await listListeners()) ?? []).find((x) => x.port === instance.port);
    const listener = l ? { port: l.port, pid: await listenerPid(l.port, l.inode) } : null;
    const configFinding: Finding[] = configError
      ? [{ severity: 'error', check: 'status.config', instance: instance.name, message: configError.message, fix: configError.suggestion ?? `clawport --profile ${instance.profile} config validate`, file: instance.configPath }]
      : [];
    const mismatches = joinServiceStatus({
      instance,
      service: { name: state.service, backend: state.backend, installed: state.installed, running: state.running, pid: state.pid },
      runtime: runtime ? { pid: runtime.pid, base: runtime.base, configPath: runtime.configPath } : undefined,
      healthy: health ? health.ok : undefined,
      listener: listener ?? undefined,
      audit: [...configFinding, ...audit],
    });
    const result: GatewayServiceStatus = {
      profile: instance.name,
      port: instance.port,
      configPath: instance.configPath,
      stateDir: instance.stateDir,
      backend: state.backend,
      reason: state.installed ? `installed with ${state.backend}` : detected.reason,
      service: state.service,
      installed: state.installed,
      enabled: state.enabled,
      running: state.running,
      ...(state.pid !== undefined ? { pid: state.pid } : {}),
      ...(state.restarts !== undefined ? { restarts: state.restarts } : {}),
      ...(state.lastExit ? { lastExit: state.lastExit } : {}),
      detail: state.detail,
      runtime: runtime ? { pid: runtime.pid, base: runtime.base, uptimeMs: Date.now() - runtime.startedAt } : null,
      health,
      listener,
      mismatches,
    };
    this.print(result);
    return result;
  }

  private print(s: GatewayServiceStatus): void {
    const exit = s.lastExit ? (s.lastExit.signal ? `signal ${s.lastExit.signal}` : `code ${s.lastExit.code}`) : '-';
    this.table(
      [{ header: 'item' }, { header: 'value' }],
      [
        ['service', `${s.service} (${s.backend}: ${s.reason})`],
        ['installed', s.installed ? (s.enabled ? 'yes, enabled' : 'yes, disabled') : 'no'],
        ['running', s.running ? this.paint('green', `yes, pid ${s.pid ?? '?'}`) : `no (${s.detail})`],
        ['restarts', s.restarts === undefined ? '-' : String(s.restarts)],
        ['last exit', exit],
        ['gateway', s.runtime ? `pid ${s.runtime.pid} on port ${s.runtime.base}, up ${formatDuration(s.runtime.uptimeMs)}` : 'not running'],
        ['health', s.health ? (s.health.ok ? this.paint('green', s.health.status) : this.paint('red', s.health.status)) : '-'],
        ['port', `${s.port}: ${s.listener ? `listening${s.listener.pid ? ` (pid ${s.listener.pid})` : ''}` : 'free'}`],
      ],
    );
    for (const m of s.mismatches) {
      const label = m.severity === 'error' ? this.paint('red', 'error') : m.severity === 'warning' ? this.paint('yellow', 'warn ') : 'info ';
      this.log(`${label}  ${m.message}${m.fix ? `\n       fix: ${m.fix}` : ''}`);
    }
  }
}
