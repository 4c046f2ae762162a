export * from './event-store.port.js';
export * from './errors.js';
export * from './polling-subscription.js';
export * from './sql/sql-event-store.js';
export * from './sql/schema.sql.js';
export * from './adapters.js';
