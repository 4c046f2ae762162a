export * from './sql-database.js';
export * from './pg-database.js';
export * from './pglite-database.js';
