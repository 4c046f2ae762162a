import { createHash, randomBytes } from 'node:crypto';
import type { SqlDatabase } from '#libs/database';

export const CREDENTIALS_SCHEMA = `
CREATE TABLE IF NOT EXISTS user_credentials (
  user_id        uuid PRIMARY KEY,
  password_hash  text NOT NULL,
  changed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS user_invitations (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
`;

/**
 * Password hashes (argon2id) and one-time invitation tokens. These are secrets, not facts, so
 * they are kept beside the read models rather than in the event store: the events record only
 * that a password was set. Tokens are stored as SHA-256 hashes; the plain token exists only in
 * the invitation handed to the user.
 */
export class CredentialStore {
  constructor(private readonly db: SqlDatabase) {}

  async migrate(): Promise<void> {
    await this.db.exec(CREDENTIALS_SCHEMA);
  }

  async passwordHashOf(userId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM user_credentials WHERE user_id = $1', [userId]);
    return rows[0]?.password_hash;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, changed_at = now()`,
      [userId, passwordHash],
    );
  }

  async createInvitation(userId: string, validForMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + validForMs);
    await this.db.query('INSERT INTO user_invitations (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), userId, expiresAt.toISOString()]);
    return { token, expiresAt };
  }

  /** Whose a still-valid invitation is, without using it up. */
  async invitedUser(token: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ user_id: string }>(
      'SELECT user_id FROM user_invitations WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()',
      [sha256(token)],
    );
    return rows[0]?.user_id;
  }

  /** Uses up an invitation: the user it was for, or undefined when unknown, used or expired. */
  async redeemInvitation(token: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ user_id: string }>(
      `UPDATE user_invitations SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [sha256(token)],
    );
    return rows[0]?.user_id;
  }
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
