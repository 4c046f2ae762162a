import { randomBytes } from 'node:crypto';
import { type NewEvent, type Position, type RecordedEvent, START } from '#libs/kernel';
import { describeIfPostgres, dropSchema, tempDir, TEST_DATABASE_URL } from '../../../database/src/testing/index.js';
import { openEmbeddedEventStore, openPostgresEventStore } from '../adapters.js';
import { type Ack, type AppenderConfig, type ChildAppender, type Intent, startChildAppender } from '../testing/child-appender.js';
import { metadata } from '../testing/events.fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import type { SqlEventStore } from './sql-event-store.js';

/**
 * "kill -9 of a process in the middle of appends loses no acknowledged event."
 *
 * A child process (testing/append-until-killed.ts) appends in a loop from several concurrent
 * writers, single events and batches of 2-3, each with a command id, and prints a line for each
 * append only after append() resolved. After ACKS_BEFORE_KILL acknowledgements the parent sends
 * SIGKILL, so the kill lands while other appends are in flight. Then the parent opens the same
 * data (schema or data folder) as after a restart and checks it.
 */
const ACKS_BEFORE_KILL = 200;
const SLOW = 90_000;

interface Target {
  readonly config: AppenderConfig;
  open(): Promise<SqlEventStore>;
  remove(): Promise<void>;
}

