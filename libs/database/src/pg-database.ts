import pg from 'pg';
import type { SqlDatabase, SqlExecutor, SqlRows } from './sql-database.js';

export interface PgDatabaseOptions {
  readonly connectionString: string;
  /** Schema to create (if missing) and put first on the search path: isolates tests. */
  readonly schema?: string;
  readonly maxConnections?: number;
  readonly applicationName?: string;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export class PgDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private listener?: pg.Client;
  private readonly listeners = new Map<string, Set<() => void>>();

  private constructor(private readonly options: PgDatabaseOptions) {
    const searchPath = options.schema ? `-c search_path=${options.schema},public` : undefined;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'learning-loop',
      options: searchPath,
    });
    // An idle client that loses its connection must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  static async connect(options: PgDatabaseOptions): Promise<PgDatabase> {
    if (options.schema !== undefined && !SCHEMA_PATTERN.test(options.schema)) {
      throw new Error('The schema name must be lower-case letters, digits and underscores.');
    }
    if (options.schema) {
      const admin = new pg.Client({ connectionString: options.connectionString });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      } finally {
        await admin.end();
      }
    }
    const db = new PgDatabase(options);
    await db.query('SELECT 1');
    return db;
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<SqlRows<R>> {
    const result = await this.pool.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params?: readonly unknown[]) => {
          const result = await client.query(sql, params as unknown[] | undefined);
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        },
      };
      const value = await work(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    if (!this.listener) {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
        application_name: `${this.options.applicationName ?? 'learning-loop'}:listen`,
      });
      client.on('notification', (message) => this.listeners.get(message.channel)?.forEach((fn) => fn()));
      client.on('error', () => undefined);
      await client.connect();
      this.listener = client;
    }
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.listener.query(`LISTEN ${quoteIdent(channel)}`);
    }
    set.add(onNotify);
    return async () => {
      set.delete(onNotify);
    };
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
