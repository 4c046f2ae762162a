export * from './sql-database.js';
export * from './pg-database.js';
export * from './pglite-database.js';
export * from './sql-key-store.js';
