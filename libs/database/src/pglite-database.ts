import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

  private constructor(
    private readonly db: PGlite,
    private readonly lockFile?: string,
  ) {}

  static async open(options: PgliteDatabaseOptions = {}): Promise<PgliteDatabase> {
    let lockFile: string | undefined;
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      lockFile = acquireLock(options.dataDir);
    }
    try {
      const db = new PGlite({
        dataDir: options.dataDir,
        // Keep int8 exact, as pg does: positions can pass 2^53.
        parsers: { [INT8_OID]: (value: string) => value },
      });
      await db.waitReady;
      return new PgliteDatabase(db, lockFile);
    } catch (error) {
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
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
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

/** The data folder is in use by another live process. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`The data folder ${dataDir} is in use by process ${pid}. Stop it first (one process at a time can open the embedded database).`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * Two processes writing one PGlite folder would corrupt it, so the first one takes a lock file
 * with its process id. A lock left by a process that no longer runs (killed) is taken over.
 */
function acquireLock(dataDir: string): string {
  const lockFile = join(dataDir, 'learning-loop.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) throw new DataDirInUseError(dataDir, pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
