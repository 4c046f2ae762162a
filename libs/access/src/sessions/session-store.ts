import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '#libs/database';
import { sha256 } from '../identity/credential-store.js';

export const SESSIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS user_sessions (
  token_hash    text PRIMARY KEY,
  user_id       uuid NOT NULL,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX IF NOT EXISTS user_sessions_user ON user_sessions (user_id);
CREATE TABLE IF NOT EXISTS sign_in_failures (
  email_key        text PRIMARY KEY,
  failures         integer NOT NULL,
  last_failure_at  timestamptz NOT NULL,
  locked_until     timestamptz
);
`;

export interface SessionSettings {
  /** A session unused for this long ends. */
  readonly idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  readonly maxMs: number;
}

export interface IssuedSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/**
 * Server-side sessions: the browser holds a random token in an HTTP-only cookie; the database
 * holds only its hash, with a CSRF token the page must echo on every state-changing request.
 * Sessions end when idle, at their maximum age, at sign-out, or when the password changes or
 * the user is deactivated.
 */
export class SessionStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly settings: SessionSettings,
  ) {}

  async migrate(): Promise<void> {
    await this.db.exec(SESSIONS_SCHEMA);
  }

  async issue(userId: string): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.settings.maxMs);
    await this.db.query('INSERT INTO user_sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      userId,
      csrfToken,
      expiresAt.toISOString(),
    ]);
    return { token, csrfToken, expiresAt };
  }

  /** The live session for a token, touched so that its idle time starts again. */
  async resume(token: string): Promise<{ userId: string; csrfToken: string } | undefined> {
    const idleSeconds = Math.floor(this.settings.idleMs / 1000);
    const { rows } = await this.db.query<{ user_id: string; csrf_token: string }>(
      `UPDATE user_sessions SET last_seen_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(secs => $2)
        RETURNING user_id, csrf_token`,
      [sha256(token), idleSeconds],
    );
    return rows[0] ? { userId: rows[0].user_id, csrfToken: rows[0].csrf_token } : undefined;
  }

  async revoke(token: string): Promise<void> {
    await this.db.query('UPDATE user_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [sha256(token)]);
  }

  /** Ends every session of a user, except optionally the one in use. */
  async revokeAllOf(userId: string, except?: string): Promise<void> {
    await this.db.query('UPDATE user_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2', [
      userId,
      except ? sha256(except) : '',
    ]);
  }
}
