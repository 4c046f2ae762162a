import { randomBytes } from 'node:crypto';
import type { SqlDatabase } from '#libs/database';
import { sha256 } from '../identity/credential-store.js';
import type { PendingOidcSignIn } from './oidc-client.js';

export const PENDING_OIDC_SIGN_INS_SCHEMA = `
CREATE TABLE IF NOT EXISTS oidc_pending_sign_ins (
  id_hash        text PRIMARY KEY,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS oidc_pending_sign_ins_expiry ON oidc_pending_sign_ins (expires_at);
`;

export interface PendingSignInSettings {
  /** How long the browser has to come back from the provider. */
  readonly validMs: number;
  /**
   * How long an expired, never-used pending sign-in is kept before it is purged, so that a late
   * return is told "expired" rather than "not started in this browser".
   */
  readonly keepExpiredMs: number;
}

export const PENDING_SIGN_IN_SETTINGS: PendingSignInSettings = { validMs: 10 * 60 * 1000, keepExpiredMs: 60 * 60 * 1000 };

/** What taking a pending sign-in found: it, an expired one, or nothing (never made, or used). */
export type TakenPendingSignIn = { readonly status: 'live'; readonly pending: PendingOidcSignIn } | { readonly status: 'expired' } | { readonly status: 'unknown' };

/**
 * Single sign-ons begun but not yet completed, server-side beside the sessions: the browser
 * holds only a random id (in a short-lived cookie), the database its hash with the state, nonce
 * and PKCE code verifier. Each is taken once, whatever happens next, so a callback cannot be
 * replayed; expired ones are purged whenever a new sign-in begins.
 */
export class PendingOidcSignInStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly settings: PendingSignInSettings = PENDING_SIGN_IN_SETTINGS,
  ) {}

  async migrate(): Promise<void> {
    await this.db.exec(PENDING_OIDC_SIGN_INS_SCHEMA);
  }

  /** Keeps `pending` and returns the id the browser presents when it comes back. */
  async save(pending: PendingOidcSignIn): Promise<{ id: string; expiresAt: Date }> {
    await this.purgeExpired();
    const id = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.settings.validMs);
    await this.db.query('INSERT INTO oidc_pending_sign_ins (id_hash, state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      sha256(id),
      pending.state,
      pending.nonce,
      pending.codeVerifier,
      expiresAt.toISOString(),
    ]);
    return { id, expiresAt };
  }

  /** Removes the pending sign-in with this id and returns it if it was still valid. */
  async take(id: string): Promise<TakenPendingSignIn> {
    const { rows } = await this.db.query<{ state: string; nonce: string; code_verifier: string; live: boolean }>(
      'DELETE FROM oidc_pending_sign_ins WHERE id_hash = $1 RETURNING state, nonce, code_verifier, expires_at > now() AS live',
      [sha256(id)],
    );
    const row = rows[0];
    if (!row) return { status: 'unknown' };
    if (!row.live) return { status: 'expired' };
    return { status: 'live', pending: { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier } };
  }

  /** Deletes the pending sign-ins that expired more than `keepExpiredMs` ago. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM oidc_pending_sign_ins WHERE expires_at < now() - make_interval(secs => $1)', [
      Math.floor(this.settings.keepExpiredMs / 1000),
    ]);
    return rowCount;
  }
}
