export * from './settings.js';
export * from './openclaw.js';
export * from './probe-state.js';
