import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgDatabase, PgliteDatabase, type SqlDatabase } from '#libs/database';
import { openEmbeddedEventStore, openPostgresEventStore, type SqlEventStore } from '#libs/event-store';
import type { BackendName } from './options.js';

/** One backend opened as the product opens it, plus how to throw it away afterwards. */
export interface OpenBackend {
  readonly name: BackendName;
  readonly store: SqlEventStore;
  readonly db: SqlDatabase;
  /** Where the data lives, for the report. */
  readonly where: string;
  dispose(): Promise<void>;
}

/**
 * The embedded store as users run it: PGlite on disk, events and read models in one database.
 * The folder is a fresh temporary one, removed afterwards.
 */
export async function openEmbedded(): Promise<OpenBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'learning-loop-bench-'));
  try {
    const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
    const store = await openEmbeddedEventStore({ database: db });
    return {
      name: 'embedded',
      store,
      db,
      where: dir,
      dispose: async () => {
        await db.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** PostgreSQL in a fresh schema (as the tests make them), dropped afterwards. */
export async function openPostgres(connectionString: string): Promise<OpenBackend> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const drop = async () => {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await admin.end();
    }
  };
  let db: PgDatabase | undefined;
  try {
    db = await PgDatabase.connect({ connectionString, schema, applicationName: 'learning-loop-bench' });
    const store = await openPostgresEventStore({ database: db });
    const opened = db;
    return {
      name: 'postgres',
      store,
      db: opened,
      where: `schema ${schema}`,
      dispose: async () => {
        await opened.close().catch(() => undefined);
        await drop();
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await drop().catch(() => undefined);
    throw error;
  }
}

export interface ServerInfo {
  readonly version: string;
  readonly settings: string;
}

/** Whether the server answers, and the settings that decide append speed; an error if not. */
export async function probePostgres(connectionString: string): Promise<ServerInfo> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_wal_size')
        ORDER BY name`,
    );
    return { version, settings: rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ') };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
