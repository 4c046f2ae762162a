import { randomUUID } from 'node:crypto';
import { comparePositions, type NewEvent, type Position, type RecordedEvent } from '#libs/kernel';
import { PgliteDatabase, type SqlDatabase } from '#libs/database';
import { openEmbeddedEventStore, openPostgresEventStore, type EventStore } from '#libs/event-store';
import { openTestSchema, TEST_DATABASE_URL } from '../../../database/src/testing/index.js';
import type { Projection } from '../projection.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../projection-runner.js';

export type Backend = 'embedded' | 'postgres';

/**
 * Waits until readAll can return the event at `position`. On a shared PostgreSQL server another
 * suite's transaction that is still open holds new events back for a moment (nothing is
 * skipped: see the event store's global order); "given these events" means they are readable.
 */
export async function untilReadable(store: EventStore, position: Position, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (comparePositions(await store.headPosition(), position) < 0) {
    if (Date.now() > deadline) throw new Error('Appended events did not become readable in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The backends reachable here: embedded always, PostgreSQL when DATABASE_URL is set. */
export const BACKENDS: Backend[] = TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

export interface ProjectionHarness {
  readonly store: EventStore;
  readonly db: SqlDatabase;
  runner: ProjectionRunner;
  /** Replaces the runner (same store and database), as a new deployment would. */
  restart(projections: readonly Projection[], options?: ProjectionRunnerOptions): Promise<ProjectionRunner>;
  given(stream: string, ...events: Array<Pick<NewEvent, 'type' | 'data'>>): Promise<RecordedEvent[]>;
  rows<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  dispose(): Promise<void>;
}

export async function openProjectionHarness(
  backend: Backend,
  projections: readonly Projection[],
  options: ProjectionRunnerOptions = {},
): Promise<ProjectionHarness> {
  let store: EventStore;
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  if (backend === 'embedded') {
    db = await PgliteDatabase.open();
    store = await openEmbeddedEventStore({ database: db });
    drop = () => db.close();
  } else {
    const schema = await openTestSchema('proj');
    db = schema.db;
    store = await openPostgresEventStore({ database: db });
    drop = schema.drop;
  }
  const harness: ProjectionHarness = {
    store,
    db,
    runner: new ProjectionRunner(store, db, projections, { idleWaitMs: 200, ...options }),
    async restart(next, nextOptions = {}) {
      await harness.runner.stop();
      harness.runner = new ProjectionRunner(store, db, next, { idleWaitMs: 200, ...nextOptions });
      await harness.runner.prepare();
      return harness.runner;
    },
    async given(stream, ...events) {
      const commandId = randomUUID();
      const metadata = {
        actor: 'system:test',
        commandId,
        correlationId: commandId,
        causationId: commandId,
        occurredAt: '2026-03-02T10:00:00.000Z',
      };
      const result = await store.append(
        stream,
        events.map((e) => ({ ...e, schemaVersion: 1, metadata })),
        'any',
      );
      await untilReadable(store, result.position);
      const all = await store.readStream(stream);
      return all.slice(all.length - events.length);
    },
    async rows<R>(sql: string, params?: unknown[]) {
      return (await db.query<R>(sql, params)).rows;
    },
    async dispose() {
      await harness.runner.stop();
      await drop();
    },
  };
  await harness.runner.prepare();
  return harness;
}
