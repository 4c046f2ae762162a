import { randomUUID } from 'node:crypto';
import {
  ValidationError,
  assertStreamName,
  type NewEvent,
  type Position,
  type RecordedEvent,
  START,
  UpcasterRegistry,
} from '#libs/kernel';
import {
  constraintName,
  sqlState,
  toBigInt,
  toNumber,
  UNIQUE_VIOLATION,
  type SqlDatabase,
  type SqlExecutor,
} from '#libs/database';
import { WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreKind,
  EventSubscription,
  ExpectedRevision,
  ReadAllOptions,
  SubscribeOptions,
} from '../event-store.port.js';
import { PollingSubscription } from '../polling-subscription.js';
import { EVENT_STORE_SCHEMA, EVENTS_CHANNEL } from './schema.sql.js';

interface EventRow {
  event_id: string;
  stream: string;
  revision: number;
  commit_position: string;
  position: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
}

interface CommandRow {
  stream: string;
  last_revision: number;
  commit_position: string;
  prepare_position: string;
  event_ids: string[];
}

const SELECT_EVENT = `event_id, stream, revision, transaction_id::text AS commit_position, position,
  type, schema_version, data, metadata, recorded_at`;

/** The largest number of events one append may carry (one statement, one transaction). */
export const MAX_EVENTS_PER_APPEND = 10_000;

export interface SqlEventStoreOptions {
  readonly upcasters?: UpcasterRegistry;
  /** How often a subscription looks for new events when no notification arrives. */
  readonly pollIntervalMs?: number;
}

/**
 * The event store on PostgreSQL SQL, used by both the postgres adapter (a server through `pg`)
 * and the embedded adapter (PGlite in this process). See schema.sql.ts for the global order.
 */
