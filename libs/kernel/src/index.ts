export * from './decider.js';
export * from './errors.js';
export * from './events.js';
export * from './ids.js';
export * from './position.js';
export * from './streams.js';
export * from './upcasting.js';
export * from './personal-data.js';
