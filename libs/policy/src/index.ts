export * from './principal.js';
export * from './policy.js';
export * from './policy.guard.js';
export * from './request-principal.js';
export * from './scope-lookup.js';
