export * from './scopes.js';
export * from './protected-keys.js';
