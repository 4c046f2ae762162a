import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PersonalDataKeyStore } from '#libs/kernel';
import type { SqlDatabase } from './sql-database.js';

export const PERSONAL_DATA_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS personal_data_keys (
  subject      text PRIMARY KEY,
  wrapped_key  bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  forgotten_at timestamptz,
  CONSTRAINT personal_data_keys_forgotten_has_no_key CHECK (forgotten_at IS NULL OR wrapped_key IS NULL)
);
`;

/**
 * Per-subject data keys in the read database, each wrapped (AES-256-GCM) with a master key that
 * lives outside the database, so a copy of the database alone opens nothing. Forgetting a
 * subject deletes its key and leaves a tombstone, so a key is never made for them again.
 */
export class SqlKeyStore implements PersonalDataKeyStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly masterKey: Buffer,
  ) {
    if (masterKey.length !== 32) throw new Error('The personal data master key must be 32 bytes');
  }

  async migrate(): Promise<void> {
    await this.db.exec(PERSONAL_DATA_KEYS_SCHEMA);
  }

  async keyFor(subject: string, create: boolean): Promise<Buffer | null> {
    const existing = await this.read(subject);
    if (existing !== undefined || !create) return existing ?? null;
    const wrapped = this.wrap(randomBytes(32));
    await this.db.query(
      'INSERT INTO personal_data_keys (subject, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING',
      [subject, wrapped],
    );
    // Another writer may have made it first, or the subject may just have been forgotten.
    return (await this.read(subject)) ?? null;
  }

  async destroy(subject: string): Promise<void> {
    await this.db.query(
      `INSERT INTO personal_data_keys (subject, wrapped_key, forgotten_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, forgotten_at = coalesce(personal_data_keys.forgotten_at, now())`,
      [subject],
    );
  }

  async isForgotten(subject: string): Promise<boolean> {
    const { rows } = await this.db.query<{ forgotten: boolean }>(
      'SELECT forgotten_at IS NOT NULL AS forgotten FROM personal_data_keys WHERE subject = $1',
      [subject],
    );
    return rows[0]?.forgotten ?? false;
  }

  /** undefined: never had a key; null: forgotten; else the key. */
  private async read(subject: string): Promise<Buffer | null | undefined> {
    const { rows } = await this.db.query<{ wrapped_key: Uint8Array | null; forgotten_at: unknown }>(
      'SELECT wrapped_key, forgotten_at FROM personal_data_keys WHERE subject = $1',
      [subject],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.forgotten_at !== null || !row.wrapped_key) return null;
    return this.unwrap(Buffer.from(row.wrapped_key));
  }

  private wrap(key: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private unwrap(wrapped: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, 12));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}
