import { mkdir } from 'node:fs/promises';
import { Flags } from '@oclif/core';
import { UsageError, defaultWorkspace, expandHome, type InstancePaths } from '@clawport/core';
import { readToken, tokenPath, updateConfig, writeFileAtomic } from '@clawport/core/node';
import { BaseCommand } from '../base-command.js';
import { backend, basePort } from '../flags.js';
import { baseProblem, portPlan, suggestBase, tokenProblem, workspaceProblem, type PortPlan } from '../lib/onboard/answers.js';
import { backendChoice, cliFor, configuredInstance, installServiceContext, waitHealthy } from '../lib/gateway/service-command.js';
import { setupInstance } from '../lib/setup/setup-instance.js';
import type { InstanceSummary } from '../lib/status/instance-status.js';

/** Every answer, from prompts or flags; validated before anything is written. */
interface Answers {
  workspace: string;
  port: number;
  token: { kind: 'keep' | 'generate' } | { kind: 'own'; value: string };
  installService: boolean;
}

export interface OnboardResult extends InstanceSummary {
  token: 'kept' | 'generated' | 'provided';
  service: { backend: string; service: string; started: boolean } | null;
}

export default class Onboard extends BaseCommand<typeof Onboard> {
  static override description =
    'Create a profile step by step: workspace, a base port whose whole footprint is free (warns and says why when one overlaps), auth token, and the gateway service. --non-interactive takes every answer from flags.';
  static override examples = [
    '<%= config.bin %> --profile rescue onboard',
    '<%= config.bin %> onboard --non-interactive --profile ops --port 20789 --install-service',
  ];
  static override flags = {
    'non-interactive': Flags.boolean({ description: 'Ask nothing: take every answer from flags (defaults otherwise)' }),
    workspace: Flags.string({ description: 'Workspace directory (default ~/.openclaw/workspace-P)' }),
    port: basePort('Base port (default: a suggested base whose whole footprint is free)'),
    token: Flags.string({ description: 'Use this gateway auth token (≥ 16 characters) instead of generating one' }),
    'new-token': Flags.boolean({ description: 'Generate a new token even if the profile has one', exclusive: ['token'] }),
    'install-service': Flags.boolean({ description: 'Install and start the gateway service', allowNo: true }),
    backend: backend('Service backend; default: detected'),
  };
  static override enableJsonFlag = true;

  public async run(): Promise<OnboardResult> {
    const paths = this.resolvePaths();
    const plan = await portPlan(paths);
    const hasToken = (await readToken(paths.stateDir)) !== undefined;
    const interactive = !this.flags['non-interactive'];
    if (interactive && !process.stdin.isTTY) {
      throw new UsageError('onboard asks questions but stdin is not a terminal', 'pass --non-interactive with --port, --workspace, --token, --install-service as needed');
    }
    let answers: Answers;
    try {
      answers = interactive ? await this.ask(paths, plan, hasToken) : this.fromFlags(paths, plan, hasToken);
    } catch (e) {
      // Ctrl-C in a prompt: nothing has been written yet, so say exactly that.
      if ((e as Error).name === 'ExitPromptError') throw new UsageError('onboarding cancelled; nothing was written');
      throw e;
    }
    return this.apply(paths, answers, hasToken);
  }

  private defaultWorkspaceFor(paths: InstancePaths, plan: PortPlan): string {
    const configured = plan.config.agents?.defaults?.workspace;
    return configured ? expandHome(configured, paths.home) : defaultWorkspace(paths.name, paths.home);
  }

  private fromFlags(paths: InstancePaths, plan: PortPlan, hasToken: boolean): Answers {
    const workspace = this.flags.workspace ?? this.defaultWorkspaceFor(paths, plan);
    const wsProblem = workspaceProblem(workspace);
    if (wsProblem) throw new UsageError(`--workspace: ${wsProblem}`);
    const configured = plan.config.gateway?.port;
    const port = String(this.flags.port ?? configured ?? suggestBase(plan, paths.profile));
    const problem = baseProblem(plan, port);
    if (problem) throw new UsageError(`--port ${port}: ${problem}`, `a free base: ${suggestBase(plan, paths.profile)}`);
    if (this.flags.token !== undefined) {
      const t = tokenProblem(this.flags.token);
      if (t) throw new UsageError(`--token: ${t}`);
    }
    return {
      workspace,
      port: Number(port),
      token: this.flags.token !== undefined ? { kind: 'own', value: this.flags.token } : { kind: hasToken && !this.flags['new-token'] ? 'keep' : 'generate' },
      installService: this.flags['install-service'] ?? false,
    };
  }

