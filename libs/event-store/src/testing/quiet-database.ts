import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlExecutor } from '#libs/database';

/**
 * Waits until no other client is connected to this PostgreSQL database (sessions whose
 * application name starts with `ownPrefix` are the caller's own and do not count) and it has
 * stayed so for `quietForMs`. Returns false when `timeoutMs` ran out first.
 *
 * Why: the SQL event store's readers only read transactions older than the oldest writing
 * transaction still running on the whole server (see schema.sql.ts), so a test that holds a
 * writing transaction open on purpose holds back, for that time, every reader of every other
 * test suite on the same server, and a suite that reads right after it appends sees nothing.
 * Such a test waits for a quiet moment first (best effort: it goes on after the timeout).
 */
export async function waitForQuietDatabase(
  db: SqlExecutor,
  { ownPrefix, quietForMs = 1_000, timeoutMs = 120_000 }: { ownPrefix: string; quietForMs?: number; timeoutMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quietSince: number | undefined;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ others: string }>(
      `SELECT count(*) AS others FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend'
          AND pid <> pg_backend_pid() AND application_name NOT LIKE $1`,
      [`${ownPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    );
    if (rows[0].others === '0') {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= quietForMs) return true;
    } else {
      quietSince = undefined;
    }
    await sleep(50);
  }
  return false;
}
