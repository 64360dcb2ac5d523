import type { OpenClawConfig } from './schema.js';

/**
 * THE rule for what listens beyond loopback: a gateway bound to anything but loopback must require
 * auth. True when `config` (with an optional --bind override) would serve the control plane and the
 * canvas to the network without a token. The gateway refuses to start on it and every config edit
 * (config set/unset, config.patch) refuses to write it.
 */
export function exposedWithoutAuth(config: OpenClawConfig, bindOverride?: string): boolean {
  const bind = bindOverride ?? config.gateway?.bind ?? 'loopback';
  return bind !== 'loopback' && config.gateway?.auth?.mode === 'none';
}
