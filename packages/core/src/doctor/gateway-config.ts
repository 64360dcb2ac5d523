import { gatewayConfigRefusal } from '../config/bind-auth.js';
import type { OpenClawConfig } from '../config/schema.js';
import type { EngineId } from '../engines/settings.js';
import type { DoctorFinding } from './facts.js';

/** An instance's usable config and the engine that runs it (no engine: the built-in one). */
export interface GatewayConfigFact {
  instance: string;
  configPath: string;
  config: OpenClawConfig;
  engine?: EngineId;
}

/**
 * A config its gateway refuses to start on (core gatewayConfigRefusal, the rule `gateway`, `config
 * set` and `config validate` use): an error naming the key, so doctor never says "ok" about an
 * instance that cannot start.
 */
export function checkGatewayConfigs(facts: readonly GatewayConfigFact[]): DoctorFinding[] {
  return facts.flatMap((f): DoctorFinding[] => {
    const refusal = gatewayConfigRefusal(f.config, { builtin: f.engine !== 'openclaw' });
    if (!refusal) return [];
    return [
      {
        severity: 'error',
        check: 'gateway.config',
        instance: f.instance,
        message: `${f.instance}: ${refusal.message}; its gateway refuses to start`,
        fix: refusal.fix,
        file: f.configPath,
        keyPath: refusal.keyPath,
      },
    ];
  });
}
