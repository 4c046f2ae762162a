import type { SqlDatabase, SqlExecutor, SqlRows } from '#libs/database';

/** A transaction paused after its work and before its COMMIT. */
export interface HeldCommit {
  /**
   * Resolves once the transaction has done its work (its rows are written, not committed), with
   * the transaction itself, so the test can look at what it wrote from inside.
   */
  readonly reached: Promise<SqlExecutor>;
  /** Lets the transaction commit. */
  release(): void;
}

/**
 * A real SqlDatabase whose next transactions can be paused just before they commit, so a test
 * can hold an append of the real store open (row written, transaction id and position taken)
 * while other writers commit. Everything else goes straight to the database it wraps; closing
 * it closes that database.
 */
interface Hold {
  reached(tx: SqlExecutor): void;
  failed(error: unknown): void;
  readonly released: Promise<void>;
}

export class GatedDatabase implements SqlDatabase {
  private readonly holds: Hold[] = [];

  constructor(private readonly inner: SqlDatabase) {}

  get kind(): SqlDatabase['kind'] {
    return this.inner.kind;
  }

  /** The next transaction to start pauses before its commit until `release()`. */
  holdNextCommit(): HeldCommit {
    let reached!: (tx: SqlExecutor) => void;
    let failed!: (error: unknown) => void;
    let release!: () => void;
    const reachedPromise = new Promise<SqlExecutor>((resolve, reject) => {
      reached = resolve;
      failed = reject;
    });
    // Marked as handled: a failure reaches whoever awaits `reached`, and nobody else.
    reachedPromise.catch(() => undefined);
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ reached, failed, released });
    return { reached: reachedPromise, release };
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlRows<R>> {
    return this.inner.query<R>(sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const hold = this.holds.shift();
    if (!hold) return this.inner.transaction(work);
    const running = this.inner.transaction(async (tx) => {
      let value: T;
      try {
        value = await work(tx);
      } catch (error) {
        // The work failed before the pause: whoever waits for it must not wait forever.
        hold.failed(error);
        throw error;
      }
      hold.reached(tx);
      await hold.released;
      return value;
    });
    running.catch((error: unknown) => hold.failed(error));
    return running;
  }

  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }

  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.inner.listen(channel, onNotify);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