  private async ask(paths: InstancePaths, plan: PortPlan, hasToken: boolean): Promise<Answers> {
    const { input, select, password, confirm } = await import('@inquirer/prompts');
    this.log(`Onboarding ${paths.name}: config ${paths.configPath}, state dir ${paths.stateDir}`);
    const workspace = await input({
      message: 'Workspace directory',
      default: this.flags.workspace ?? this.defaultWorkspaceFor(paths, plan),
      validate: (v) => workspaceProblem(v) ?? true,
    });
    const suggested = plan.config.gateway?.port ?? suggestBase(plan, paths.profile);
    const others = plan.others.map((f) => `${f.instance} ${f.base}`).join(', ');
    const port = await input({
      message: `Base port (its footprint spans about 111 ports${others ? `; taken: ${others}` : ''})`,
      default: String(this.flags.port ?? suggested),
      validate: (v) => {
        const problem = baseProblem(plan, v.trim());
        return problem ? `${problem}. Try ${suggestBase(plan, paths.profile)}.` : true;
      },
    });
    const tokenChoice = await select<'keep' | 'generate' | 'own'>({
      message: 'Gateway auth token',
      choices: [
        ...(hasToken ? [{ name: 'Keep the existing token', value: 'keep' as const }] : []),
        { name: 'Generate a new token (recommended)', value: 'generate' as const },
        { name: 'Enter my own token', value: 'own' as const },
      ],
    });
    const token: Answers['token'] =
      tokenChoice === 'own'
        ? { kind: 'own', value: await password({ message: 'Token (≥ 16 characters)', mask: '*', validate: (v) => tokenProblem(v) ?? true }) }
        : { kind: tokenChoice };
    const choice = await backendChoice(this.flags.backend);
    const installService = await confirm({ message: `Install and start the gateway service? (${choice.backend}: ${choice.reason})`, default: true });
    return { workspace: workspace.trim(), port: Number(port.trim()), token, installService };
  }

  private async apply(paths: InstancePaths, a: Answers, hadToken: boolean): Promise<OnboardResult> {
    const setup = await setupInstance(paths, process.env, a.port, (w) => this.warning(w));
    const workspace = expandHome(a.workspace, paths.home);
    if (workspace !== setup.workspace) {
      await updateConfig(paths.configPath, (raw) => {
        const agents = (raw.agents ?? {}) as Record<string, unknown>;
        const defaults = (agents.defaults ?? {}) as Record<string, unknown>;
        return { ...raw, agents: { ...agents, defaults: { ...defaults, workspace } } };
      });
    }
    await mkdir(workspace, { recursive: true, mode: 0o700 });
    let token: OnboardResult['token'] = hadToken ? 'kept' : 'generated';
    if (a.token.kind === 'own' || (a.token.kind === 'generate' && hadToken)) {
      const { randomBytes } = await import('node:crypto');
      const value = a.token.kind === 'own' ? a.token.value : randomBytes(32).toString('base64url');
      await writeFileAtomic(tokenPath(paths.stateDir), `${value}\n`, 0o600);
      token = a.token.kind === 'own' ? 'provided' : 'generated';
    }
    this.log(`${paths.name}: ${setup.created ? 'created' : 'updated'} — base ${setup.base}, workspace ${workspace}, token ${token} (in ${tokenPath(paths.stateDir)}, never printed)`);
    let service: OnboardResult['service'] = null;
    if (a.installService) {
      const ctx = await this.loadInstance({ paths });
      const instance = configuredInstance(ctx);
      const choice = await backendChoice(this.flags.backend);
      const svc = await installServiceContext(instance, this.config.root);
      const { installProfileService, startProfileService } = await import('@clawport/gateway');
      const report = await installProfileService(svc, choice.backend);
      this.log(`installed ${report.service} (${choice.backend}: ${choice.reason})`);
      await startProfileService(svc);
      const health = await waitHealthy(instance);
      this.log(health.ok ? `started: healthy on 127.0.0.1:${instance.port}` : `started, but not healthy yet: see ${cliFor(instance)} gateway logs`);
      service = { backend: choice.backend, service: report.service, started: health.ok };
    } else {
      this.log(`next: ${cliFor(paths)} gateway install (service) or ${cliFor(paths)} gateway (foreground)`);
    }
    return { name: paths.name, profile: paths.profile, stateDir: paths.stateDir, configPath: paths.configPath, workspace, base: setup.base, token, service };
  }
}
