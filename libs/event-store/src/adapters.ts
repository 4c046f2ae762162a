import { UpcasterRegistry } from '#libs/kernel';
import { PgDatabase, PgliteDatabase, type SqlDatabase } from '#libs/database';
import { SqlEventStore } from './sql/sql-event-store.js';

/** The embedded default: PGlite in this process, persisted under `dataDir` (memory if omitted). */
export async function openEmbeddedEventStore(options: {
  dataDir?: string;
  upcasters?: UpcasterRegistry;
  database?: SqlDatabase;
}): Promise<SqlEventStore> {
  const db = options.database ?? (await PgliteDatabase.open({ dataDir: options.dataDir }));
  // In one process a notification arrives at once; the poll is only a safety net.
  const store = new SqlEventStore('embedded', db, { upcasters: options.upcasters, pollIntervalMs: 250 });
  await store.migrate();
  return store;
}

/** PostgreSQL through a `pg` pool. */
export async function openPostgresEventStore(options: {
  connectionString?: string;
  schema?: string;
  upcasters?: UpcasterRegistry;
  database?: SqlDatabase;
}): Promise<SqlEventStore> {
  const db =
    options.database ??
    (await PgDatabase.connect({ connectionString: required(options.connectionString), schema: options.schema }));
  const store = new SqlEventStore('postgres', db, { upcasters: options.upcasters, pollIntervalMs: 500 });
  await store.migrate();
  return store;
}

function required(connectionString: string | undefined): string {
  if (!connectionString) throw new Error('DATABASE_URL is required for the postgres event store.');
  return connectionString;
}
