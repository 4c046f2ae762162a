import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgDatabase } from '../pg-database.js';

/**
 * The PostgreSQL server tests use, from DATABASE_URL (set by .ci/run). When it is not set,
 * the PostgreSQL variants of a suite are skipped and say so.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL;

export const describeIfPostgres: jest.Describe = TEST_DATABASE_URL ? describe : describe.skip;

/** A fresh schema on the test server, so suites running side by side never meet. */
export async function openTestSchema(prefix = 't'): Promise<{ db: PgDatabase; schema: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const db = await PgDatabase.connect({ connectionString: TEST_DATABASE_URL, schema });
  return {
    db,
    schema,
    drop: async () => {
      await db.close().catch(() => undefined);
      await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'learning-loop-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
