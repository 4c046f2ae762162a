export * from './projection.js';
export * from './projection-runner.js';
export * from './slots.js';
export * from './builtin/event-statistics.projection.js';
export * from './tokens.js';
