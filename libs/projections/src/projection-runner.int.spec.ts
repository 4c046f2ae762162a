import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from './projection.js';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from './testing/index.js';

/** A test projection: the running total of `n` per stream. */
function totals(options: { version?: number; failOn?: number; sabotageOnce?: { done: boolean } } = {}): Projection {
  const version = options.version ?? 1;
  return {
    name: 'totals',
    version,
    tables: ['by_stream'],
    async setup({ tx, table }: ProjectionContext) {
      const extra = version >= 2 ? ', events integer NOT NULL DEFAULT 0' : '';
      await tx.query(`CREATE TABLE ${table('by_stream')} (stream text PRIMARY KEY, total integer NOT NULL${extra})`);
    },
    async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
      for (const event of events) {
        const n = (event.data as { n: number }).n;
        const counted = version >= 2 ? ', events' : '';
        const value = version >= 2 ? ', 1' : '';
        const bump = version >= 2 ? `, events = ${table('by_stream')}.events + 1` : '';
        await tx.query(
          `INSERT INTO ${table('by_stream')} (stream, total${counted}) VALUES ($1, $2${value})
           ON CONFLICT (stream) DO UPDATE SET total = ${table('by_stream')}.total + EXCLUDED.total${bump}`,
          [event.stream, n],
        );
        if (n === options.failOn) throw new Error('this projection cannot handle that value');
      }
      if (options.sabotageOnce && !options.sabotageOnce.done) {
        // Another process moves the checkpoint between this batch's writes and its checkpoint.
        options.sabotageOnce.done = true;
        await tx.query(`UPDATE projection_slots SET events_applied = events_applied WHERE projection = 'totals'`);
        await tx.query(`UPDATE projection_slots SET prepare_position = prepare_position + 1000000 WHERE projection = 'totals'`);
      }
    },
  };
}

/** A second, healthy projection: counts events. */
const counter: Projection = {
  name: 'counter',
  version: 1,
  tables: ['events'],
  async setup({ tx, table }) {
    await tx.query(`CREATE TABLE ${table('events')} (id integer PRIMARY KEY, n integer NOT NULL)`);
    await tx.query(`INSERT INTO ${table('events')} VALUES (1, 0)`);
  },
  async apply(events, { tx, table }) {
    await tx.query(`UPDATE ${table('events')} SET n = n + $1`, [events.length]);
  },
};

const n = (value: number) => ({ type: 'tally.counted', data: { n: value } });

