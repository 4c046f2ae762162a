import { randomUUID } from 'node:crypto';
import { type EventMetadata, type NewEvent, type Position, START } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import type { EventStore, ExpectedRevision } from '#libs/event-store';
import { eventStatisticsProjection, ProjectionRunner } from '#libs/projections';
import type { BenchOptions } from './options.js';
import { Progress } from './report.js';

/** The synthetic events: small tallies such as a coach's counter would append. */
const TYPES = ['tally.counted', 'tally.counted', 'tally.counted', 'tally.noted', 'tally.reset'] as const;
const TEXT = 'Noticed a strength in how the group planned the session together and agreed next steps. '.repeat(64);

export function benchType(i: number): string {
  return TYPES[i % TYPES.length];
}

export function benchData(i: number, noteBytes: number): unknown {
  return { n: i, by: `coach-${i % 50}`, note: TEXT.slice(0, noteBytes) };
}

export function benchEvent(i: number, metadata: EventMetadata, noteBytes: number): NewEvent {
  return { type: benchType(i), schemaVersion: 1, data: benchData(i, noteBytes), metadata };
}

export function benchMetadata(commandId: string): EventMetadata {
  return {
    actor: 'system:bench',
    commandId,
    correlationId: commandId,
    causationId: commandId,
    occurredAt: new Date().toISOString(),
  };
}

/** Spreads appends over `tally-<n>` streams and remembers each stream's revision. */
export class Streams {
  private next = 0;
  private readonly revisions = new Map<string, number>();

  constructor(
    private readonly count: number,
    private readonly prefix = 'tally-',
  ) {}

  take(): { stream: string; revision: number } {
    const stream = `${this.prefix}${this.next++ % this.count}`;
    return { stream, revision: this.revisions.get(stream) ?? -1 };
  }

  moved(stream: string, revision: number): void {
    this.revisions.set(stream, revision);
  }
}

function expectedOf(options: BenchOptions, revision: number): ExpectedRevision {
  if (options.expected === 'any') return 'any';
  return revision < 0 ? 'no_stream' : revision;
}

/** Row 1: one event per append, one after the other, each with its own command id. */
export async function appendSingle(store: EventStore, options: BenchOptions, streams: Streams, label: string): Promise<number> {
  const progress = new Progress(`${label} append x1`, options.single);
  const started = performance.now();
  for (let i = 0; i < options.single; i++) {
    const { stream, revision } = streams.take();
    const commandId = randomUUID();
    const result = await store.append(stream, [benchEvent(i, benchMetadata(commandId), options.noteBytes)], expectedOf(options, revision), {
      commandId,
    });
    streams.moved(stream, result.nextExpectedRevision);
    progress.set(i + 1);
  }
  return (performance.now() - started) / 1000;
}

/** Row 2: `size` events per append (one command, one transaction). */
export async function appendBatches(
  store: EventStore,
  options: BenchOptions,
  streams: Streams,
  batches: number,
  progress: Progress,
): Promise<number> {
  progress.resume();
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const { stream, revision } = streams.take();
    const commandId = randomUUID();
    const metadata = benchMetadata(commandId);
    const events: NewEvent[] = [];
    for (let i = 0; i < options.batchSize; i++) events.push(benchEvent(i, metadata, options.noteBytes));
    const result = await store.append(stream, events, expectedOf(options, revision), { commandId });
    streams.moved(stream, result.nextExpectedRevision);
    progress.add(options.batchSize);
  }
  progress.pause();
  return (performance.now() - started) / 1000;
}

export const RAW_TABLE = 'events_raw';

/** The raw baseline's table: the shape, defaults, identity and indexes of `events`. */
export async function createRawTable(db: SqlDatabase): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${RAW_TABLE}; CREATE TABLE ${RAW_TABLE} (LIKE events INCLUDING ALL);`);
}

/**
 * Row 3: what PostgreSQL does for the same rows with nothing around it: one multi-row INSERT
 * of `size` rows per statement, each statement its own transaction, same payload as the appends.
 */
export async function insertRaw(
  db: SqlDatabase,
  options: BenchOptions,
  streams: Streams,
  batches: number,
  progress: Progress,
): Promise<number> {
  const size = options.batchSize;
  const values = Array.from({ length: size }, (_, r) => {
    const p = r * 7;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::jsonb, $${p + 7}::jsonb)`;
  }).join(', ');
  const sql = `INSERT INTO ${RAW_TABLE} (event_id, stream, revision, type, schema_version, data, metadata) VALUES ${values}`;
  progress.resume();
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const { stream, revision } = streams.take();
    const metadata = JSON.stringify(benchMetadata(randomUUID()));
    const params: unknown[] = [];
    for (let i = 0; i < size; i++) {
      params.push(randomUUID(), stream, revision + 1 + i, benchType(i), 1, JSON.stringify(benchData(i, options.noteBytes)), metadata);
    }
    await db.query(sql, params);
    streams.moved(stream, revision + size);
    progress.add(size);
  }
  progress.pause();
  return (performance.now() - started) / 1000;
}

/** Row 4: readAll from the start in batches until nothing is left. */
export async function readEverything(store: EventStore, options: BenchOptions, total: number, label: string): Promise<{ seconds: number; events: number }> {
  const progress = new Progress(`${label} readAll`, total);
  let after: Position = START;
  let events = 0;
  const started = performance.now();
  for (;;) {
    const batch = await store.readAll({ after, limit: options.readBatch });
    if (batch.length === 0) break;
    events += batch.length;
    after = batch[batch.length - 1].position;
    progress.set(events);
  }
  return { seconds: (performance.now() - started) / 1000, events };
}

/** Row 5: the statistics projection built from zero through ProjectionRunner.catchUp. */
export async function projectFromZero(
  store: EventStore,
  db: SqlDatabase,
  options: BenchOptions,
  total: number,
  label: string,
): Promise<{ seconds: number; events: number }> {
  const runner = new ProjectionRunner(store, db, [eventStatisticsProjection], { batchSize: options.projectionBatch });
  await runner.prepare();
  const progress = new Progress(`${label} projection catch-up`, total);
  let events = 0;
  const started = performance.now();
  await runner.catchUp(undefined, (p) => {
    events = p.eventsApplied;
    progress.set(events);
  });
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await db.query<{ n: string }>('SELECT coalesce(sum(events), 0)::text AS n FROM event_statistics_daily');
  if (Number(rows[0].n) !== events) throw new Error(`The projection counted ${rows[0].n} events but applied ${events}`);
  return { seconds, events };
}