export class SqlEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly pollIntervalMs: number;

  constructor(
    readonly kind: EventStoreKind,
    private readonly db: SqlDatabase,
    options: SqlEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /** Creates the tables if they are missing. Safe to run on every start. */
  async migrate(): Promise<void> {
    await this.db.exec(EVENT_STORE_SCHEMA);
  }

  get database(): SqlDatabase {
    return this.db;
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertStreamName(stream);
    validateEvents(events);
    const commandId = options.commandId ?? events[0]?.metadata.commandId;

    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.appendIn(tx, stream, events, expected, commandId));
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && commandId) {
          // A retried command may carry an expectation that no longer holds: it is still the same command.
          const earlier = await this.findCommand(commandId);
          if (earlier) return earlier;
        }
        if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
        const constraint = constraintName(error);
        if (commandId && constraint === 'event_commands_pkey') {
          // The same command was appended concurrently; its result is the answer.
          const earlier = await this.findCommand(commandId);
          if (earlier) return earlier;
        }
        if (constraint === 'events_stream_revision_unique') {
          // Another writer took the revision between our read and our insert.
          if (expected === 'any' && attempt < 3) continue;
          const earlier = commandId ? await this.findCommand(commandId) : undefined;
          if (earlier) return earlier;
          const actual = await this.streamRevision(this.db, stream);
          throw new WrongExpectedRevisionError(stream, expected, actual ?? 'no_stream');
        }
        if (constraint === 'events_event_id_unique') {
          throw new ValidationError('an event with this id was already appended', 'events.id');
        }
        throw error;
      }
    }
  }

  private async appendIn(
    tx: SqlExecutor,
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    commandId: string | undefined,
  ): Promise<AppendResult> {
    // A repeated command id is not looked up here on every append: its row in event_commands
    // is inserted in this transaction, so a repeat fails on that key, rolls back, and append()
    // returns the first result (see the catch there). Callers usually ask findCommand first.
    if (expected === 'any') {
      // Writers that state no expectation queue per stream instead of failing on each other.
      // Exact expectations need no lock: the unique (stream, revision) key refuses the loser.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [stream]);
    }
    const current = await this.streamRevision(tx, stream);
    checkExpected(stream, expected, current);
    if (events.length === 0) {
      return { stream, nextExpectedRevision: current ?? -1, position: START, eventIds: [], replayed: false };
    }

    const first = (current ?? -1) + 1;
    const rows = events.map((event, i) => ({
      event_id: event.id ?? randomUUID(),
      revision: first + i,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
    }));
    // Only the last row's position comes back: one row instead of a batch of them.
    const inserted = await tx.query<{ commit_position: string; position: string }>(
      `WITH inserted AS (
         INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata)
         SELECT e.event_id, $1, e.revision, e.type, e.schema_version, e.data, e.metadata
           FROM jsonb_to_recordset($2::jsonb)
             AS e(event_id uuid, revision integer, type text, schema_version integer, data jsonb, metadata jsonb)
         RETURNING transaction_id, position)
       SELECT transaction_id::text AS commit_position, max(position)::text AS position FROM inserted GROUP BY transaction_id`,
      [stream, JSON.stringify(rows)],
    );
    const last = inserted.rows[0];
    const result: AppendResult = {
      stream,
      nextExpectedRevision: first + events.length - 1,
      position: { commit: toBigInt(last.commit_position), prepare: toBigInt(last.position) },
      eventIds: rows.map((r) => r.event_id),
      replayed: false,
    };
    if (commandId) {
      await tx.query(
        `INSERT INTO event_commands (command_id, stream, last_revision, commit_position, prepare_position, event_ids)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [commandId, stream, result.nextExpectedRevision, last.commit_position, last.position, JSON.stringify(result.eventIds)],
      );
    }
    await tx.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`);
    return result;
  }

  findCommand(commandId: string): Promise<AppendResult | undefined> {
    return this.findCommandIn(this.db, commandId);
  }

  private async findCommandIn(executor: SqlExecutor, commandId: string): Promise<AppendResult | undefined> {
    const { rows } = await executor.query<CommandRow>(
      `SELECT stream, last_revision, commit_position, prepare_position, event_ids
         FROM event_commands WHERE command_id = $1`,
      [commandId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      stream: row.stream,
      nextExpectedRevision: toNumber(row.last_revision),
      position: { commit: toBigInt(row.commit_position), prepare: toBigInt(row.prepare_position) },
      eventIds: row.event_ids,
      replayed: true,
    };
  }

  private async streamRevision(executor: SqlExecutor, stream: string): Promise<number | undefined> {
    const { rows } = await executor.query<{ revision: number | null }>(
      'SELECT max(revision) AS revision FROM events WHERE stream = $1',
      [stream],
    );
    const revision = rows[0]?.revision;
    return revision === null || revision === undefined ? undefined : toNumber(revision);
  }

  async readStream(stream: string, options: { fromRevision?: number } = {}): Promise<RecordedEvent[]> {
    assertStreamName(stream);
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${SELECT_EVENT} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision`,
      [stream, options.fromRevision ?? 0],
    );
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('must be a whole number above 0', 'limit');
    // Only transactions older than the oldest running one: see schema.sql.ts.
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${SELECT_EVENT} FROM events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, position
        LIMIT $3`,
      [String(after.commit < 0n ? 0n : after.commit), String(after.prepare), limit],
    );
    return rows.map((row) => this.toRecorded(row));
  }

  subscribeAll(options: SubscribeOptions): EventSubscription {
    return new PollingSubscription({
      after: options.after,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: this.pollIntervalMs,
      read: (after, limit) => this.readAll({ after, limit }),
      onWake: (wake) => this.db.listen(EVENTS_CHANNEL, wake),
    });
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.db.query<{ commit_position: string; position: string }>(
      `SELECT transaction_id::text AS commit_position, position FROM events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { commit: toBigInt(row.commit_position), prepare: toBigInt(row.position) } : START;
  }

  async countEventsAfter(after: Position): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(
      `SELECT count(*) AS count FROM events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
      [String(after.commit < 0n ? 0n : after.commit), String(after.prepare)],
    );
    return toNumber(rows[0]?.count ?? 0);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const recordedAt = row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString();
    return this.upcasters.upcast({
      id: row.event_id,
      stream: row.stream,
      revision: toNumber(row.revision),
      position: { commit: toBigInt(row.commit_position), prepare: toBigInt(row.position) },
      type: row.type,
      schemaVersion: toNumber(row.schema_version),
      data: row.data,
      metadata: { ...(row.metadata as unknown as RecordedEvent['metadata']), recordedAt },
    });
  }
}

function checkExpected(stream: string, expected: ExpectedRevision, current: number | undefined): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'number' && current === expected);
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no_stream');
}

function validateEvents(events: readonly NewEvent[]): void {
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new ValidationError(`at most ${MAX_EVENTS_PER_APPEND} events can be appended at once`, 'events');
  }
  events.forEach((event, i) => {
    if (!event.type || !/^[a-z][a-z0-9_.-]*$/.test(event.type)) {
      throw new ValidationError('must be a stable lower-case name such as "observation.recorded"', `events[${i}].type`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new ValidationError('must be a whole number from 1', `events[${i}].schemaVersion`);
    }
    if (!event.metadata?.actor || !event.metadata.commandId || !event.metadata.occurredAt) {
      throw new ValidationError('needs actor, commandId and occurredAt', `events[${i}].metadata`);
    }
  });
}