describe.each(BACKENDS)('projection runner (%s)', (backend) => {
  let h: ProjectionHarness;
  afterEach(() => h?.dispose());

  const total = async (stream: string) =>
    (await h.rows<{ total: number }>('SELECT total FROM totals_by_stream WHERE stream = $1', [stream]))[0]?.total;
  const counted = async () => (await h.rows<{ n: number }>('SELECT n FROM counter_events'))[0]?.n;

  it('given events across streams and batches, then the read model holds every one in order', async () => {
    h = await openProjectionHarness(backend, [totals()], { batchSize: 3 });
    for (let i = 1; i <= 10; i++) await h.given(`tally-${i % 2}`, n(i));
    await h.runner.catchUp();
    expect(await total('tally-0')).toBe(2 + 4 + 6 + 8 + 10);
    expect(await total('tally-1')).toBe(1 + 3 + 5 + 7 + 9);
    const [status] = await h.runner.status();
    expect(status).toMatchObject({ name: 'totals', state: 'live', lag: 0, eventsApplied: 10, slot: 1 });
  });

  it('when something moves the checkpoint between the read-model write and the checkpoint, then nothing of the batch is kept', async () => {
    const sabotage = { done: false };
    h = await openProjectionHarness(backend, [totals({ sabotageOnce: sabotage })]);
    await h.given('tally-x', n(5), n(7));
    await h.runner.catchUp();
    expect(sabotage.done).toBe(true);
    // Had the first attempt's writes survived its failed checkpoint, the total would be 24.
    expect(await total('tally-x')).toBe(12);
  });

  it('when a projection throws, then it stops alone at the failing event with nothing half-applied, and the others go on', async () => {
    h = await openProjectionHarness(backend, [totals({ failOn: 13 }), counter], { batchSize: 100 });
    await h.given('tally-a', n(1), n(2));
    const [bad] = await h.given('tally-a', n(13));
    await h.given('tally-a', n(4));
    await h.runner.start();
    // The two projections run independently: wait until each has got as far as it can.
    const totalsState = async () => (await h.runner.status()).find((s) => s.name === 'totals')?.state;
    for (let i = 0; i < 250 && ((await counted()) !== 4 || (await totalsState()) !== 'failed'); i++) await sleep(20);
    expect(await counted()).toBe(4);

    const statuses = await h.runner.status();
    const failed = statuses.find((s) => s.name === 'totals')!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ eventType: 'tally.counted', message: 'Error: this projection cannot handle that value' });
    expect(comparePositions(failed.error!.position, bad.position)).toBe(0);
    expect(failed.lag).toBe(2);
    // The two events before the failing one were kept; the failing one's write was not.
    expect(await total('tally-a')).toBe(3);
    expect(statuses.find((s) => s.name === 'counter')).toMatchObject({ state: 'live', error: undefined });
    await expect(h.runner.waitFor(bad.position, { projections: ['totals'], timeoutMs: 100 })).resolves.toBe(false);
  });

  it('given a running runner, when an event is appended, then the read model has it within a second, and waitFor says when', async () => {
    h = await openProjectionHarness(backend, [totals(), counter]);
    await h.runner.start();
    const started = Date.now();
    const commandId = 'c0ffee00-0000-4000-8000-000000000001';
    const result = await h.store.append(
      'tally-live',
      [{ ...n(9), schemaVersion: 1, metadata: { actor: 'system:test', commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-03-02T10:00:00.000Z' } }],
      'no_stream',
    );
    await expect(h.runner.waitFor(result.position, { projections: ['totals'], timeoutMs: 1000 })).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await total('tally-live')).toBe(9);
  });

  it('when a projection is rebuilt from zero, then the rebuilt read model equals the live one and takes its place', async () => {
    h = await openProjectionHarness(backend, [totals()], { batchSize: 4 });
    for (let i = 1; i <= 12; i++) await h.given(`tally-${i % 3}`, n(i));
    await h.runner.catchUp();
    const before = await h.rows('SELECT stream, total FROM totals_by_stream ORDER BY stream');

    await h.runner.rebuild('totals');
    let status = (await h.runner.status())[0];
    expect(status.building).toMatchObject({ slot: 2, eventsApplied: 0 });
    // The live slot keeps serving while the rebuild runs.
    expect(await h.rows('SELECT stream, total FROM totals_by_stream ORDER BY stream')).toEqual(before);

    await h.runner.catchUp();
    status = (await h.runner.status())[0];
    expect(status).toMatchObject({ slot: 2, state: 'live', eventsApplied: 12, building: undefined });
    expect(await h.rows('SELECT stream, total FROM totals_by_stream ORDER BY stream')).toEqual(before);
    const oldTables = await h.rows(`SELECT table_name FROM information_schema.tables WHERE table_name = 'totals_by_stream__s1'`);
    expect(oldTables).toEqual([]);
  });

  it('given a new version, then it builds beside the old one, which serves until the new one has caught up', async () => {
    h = await openProjectionHarness(backend, [totals({ version: 1 })]);
    await h.given('tally-v', n(2), n(3));
    await h.runner.catchUp();

    const next = await h.restart([totals({ version: 2 })]);
    const [status] = await next.status();
    expect(status).toMatchObject({ version: 1, slot: 1, building: { version: 2, slot: 2 } });
    // Still the v1 shape while v2 builds.
    expect(await h.rows('SELECT * FROM totals_by_stream')).toEqual([{ stream: 'tally-v', total: 5 }]);

    await next.catchUp();
    expect(await h.rows('SELECT * FROM totals_by_stream')).toEqual([{ stream: 'tally-v', total: 5, events: 2 }]);
    expect((await next.status())[0]).toMatchObject({ version: 2, slot: 2, state: 'live' });
  });

  it('given a restart, then each projection resumes from its checkpoint without applying anything twice', async () => {
    h = await openProjectionHarness(backend, [totals(), counter]);
    await h.given('tally-r', n(1), n(2));
    await h.runner.catchUp();
    await h.restart([totals(), counter]);
    await h.given('tally-r', n(3));
    await h.runner.catchUp();
    expect(await total('tally-r')).toBe(6);
    expect(await counted()).toBe(3);
  });

  it('refuses a projection name that cannot be a table name', async () => {
    h = await openProjectionHarness(backend, []);
    const bad = { ...counter, name: 'Bad-Name' };
    await expect(h.restart([bad])).rejects.toThrow('lower snake case');
  });
});
