import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult as EsdbAppendResult,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  START,
  UpcasterRegistry,
  ValidationError,
  assertStreamName,
  comparePositions,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '#libs/kernel';
import { WrongExpectedRevisionError, EventStoreUnavailableError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  ReadAllOptions,
  SubscribeOptions,
} from '../event-store.port.js';
import {
  COMMAND_EVENT_TYPE,
  commandEventId,
  commandStream,
  describeConnectionTarget,
  eventsAfter,
  fromCommandRecord,
  fromEsdbPosition,
  fromEsdbRevision,
  invalidConnectionStringError,
  isSystemEvent,
  meetsExpectation,
  toCommandRecord,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toEventData,
  toRecordedEvent,
  toStoreError,
  toWrongExpectedRevision,
  validateNewEvents,
} from './eventstoredb-mapping.js';

export interface EventStoreDbEventStoreOptions {
  readonly upcasters?: UpcasterRegistry;
  /** How the server is named in error messages (no credentials); see describeConnectionTarget. */
  readonly target?: string;
}

/** How long ping() waits for the server, in milliseconds. */
const PING_DEADLINE_MS = 5_000;

/**
 * The event store on EventStoreDB (gRPC client `@eventstore/db-client`).
 *
 * Positions are the log's own (commit, prepare) positions; revisions are the stream revisions
 * as numbers. System records (`$` streams and types) never leave this adapter.
 *
 * Idempotency by command id. EventStoreDB has no unique index we could key on a command id, so:
 *  1. Events without an id of their own get `uuidV5(commandId/index)`: a retry of the command
 *     carries the same ids, and EventStoreDB's idempotent-write check answers it with success
 *     instead of writing twice (guaranteed with an exact expected revision, best effort with
 *     `any`, per the EventStoreDB documentation).
 *  2. After the append, the result goes into a one-event stream `$command-<commandId>` written
 *     with expected NO_STREAM. That record is what findCommand reads, so a retry (also after a
 *     restart, and also with an expectation that no longer holds) returns the first result with
 *     `replayed: true` without touching the target stream. Of two concurrent copies of a command
 *     only one can create the record: the other returns the winner's result as a replay. In one
 *     process concurrent copies are also joined before they reach the server.
 * Limits: the record and the events are two writes, not one transaction. If the process stops
 * between them, the first retry re-sends the events (recognised by their ids, nothing is written
 * twice when the expectation was exact), then writes the record, and reports `replayed: false`
 * although it wrote no event; later retries report `replayed: true`. With expected `any` and
 * copies from several processes at the same moment, EventStoreDB's best-effort check is all that
 * stands between them; a copy it drops while the first is unconfirmed times out and must be
 * retried. The connection's user needs write access to `$command-*` (system) streams, which
 * admins have and insecure mode allows.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly upcasters: UpcasterRegistry;
  private readonly target: string;
  /** Appends of a command id under way in this process: copies wait for the first. */
  private readonly inFlight = new Map<string, Promise<AppendResult>>();
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.target = options.target ?? 'the configured EventStoreDB';
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertStreamName(stream);
    validateNewEvents(events);
    toEsdbExpectedRevision(expected); // refuses a malformed expectation before any I/O
    const commandId = options.commandId ?? events[0]?.metadata.commandId;
    if (!commandId) return this.guard(() => this.appendEvents(stream, events, expected, undefined));

    const pending = this.inFlight.get(commandId);
    if (pending) {
      const earlier = await pending.catch(() => undefined);
      if (earlier) return { ...earlier, replayed: true };
    }
    const attempt = this.guard(() => this.appendCommand(stream, events, expected, commandId));
    this.inFlight.set(commandId, attempt);
    try {
      return await attempt;
    } finally {
      if (this.inFlight.get(commandId) === attempt) this.inFlight.delete(commandId);
    }
  }

  private async appendCommand(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    commandId: string,
  ): Promise<AppendResult> {
    const earlier = await this.readCommand(commandId);
    if (earlier) return earlier;
    if (events.length === 0) return this.appendNothing(stream, expected);
    let result: AppendResult;
    try {
      result = await this.appendEvents(stream, events, expected, commandId);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        // Another process may have appended this very command first.
        const winner = await this.readCommand(commandId);
        if (winner) return winner;
      }
      throw error;
    }
    return this.recordCommand(commandId, result);
  }

  private async appendEvents(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    commandId: string | undefined,
  ): Promise<AppendResult> {
    if (events.length === 0) return this.appendNothing(stream, expected);
    const eventIds = events.map((event, i) => event.id ?? (commandId ? commandEventId(commandId, i) : randomUUID()));
    let appended: EsdbAppendResult;
    try {
      appended = await this.client.appendToStream(
        stream,
        events.map((event, i) => toEventData(event, eventIds[i])),
        { expectedRevision: toEsdbExpectedRevision(expected) },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toWrongExpectedRevision(stream, expected, error);
      throw error;
    }
    const nextExpectedRevision = fromEsdbRevision(appended.nextExpectedRevision);
    const position = await this.positionOf(stream, appended, eventIds[eventIds.length - 1]);
    return { stream, nextExpectedRevision, position, eventIds, replayed: false };
  }

  /**
   * The global position of the append's last event, read back from the stream so that it is
   * exactly the position readStream, readAll and subscribeAll report for that event (the append
   * response's position marks the write as a whole, which need not be the last event's).
   */
  private async positionOf(stream: string, appended: EsdbAppendResult, lastEventId: string): Promise<Position> {
    const [last] = await collect(
      this.client.readStream(stream, { fromRevision: appended.nextExpectedRevision, maxCount: 1, direction: FORWARDS }),
    );
    const event = last?.event;
    if (event?.id === lastEventId && event.position) return fromEsdbPosition(event.position);
    if (appended.position) return fromEsdbPosition(appended.position);
    throw new Error('EventStoreDB confirmed an append without a position; the eventstoredb adapter needs EventStoreDB 22.6 or later.');
  }

  /** An append of no events: checks the expectation, writes nothing (as the SQL adapter does). */
  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const current = await this.currentRevision(stream);
    if (!meetsExpectation(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no_stream');
    return { stream, nextExpectedRevision: current ?? -1, position: START, eventIds: [], replayed: false };
  }

  /** Writes the command record; the writer that creates it owns the original result. */
  private async recordCommand(commandId: string, result: AppendResult): Promise<AppendResult> {
    try {
      await this.client.appendToStream(
        commandStream(commandId),
        jsonEvent({ id: randomUUID(), type: COMMAND_EVENT_TYPE, data: { ...toCommandRecord(result) } }),
        { expectedRevision: NO_STREAM },
      );
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        // A concurrent copy of this command recorded it first: its result is the answer.
        return (await this.readCommand(commandId)) ?? { ...result, replayed: true };
      }
      const mapped = toStoreError(error, this.target);
      const reason = mapped instanceof Error ? mapped.message : String(mapped);
      throw new EventStoreUnavailableError(
        `The events were appended to ${result.stream}, but the record of command ${commandId} could not be written ` +
          `(${reason}). Retrying with the same command id is safe.`,
        { cause: error },
      );
    }
  }

  findCommand(commandId: string): Promise<AppendResult | undefined> {
    return this.guard(() => this.readCommand(commandId));
  }

  private async readCommand(commandId: string): Promise<AppendResult | undefined> {
    const [record] = await readOrEmpty(this.client.readStream(commandStream(commandId), { maxCount: 1, direction: FORWARDS }));
    const event = record?.event;
    return event ? fromCommandRecord(event.data) : undefined;
  }

  private async currentRevision(stream: string): Promise<number | undefined> {
    const [last] = await readOrEmpty(this.client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }));
    return last?.event ? fromEsdbRevision(last.event.revision) : undefined;
  }

  readStream(stream: string, options: { fromRevision?: number } = {}): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      assertStreamName(stream);
      const from = options.fromRevision ?? 0;
      const fromRevision = Number.isSafeInteger(from) && from > 0 ? BigInt(from) : 0n;
      const resolved = await readOrEmpty(this.client.readStream(stream, { fromRevision, direction: FORWARDS }));
      return resolved.flatMap((r) => (r.event ? [this.toRecorded(r.event)] : []));
    });
  }

  readAll({ after, limit }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('must be a whole number above 0', 'limit');
      // Pages of the raw log; system records are skipped, so a page can yield fewer than `limit`.
      const pageSize = Math.min(Math.max(limit + 1, 32), 1_000);
      const found: RecordedEvent[] = [];
      let cursor = after;
      for (;;) {
        const page = await collect(
          this.client.readAll({ fromPosition: toEsdbReadPosition(cursor), maxCount: pageSize, direction: FORWARDS }),
        );
        const records = page.flatMap((r) => (r.event ? [r.event] : []));
        for (const event of eventsAfter(cursor, records)) {
          if (!isSystemEvent(event)) found.push(this.toRecorded(event));
          if (found.length === limit) return found;
        }
        const last = records[records.length - 1];
        // The read starts at `cursor` itself, so a page that cannot move past it is the end.
        if (page.length < pageSize || !last || comparePositions(last.position, cursor) <= 0) return found;
        cursor = fromEsdbPosition(last.position);
      }
    });
  }

  subscribeAll(options: SubscribeOptions): EventSubscription {
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription({
      after: options.after,
      batchSize,
      open: (from) => this.client.subscribeToAll({ fromPosition: from, filter: excludeSystemEvents(), resolveLinkTos: false }),
      toEvent: (event) => this.toRecorded(event),
      toError: (error) => toStoreError(error, this.target),
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<Position> {
    return this.guard(async () => {
      const pageSize = 32;
      let from: ReadPosition = END;
      let before: Position | undefined;
      for (;;) {
        const page = await collect(this.client.readAll({ fromPosition: from, maxCount: pageSize, direction: BACKWARDS }));
        const records = page.flatMap((r) => (r.event ? [r.event] : []));
        for (const event of records) {
          if (before && comparePositions(event.position, before) >= 0) continue;
          if (!isSystemEvent(event)) return fromEsdbPosition(event.position);
        }
        const last = records[records.length - 1];
        if (page.length < pageSize || !last || (before && comparePositions(last.position, before) >= 0)) return START;
        before = fromEsdbPosition(last.position);
        from = before;
      }
    });
  }

  ping(): Promise<void> {
    return this.guard(async () => {
      await collect(this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, deadline: PING_DEADLINE_MS }));
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private toRecorded(event: EsdbRecordedEvent): RecordedEvent {
    return this.upcasters.upcast(toRecordedEvent(event));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error, this.target);
    }
  }
}

/** Opens the store and checks that the server answers; failures name EVENTSTORE_CONNECTION_STRING. */
export async function openEventStoreDbEventStore(options: {
  connectionString: string;
  upcasters?: UpcasterRegistry;
}): Promise<EventStoreDbEventStore> {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString);
  } catch {
    throw invalidConnectionStringError();
  }
  const store = new EventStoreDbEventStore(client, {
    upcasters: options.upcasters,
    target: describeConnectionTarget(options.connectionString),
  });
  try {
    await store.ping();
  } catch (error) {
    await client.dispose().catch(() => undefined);
    throw error;
  }
  return store;
}

