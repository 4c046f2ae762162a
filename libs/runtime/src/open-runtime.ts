import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyedVault, type PersonalDataVault, setOrganisationTimeZone, UpcasterRegistry } from '#libs/kernel';
import { PgDatabase, PgliteDatabase, SqlKeyStore, type SqlDatabase } from '#libs/database';
import { type EventStore, openEmbeddedEventStore, openEventStoreDbEventStore, openPostgresEventStore } from '#libs/event-store';
import { type Projection, ProjectionRunner, type ProjectionRunnerOptions } from '#libs/projections';
import { type AppConfig, IN_MEMORY } from './config.js';
import { productProjections, productUpcasters } from './product.js';

/** The opened infrastructure of one process: event store, read-model database, projections. */
export interface Runtime {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly readModels: SqlDatabase;
  readonly projections: ProjectionRunner;
  readonly upcasters: UpcasterRegistry;
  /** Seals and opens personal data; keys live in the read-model database. */
  readonly vault: PersonalDataVault;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly projections?: readonly Projection[];
  readonly upcasters?: UpcasterRegistry;
  readonly runner?: ProjectionRunnerOptions;
}

/**
 * Opens what the configuration names. The embedded store keeps events and read models in one
 * PGlite database under DATA_DIR; PostgreSQL keeps both in DATABASE_URL; with EventStoreDB the
 * read models go to DATABASE_URL when set, else to the embedded database.
 */
export async function openRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  setOrganisationTimeZone(config.timeZone);
  const upcasters = options.upcasters ?? productUpcasters();
  const closers: Array<() => Promise<void>> = [];
  try {
    let store: EventStore;
    let readModels: SqlDatabase;
    if (config.eventStore === 'embedded') {
      readModels = await openEmbedded(config);
      store = await openEmbeddedEventStore({ database: readModels, upcasters });
    } else if (config.eventStore === 'postgres') {
      readModels = await PgDatabase.connect({ connectionString: config.databaseUrl! });
      store = await openPostgresEventStore({ database: readModels, upcasters });
    } else {
      readModels = config.databaseUrl ? await PgDatabase.connect({ connectionString: config.databaseUrl }) : await openEmbedded(config);
      closers.push(() => readModels.close());
      store = await openEventStoreDbEventStore({ connectionString: config.eventStoreConnectionString!, upcasters });
    }
    closers.push(() => store.close());
    const keys = new SqlKeyStore(readModels, masterKey(config));
    await keys.migrate();
    const vault = new KeyedVault(keys);
    const projections = new ProjectionRunner(store, readModels, options.projections ?? productProjections(), {
      log: (message) => console.log(`[projections] ${message}`),
      ...options.runner,
    });
    return {
      config,
      store,
      readModels,
      projections,
      vault,
      upcasters,
      async close() {
        await projections.stop();
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

/** The configured master key, or one made once and kept (owner-only) in DATA_DIR. */
function masterKey(config: AppConfig): Buffer {
  if (config.personalDataMasterKey) return config.personalDataMasterKey;
  if (config.dataDir === IN_MEMORY) return randomBytes(32);
  const file = join(config.dataDir, 'personal-data-master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

async function openEmbedded(config: AppConfig): Promise<SqlDatabase> {
  if (config.dataDir === IN_MEMORY) return PgliteDatabase.open();
  try {
    return await PgliteDatabase.open({ dataDir: join(config.dataDir, 'pglite') });
  } catch (error) {
    throw new Error(
      `Could not open the embedded database in ${config.dataDir} (${(error as Error).message}). ` +
        'Is another Learning Loop process using this DATA_DIR?',
      { cause: error },
    );
  }
}
