// @clawport/gateway: the gateway process (lock, WebSocket control plane, HTTP health, plugin host, canvas host).
export type { GatewayOptions, RunningGateway } from './options.js';
export { DEFAULT_MAX_PAYLOAD, DEFAULT_HANDSHAKE_TIMEOUT_MS, TICK_INTERVAL_MS } from './options.js';
export { startGateway } from './start.js';
export { ALLOW_SHARED_CREDENTIALS_ENV } from './startup/preflight.js';
export { runGatewayForeground } from './foreground.js';
export { canvasPlugin, canvasRoot } from './canvas/plugin.js';
export { GatewayLogger, type LoggerOptions } from './log/logger.js';
export { mergePatch } from './methods/config.js';
export * from './protocol/types.js';
export * from './supervisor/index.js';
export { runOpenclawForeground, type OpenclawRunOptions } from './engines/openclaw-run.js';
export { Watcher } from './watch/watcher.js';