/** Every item of a client read (an async iterable of resolved events). */
async function collect<E>(read: AsyncIterable<E>): Promise<E[]> {
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** A stream read where a stream that does not exist reads as empty. */
async function readOrEmpty(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  try {
    return await collect(read);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

interface SubscriptionOptions {
  readonly after: Position;
  readonly batchSize: number;
  open(from: ReadPosition): AllStreamSubscription;
  toEvent(event: AllStreamRecordedEvent): RecordedEvent;
  toError(error: unknown): unknown;
  onEnd(): void;
}

/**
 * A catch-up subscription to `$all` (system events filtered on the server and again here), as
 * an async iterable of batches: whatever has arrived when the consumer asks, up to batchSize.
 * The client pushes; the queue pauses it when the consumer falls behind.
 */
class EventStoreDbSubscription implements EventSubscription {
  private closed = false;
  private wake?: () => void;
  private source?: AllStreamSubscription;

  constructor(private readonly options: SubscriptionOptions) {}

  async *[Symbol.asyncIterator](): AsyncIterator<readonly RecordedEvent[]> {
    if (this.closed) return;
    const { batchSize } = this.options;
    const queue: RecordedEvent[] = [];
    let failure: { error: unknown } | undefined;
    let ended = false;
    let last = this.options.after;
    const notify = () => {
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    };

    const source = this.options.open(toEsdbReadPosition(this.options.after));
    this.source = source;
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = resolved.event;
      if (!event || isSystemEvent(event)) return;
      const position = fromEsdbPosition(event.position);
      // The start position itself, or anything delivered again after a reconnect, is skipped.
      if (comparePositions(position, last) <= 0) return;
      last = position;
      try {
        queue.push(this.options.toEvent(event));
      } catch (error) {
        failure ??= { error };
      }
      if (queue.length >= batchSize * 4 && !source.isPaused()) source.pause();
      notify();
    });
    source.on('error', (error: Error) => {
      failure ??= { error };
      notify();
    });
    source.on('end', () => {
      ended = true;
      notify();
    });
    source.on('close', () => {
      ended = true;
      notify();
    });

    try {
      while (!this.closed) {
        if (queue.length === 0) {
          if (failure) throw this.options.toError(failure.error);
          if (ended) return;
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          continue;
        }
        // Events of one write arrive back to back: let them join the same batch.
        if (queue.length < batchSize) await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.closed) return;
        const batch = queue.splice(0, batchSize);
        if (source.isPaused() && queue.length < batchSize) source.resume();
        yield batch;
      }
    } finally {
      this.closed = true;
      this.wake = undefined;
      await this.stopSource();
      this.options.onEnd();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
    await this.stopSource();
    this.options.onEnd();
  }

  private async stopSource(): Promise<void> {
    const source = this.source;
    this.source = undefined;
    if (!source) return;
    source.removeAllListeners('data');
    source.on('error', () => undefined); // a late error after unsubscribing has no reader left
    await source.unsubscribe().catch(() => undefined);
  }
}
