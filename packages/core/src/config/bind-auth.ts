import { BUILTIN_GATEWAY_AUTH_MODES, BUILTIN_GATEWAY_BINDS, type OpenClawConfig } from './schema.js';

/**
 * THE rule for what listens beyond loopback: a gateway bound to anything but loopback must require
 * auth. True when `config` (with an optional --bind override) would serve the control plane and the
 * canvas to the network without a token. The gateway refuses to start on it and every config edit
 * (config set/unset, config.patch), `config validate` and `doctor` refuse or report it
 * (through gatewayConfigRefusal).
 */
export function exposedWithoutAuth(config: OpenClawConfig, bindOverride?: string): boolean {
  const bind = bindOverride ?? config.gateway?.bind ?? 'loopback';
  return bind !== 'loopback' && config.gateway?.auth?.mode === 'none';
}

/** Why a gateway would refuse to start on a config: the key to change, the reason and the fix (config keys only). */
export interface GatewayConfigRefusal {
  keyPath: 'gateway.bind' | 'gateway.auth.mode';
  message: string;
  fix: string;
}

/**
 * What a gateway refuses at start as a config error (exit 78), for everything that judges a config
 * ahead of it (the gateway itself, config edits, `config validate`, `doctor`): nothing beyond loopback
 * without auth (any engine), and, for a profile on the built-in engine (`builtin`), none of the bind or
 * auth modes only upstream OpenClaw serves (the schema accepts them so upstream's configs load; on the
 * openclaw engine they are upstream's to judge). `bind` is a --bind flag overriding gateway.bind.
 */
export function gatewayConfigRefusal(config: OpenClawConfig, opts: { builtin: boolean; bind?: string }): GatewayConfigRefusal | undefined {
  const bind = opts.bind ?? config.gateway?.bind ?? 'loopback';
  if (opts.builtin && !BUILTIN_GATEWAY_BINDS.includes(bind)) {
    return {
      keyPath: 'gateway.bind',
      message: `gateway.bind "${bind}" is upstream OpenClaw's; the built-in gateway binds loopback or lan`,
      fix: 'set gateway.bind to "loopback" or "lan"',
    };
  }
  const mode = config.gateway?.auth?.mode;
  if (opts.builtin && mode !== undefined && !BUILTIN_GATEWAY_AUTH_MODES.includes(mode)) {
    return {
      keyPath: 'gateway.auth.mode',
      message: `gateway.auth.mode "${mode}" is upstream OpenClaw's; the built-in gateway authenticates with a token`,
      fix: 'set gateway.auth.mode to "token"',
    };
  }
  if (exposedWithoutAuth(config, opts.bind)) {
    return {
      keyPath: 'gateway.auth.mode',
      message: `${opts.bind !== undefined ? `--bind ${bind}` : `gateway.bind "${bind}"`} with gateway.auth.mode "none" would serve this gateway beyond loopback without auth`,
      fix: 'set gateway.auth.mode to "token", or set gateway.bind to "loopback"',
    };
  }
  return undefined;
}
