// @clawport/core: the pure model. No fs, net or child_process here; IO lives in ./node.
export * from './errors.js';
export * from './profile-name.js';
export * from './argv.js';
export * from './instance.js';
export * from './runtime.js';
export * from './config/schema.js';
export * from './config/parse.js';
export * from './config/json-schema.js';
export * from './ports/port-value.js';
export * from './ports/footprint.js';
export * from './ports/overlap.js';
export * from './ports/allocate.js';
export * from './plugins/contract.js';
export * from './plugins/builtin.js';
export * from './plugins/define.js';
export * from './config/key-path.js';
export * from './services/index.js';