function crashSuite(makeTarget: () => Target): void {
  let target: Target;
  let appender: ChildAppender | undefined;
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  let acks: Ack[];
  let inFlight: Intent[];
  let store: SqlEventStore | undefined;
  let everything: RecordedEvent[];

  async function readEverything(s: SqlEventStore): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = [];
    let after: Position = START;
    for (;;) {
      const batch = await s.readAll({ after, limit: 500 });
      if (batch.length === 0) return all;
      all.push(...batch);
      after = batch[batch.length - 1].position;
    }
  }

  beforeAll(async () => {
    target = makeTarget();
    appender = startChildAppender(target.config);
    await appender.waitForAcks(ACKS_BEFORE_KILL, 60_000);
    exit = await appender.kill();
    // Every ack line read before the process was gone counts, also those after the 200th.
    acks = [...appender.acks.values()];
    inFlight = [...appender.intents.values()].filter((intent) => !appender!.acks.has(intent.commandId));
    store = await target.open();
    // readAll holds back what is newer than any writing transaction still open on the server
    // (another suite's, say): wait until it returns every row of the table. The store is the
    // child's alone, so every row should be one the child announced (checked below).
    const opened = store;
    const rows = Number((await opened.database.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);
    everything = await waitFor(
      () => readEverything(opened),
      (events) => events.length >= rows,
      { timeoutMs: 30_000, what: 'readAll to return every event in the table' },
    );
  }, SLOW);

  afterAll(async () => {
    await appender?.kill();
    await store?.close();
    await target?.remove();
  }, SLOW);

  it('the child was killed by SIGKILL in the middle of its appends', () => {
    expect(exit.signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(acks.every((ack) => !ack.replayed)).toBe(true);
    // Each writer reports its next intent in the same synchronous turn as its last ack, and only
    // one writer runs at a time, so at the kill every writer but at most one (the one the kill
    // caught between those two lines) has an append sent and not acknowledged. Those are checked
    // below for all-or-nothing.
    const writers = target.config.writers ?? 4;
    expect(inFlight.length).toBeGreaterThanOrEqual(writers - 1);
    expect(inFlight.length).toBeLessThanOrEqual(writers);
  });

  it('every acknowledged event is there after the restart, in its stream at the revisions acknowledged', async () => {
    const byId = new Map(everything.map((e) => [e.id, e]));
    const missing: string[] = [];
    for (const ack of acks) {
      const first = ack.lastRevision - ack.eventIds.length + 1;
      ack.eventIds.forEach((id, i) => {
        const event = byId.get(id);
        if (!event) missing.push(`${ack.commandId}: event ${id} (${ack.stream}@${first + i})`);
        else {
          expect(event.stream).toBe(ack.stream);
          expect(event.revision).toBe(first + i);
          expect(event.metadata.commandId).toBe(ack.commandId);
        }
      });
    }
    expect(missing).toEqual([]);
    for (const ack of acks) {
      await expect(store!.findCommand(ack.commandId)).resolves.toMatchObject({ eventIds: ack.eventIds, replayed: true });
    }
  });

  it('every stream has contiguous revisions from 0, and readStream agrees with readAll', async () => {
    const streams = [...new Set([...acks, ...inFlight].map((line) => line.stream))];
    expect(streams.length).toBeGreaterThan(1);
    for (const stream of streams) {
      const events = await store!.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      expect(events.map((e) => e.id)).toEqual(everything.filter((e) => e.stream === stream).map((e) => e.id));
    }
    // Nothing outside the known streams and nothing twice.
    expect(everything.every((e) => streams.includes(e.stream))).toBe(true);
    expect(new Set(everything.map((e) => e.id)).size).toBe(everything.length);
  });

  it('an append in flight at the kill is all or nothing, and its command is known exactly when its events are', async () => {
    const ids = new Set(everything.map((e) => e.id));
    for (const intent of inFlight) {
      const present = intent.eventIds.filter((id) => ids.has(id));
      expect([0, intent.eventIds.length]).toContain(present.length);
      const command = await store!.findCommand(intent.commandId);
      if (present.length > 0) expect(command?.eventIds).toEqual(intent.eventIds);
      else expect(command).toBeUndefined();
    }
    // Every event in the store was announced by the child (no stray writes).
    const announced = new Set([...acks, ...inFlight].flatMap((line) => line.eventIds));
    expect(everything.filter((e) => !announced.has(e.id))).toEqual([]);
  });

  it('re-sending an acknowledged command id is a replay that appends nothing', async () => {
    const before = everything.length;
    for (const ack of acks) {
      // The same command again, with an expectation that no longer holds: still a replay.
      const again: NewEvent[] = ack.eventIds.map((id, i) => ({
        id,
        type: 'crash.counted',
        schemaVersion: 1,
        data: { n: i },
        metadata: metadata({ commandId: ack.commandId }),
      }));
      const result = await store!.append(ack.stream, again, 'no_stream', { commandId: ack.commandId });
      expect(result).toMatchObject({ replayed: true, eventIds: ack.eventIds, nextExpectedRevision: ack.lastRevision });
    }
    expect((await readEverything(store!)).length).toBe(before);
  });

  it('takes new appends after the restart, after the recovered events', async () => {
    const stream = `crash-${target.config.run}-after`;
    const event = { type: 'crash.counted', schemaVersion: 1, data: { n: 1 }, metadata: metadata() };
    const result = await store!.append(stream, [event], 'no_stream');
    const tail = await waitFor(
      () => store!.readAll({ after: everything[everything.length - 1].position, limit: 10 }),
      (events) => events.length > 0,
      { timeoutMs: 20_000, what: 'the new event to become readable' },
    );
    expect(tail.map((e) => e.id)).toEqual(result.eventIds);
  });
}

describe('crash safety: embedded store (PGlite) on disk, SIGKILL during appends', () => {
  crashSuite(() => {
    const dir = tempDir('learning-loop-crash-');
    return {
      config: { store: 'embedded', dataDir: dir.path, run: randomBytes(4).toString('hex'), writers: 4 },
      open: () => openEmbeddedEventStore({ dataDir: dir.path }),
      remove: async () => dir.remove(),
    };
  });
});

describeIfPostgres('crash safety: postgres store, SIGKILL during appends', () => {
  crashSuite(() => {
    const run = randomBytes(4).toString('hex');
    const schema = `crash_${run}`;
    // The child's sessions carry a name of their own, so the parent can tell when the server has
    // ended them: until then a transaction the kill cut off is still open and, by design, holds
    // readAll back (it is not lost; see schema.sql.ts).
    const applicationName = `ll-crash-child-${run}`;
    const url = new URL(TEST_DATABASE_URL!);
    url.searchParams.set('application_name', applicationName);
    return {
      config: { store: 'postgres', databaseUrl: url.toString(), schema, run, writers: 6 },
      open: async () => {
        const store = await openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema });
        const sessions = () =>
          store.database.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [
            applicationName,
          ]);
        await waitFor(
          async () => (await sessions()).rows[0].n,
          (n) => n === '0',
          { timeoutMs: 30_000, what: "the killed child's sessions to end" },
        );
        return store;
      },
      remove: () => dropSchema(schema),
    };
  });
});
