import { ConfigError, gatewayConfigRefusal, type OpenClawConfig } from '@clawport/core';
import { ensureToken } from '@clawport/core/node';

/**
 * Decides bind address and token before anything is touched. What core's gatewayConfigRefusal
 * refuses (a bind beyond loopback without auth, upstream-only modes) is a config error (exit 78,
 * which service managers treat as "do not restart"); `config validate` and `doctor` judge by the same rule.
 */
export function checkAuthPolicy(config: OpenClawConfig, bindFlag?: 'loopback' | 'lan'): { bind: 'loopback' | 'lan'; host: string; authRequired: boolean } {
  const refusal = gatewayConfigRefusal(config, { builtin: true, ...(bindFlag !== undefined && { bind: bindFlag }) });
  if (refusal) {
    // A bind problem can also be solved for this run with the flag.
    const fix = refusal.keyPath === 'gateway.bind' || config.gateway?.auth?.mode === 'none' ? `${refusal.fix}, or pass --bind loopback` : refusal.fix;
    throw new ConfigError(refusal.message, fix, { keyPath: refusal.keyPath });
  }
  const bind = (bindFlag ?? config.gateway?.bind ?? 'loopback') as 'loopback' | 'lan';
  const authRequired = config.gateway?.auth?.mode !== 'none';
  return { bind, host: bind === 'lan' ? '0.0.0.0' : '127.0.0.1', authRequired };
}
/** `--token` > gateway.auth.token > the token file (created 0600 on first use). */
export async function resolveToken(stateDir: string, config: OpenClawConfig, flag?: string): Promise<string> {
  if (flag !== undefined && flag.trim() !== '') return flag.trim();
  const fromConfig = config.gateway?.auth?.token;
  if (fromConfig) return fromConfig;
  return ensureToken(stateDir);
}
