export * from './event-store.contract.js';
export * from './events.fixtures.js';
