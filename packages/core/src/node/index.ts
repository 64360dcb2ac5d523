// @clawport/core/node: the IO adapters (fs, net, /proc). Everything else in core is pure.
export * from './fs-safe.js';
export * from './state-entries.js';
export * from './host-addresses.js';
export * from './process-liveness.js';
export * from './file-lock.js';
export * from './config-store.js';
export * from './config-guard.js';
export * from './token.js';
export * from './runtime-file.js';
export * from './port-probe.js';
export * from './registry.js';
export * from './discovery.js';
export * from './plugin-loader.js';
export * from './services/index.js';
export * from './engine.js';
export * from './incidents.js';
export * from './host/index.js';
