import type { ManagedBackend, ServiceOperation } from '../../services/plans.js';
import { operationPlan } from '../../services/plans.js';
import type { ServiceSpec } from '../../services/spec.js';
import { parseServiceState, type ServiceState } from '../../services/status.js';
import { runChecked } from './install.js';
import type { CommandRunner } from './runner.js';

/** start / stop / restart / logs through a service manager; returns what the last command printed. */
export async function operateService(
  backend: ManagedBackend,
  op: Exclude<ServiceOperation, 'install' | 'uninstall' | 'status'>,
  spec: ServiceSpec,
  runner: CommandRunner,
  ctx: { uid?: number; lines?: number } = {},
): Promise<string> {
  let out = '';
  for (const command of operationPlan(backend, op, spec, ctx).commands) out = await runChecked(runner, command);
  return out;
}

/** The manager's view of the service; a manager that cannot be reached reads as "not installed". */
export async function managedServiceState(backend: ManagedBackend, spec: ServiceSpec, runner: CommandRunner, uid?: number): Promise<ServiceState> {
  const [command] = operationPlan(backend, 'status', spec, { uid }).commands;
  const r = await runner.run(command);
  const state = parseServiceState(backend, r.stdout);
  return r.code === 0 ? state : { ...state, detail: `${state.detail}; ${(r.stderr || r.stdout).trim().split('\n')[0] || `exit ${r.code}`}` };
}
