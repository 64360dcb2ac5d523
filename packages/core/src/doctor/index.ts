export * from './facts.js';
export * from './isolation.js';
export * from './files.js';
export * from './run.js';
export * from './shared-credentials.js';
export * from './watch.js';
export * from './shared-places.js';
export * from './gateway-config.js';
