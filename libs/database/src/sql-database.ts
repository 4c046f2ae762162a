/**
 * The small SQL surface the event store and the projections need, with two adapters: `pg`
 * against a PostgreSQL server and PGlite embedded in the process. Both speak PostgreSQL, so the
 * SQL above this layer is the same; this layer evens out their differences (int8 comes back as
 * a string from both, transactions, notifications).
 */
export interface SqlRows<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlRows<R>>;
}

export type SqlDatabaseKind = 'pglite' | 'postgres';

export interface SqlDatabase extends SqlExecutor {
  readonly kind: SqlDatabaseKind;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (DDL), outside any caller's transaction. */
  exec(script: string): Promise<void>;
  /** Calls `onNotify` for every NOTIFY on `channel` until the returned function is called. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** int8 and numeric arrive as strings (exact); this is the one place they become bigints. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' || typeof value === 'number') return BigInt(value);
  throw new TypeError(`Expected an integer from the database, got ${typeof value}`);
}

export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError('Expected a safe integer from the database');
  return n;
}

/** PostgreSQL SQLSTATE of a driver error, when it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function constraintName(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  if (typeof constraint === 'string') return constraint;
  // PGlite puts the constraint in the message only.
  const message = (error as { message?: unknown } | null)?.message;
  const match = typeof message === 'string' ? /constraint "([^"]+)"/.exec(message) : null;
  return match?.[1];
}

export const UNIQUE_VIOLATION = '23505';
