/**
 * Test-only child process for crash-safety.int.spec.ts: opens the SQL event store and appends
 * in a loop until it is killed (or its bounds run out), reporting on stdout one JSON line per
 * step (see child-appender.ts for the lines). An `ack` line is written only after append()
 * resolved, so every acknowledged command the parent saw was acknowledged by the store.
 *
 *   node --conditions=source --import tsx libs/event-store/src/testing/append-until-killed.ts
 *
 * Configuration, all through the environment:
 *   APPENDER_STORE            postgres | embedded
 *   DATABASE_URL              the server (postgres)
 *   APPENDER_SCHEMA           the schema to use (postgres)
 *   APPENDER_DATA_DIR         the data folder (embedded)
 *   APPENDER_RUN              prefix of stream names
 *   APPENDER_WRITERS          concurrent append loops (default 4)
 *   APPENDER_MAX_APPENDS_PER_WRITER, APPENDER_MAX_MS   bounds after which it stops on its own
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { NewEvent } from '#libs/kernel';
import { openEmbeddedEventStore, openPostgresEventStore } from '../adapters.js';
import type { ExpectedRevision } from '../event-store.port.js';
import type { SqlEventStore } from '../sql/sql-event-store.js';
import type { AppenderLine } from './child-appender.js';
import { metadata } from './events.fixtures.js';

function report(line: AppenderLine): void {
  // A blocking write(2) straight to the pipe, not process.stdout (which queues in this process
  // when the pipe is full, and a SIGKILL loses the queue): when it returns, the line is in the
  // pipe and reaches the parent even if this process is killed at once. A line is far below
  // PIPE_BUF, so it arrives whole or not at all; and a slow reader slows the appends down
  // instead of letting them run ahead of what has been reported.
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      // Only if something made stdout non-blocking: wait for room and try again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

function setting(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

async function openStore(): Promise<SqlEventStore> {
  const kind = setting('APPENDER_STORE');
  if (kind === 'postgres') {
    return openPostgresEventStore({ connectionString: setting('DATABASE_URL'), schema: setting('APPENDER_SCHEMA') });
  }
  if (kind === 'embedded') return openEmbeddedEventStore({ dataDir: setting('APPENDER_DATA_DIR') });
  throw new Error(`APPENDER_STORE must be postgres or embedded, not ${kind}`);
}

function counted(n: number, commandId: string): NewEvent {
  return { id: randomUUID(), type: 'crash.counted', schemaVersion: 1, data: { n }, metadata: metadata({ commandId }) };
}

async function main(): Promise<void> {
  const run = setting('APPENDER_RUN');
  const writers = Number(setting('APPENDER_WRITERS', '4'));
  const maxAppends = Number(setting('APPENDER_MAX_APPENDS_PER_WRITER', '2000'));
  const deadline = Date.now() + Number(setting('APPENDER_MAX_MS', '120000'));
  const store = await openStore();
  report({ kind: 'ready', pid: process.pid });

  let appends = 0;
  async function writer(w: number): Promise<void> {
    // Each writer has a stream of its own, appended with exact expected revisions, and shares
    // three streams with the others, appended with "any".
    const own = `crash-${run}-w${w}`;
    let ownRevision = -1;
    for (let i = 0; i < maxAppends && Date.now() < deadline; i++) {
      const shared = i % 3 !== 0;
      const stream = shared ? `crash-${run}-shared${i % 3}` : own;
      const expected: ExpectedRevision = shared ? 'any' : ownRevision < 0 ? 'no_stream' : ownRevision;
      const size = i % 4 === 0 ? 1 + (i % 3) : 1; // single events and batches of 2 or 3
      const commandId = randomUUID();
      const events = Array.from({ length: size }, (_, k) => counted(i * 10 + k, commandId));
      report({ kind: 'intent', writer: w, commandId, stream, eventIds: events.map((e) => e.id!) });
      const result = await store.append(stream, events, expected, { commandId });
      if (!shared) ownRevision = result.nextExpectedRevision;
      appends++;
      report({
        kind: 'ack',
        writer: w,
        commandId,
        stream,
        eventIds: [...result.eventIds],
        lastRevision: result.nextExpectedRevision,
        replayed: result.replayed,
      });
    }
  }

  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  report({ kind: 'done', appends });
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
