import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDatabase, SqlExecutor, SqlRows } from './sql-database.js';

const INT8_OID = 20;

export interface PgliteDatabaseOptions {
  /** Folder for the database files; omitted means in memory (tests). */
  readonly dataDir?: string;
}

/**
 * PostgreSQL compiled to WebAssembly, running inside this process: the embedded default, so a
 * first run needs no server. One process owns a data folder at a time. Queries are serialised
 * by PGlite itself; a transaction holds the connection until it ends.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const db = new PGlite({
      dataDir: options.dataDir,
      // Keep int8 exact, as pg does: positions can pass 2^53.
      parsers: { [INT8_OID]: (value: string) => value },
    });
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<SqlRows<R>> {
    const result = await this.db.query<R>(sql, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (transaction) => {
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params?: readonly unknown[]) => {
          const result = await transaction.query<R>(sql, params as unknown[] | undefined);
          return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
        },
      };
      return work(tx);
    });
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, () => onNotify());
    return async () => {
      await unlisten();
    };
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
