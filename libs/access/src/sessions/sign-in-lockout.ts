import type { SqlDatabase } from '#libs/database';
import { sha256 } from '../identity/credential-store.js';

export interface LockoutSettings {
  /** Consecutive failures that lock an email out. */
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutSettings = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

/**
 * Counts failed sign-ins per email (known or not, so the answer never tells which emails have
 * accounts) and locks that email out for a while after too many in a row. Emails are kept only
 * as hashes. A success clears the count.
 */
export class SignInLockout {
  constructor(
    private readonly db: SqlDatabase,
    private readonly settings: LockoutSettings = DEFAULT_LOCKOUT,
  ) {}

  async lockedUntil(email: string): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ locked_until: string | Date | null }>(
      'SELECT locked_until FROM sign_in_failures WHERE email_key = $1 AND locked_until > now()',
      [sha256(email)],
    );
    return rows[0]?.locked_until ? new Date(rows[0].locked_until) : undefined;
  }

  /** Records a failure; returns the time the email is locked until when this one locked it. */
  async recordFailure(email: string): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ failures: number }>(
      `INSERT INTO sign_in_failures (email_key, failures, last_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (email_key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_failure_at = now()
       RETURNING failures`,
      [sha256(email)],
    );
    if (rows[0].failures < this.settings.maxFailures) return undefined;
    const until = new Date(Date.now() + this.settings.lockMs);
    await this.db.query('UPDATE sign_in_failures SET failures = 0, locked_until = $2 WHERE email_key = $1', [sha256(email), until.toISOString()]);
    return until;
  }

  async clear(email: string): Promise<void> {
    await this.db.query('DELETE FROM sign_in_failures WHERE email_key = $1', [sha256(email)]);
  }
}
