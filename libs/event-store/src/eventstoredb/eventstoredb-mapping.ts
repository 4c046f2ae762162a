import {
  ANY,
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  START as ESDB_START,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  isSystemStream,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
  type WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  ValidationError,
  comparePositions,
  uuidV5,
  type NewEvent,
  type Position,
  type RecordedEvent,
  type RecordedMetadata,
} from '#libs/kernel';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';

/**
 * Pure conversions between the EventStore port and `@eventstore/db-client`. Nothing here talks
 * to a server, so all of it is unit-tested without one (eventstoredb-mapping.spec.ts).
 */

/** The largest number of events one append may carry, as in the SQL adapter. */
export const MAX_EVENTS_PER_ESDB_APPEND = 10_000;

/** Name of the environment variable operators fix when the store cannot be reached. */
export const CONNECTION_VARIABLE = 'EVENTSTORE_CONNECTION_STRING';

// ---------------------------------------------------------------------------------------------
// Expected and current revisions
// ---------------------------------------------------------------------------------------------

/** Our expectation as the client's: the three constants, or the last event's revision as bigint. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
  }
  // -1 would reach the server as its legacy "no stream" code and silently mean something else.
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new ValidationError(
      'must be the revision of the stream\'s last event (a whole number from 0), "no_stream", "stream_exists" or "any"',
      'expectedRevision',
    );
  }
  return BigInt(expected);
}

/** A stream revision (ESDB: unsigned 64-bit) as the zero-based number the port uses. */
export function fromEsdbRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Stream revision ${revision} is outside the range this adapter supports.`);
  }
  return Number(revision);
}

/** The client's current revision (`no_stream` or a bigint) as the port's. */
export function fromEsdbCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  if (current === NO_STREAM || current < 0n) return 'no_stream';
  return fromEsdbRevision(current);
}

/** Does a stream at `current` (undefined: no stream) meet `expected`? Same rules as the server. */
export function meetsExpectation(expected: ExpectedRevision, current: number | undefined): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'number' && current === expected)
  );
}

/** The client's WrongExpectedVersionError as the port's typed conflict. */
export function toWrongExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  error: Pick<WrongExpectedVersionError, 'actualVersion'>,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(stream, expected, fromEsdbCurrentRevision(error.actualVersion));
}

// ---------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------

/** True for START (or any position before the first event). */
export function isStartPosition(position: Position): boolean {
  return position.commit < 0n || position.prepare < 0n;
}

/**
 * Where a read "after `position`" starts. ESDB starts a forward read of $all at the position
 * itself (inclusive); rather than rely on how each call treats its start, every caller drops what
 * is not strictly after `position` (eventsAfter, or the same comparison in the subscription).
 */
export function toEsdbReadPosition(position: Position): ReadPosition {
  if (isStartPosition(position)) return ESDB_START;
  return { commit: position.commit, prepare: position.prepare };
}

export function fromEsdbPosition(position: EsdbPosition): Position {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

/**
 * The events strictly after `after`, ordered by (commit, prepare). All events of one multi-event
 * append can share a commit position and differ in prepare position, so comparing both parts is
 * what keeps a batch boundary inside such an append from losing or repeating events.
 */
export function eventsAfter<T extends { readonly position: Position }>(after: Position, events: readonly T[]): T[] {
  return events.filter((e) => comparePositions(e.position, after) > 0).sort((a, b) => comparePositions(a.position, b.position));
}

// ---------------------------------------------------------------------------------------------
// System events
// ---------------------------------------------------------------------------------------------

/**
 * EventStoreDB's own records: streams and event types starting with `$` (`$epoch-information`,
 * `$$metadata` streams, `$>` links, this adapter's `$command-…` records). Domain streams and types
 * can never start with `$` (see assertStreamName and the type check), so none is hidden by mistake.
 */
export function isSystemEvent(event: { readonly streamId: string; readonly type: string }): boolean {
  return isSystemStream(event.streamId) || event.type.startsWith('$');
}

// ---------------------------------------------------------------------------------------------
// Writing events
// ---------------------------------------------------------------------------------------------

/** Namespace of the name-based ids of events whose caller gave none (see commandEventId). */
export const EVENT_ID_NAMESPACE = '6accb0da-d1a2-4685-86fa-8c3e131592d3';

/**
 * The id of the `index`th event of a command, derived from the command id: a retry of the same
 * command carries the same ids, so EventStoreDB's own idempotency check recognises it.
 */
export function commandEventId(commandId: string, index: number): string {
  return uuidV5(`${commandId}/${index}`, EVENT_ID_NAMESPACE);
}

/** What is stored as ESDB event metadata (JSON). */
export interface StoredMetadata {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandId: string;
  readonly occurredAt: string;
  readonly schemaVersion: number;
  /** ESDB's conventional names, read by its system projections (for example $by_correlation_id). */
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly [key: string]: unknown;
}

export function toStoredMetadata(event: NewEvent): StoredMetadata {
  const m = event.metadata;
  return {
    ...m,
    actor: m.actor,
    correlationId: m.correlationId,
    causationId: m.causationId,
    commandId: m.commandId,
    occurredAt: m.occurredAt,
    schemaVersion: event.schemaVersion,
    $correlationId: m.correlationId,
    $causationId: m.causationId,
  };
}

/**
 * A new event as the client's JSON event. The client writes `JSON.stringify(data)`, so every JSON
 * value (also a bare string, number or null) reads back exactly; `undefined` is stored as null.
 */
export function toEventData(event: NewEvent, id: string): EventData {
  return jsonEvent({
    id,
    type: event.type,
    // jsonEvent's type admits objects, arrays and strings; the client serialises any JSON value.
    data: (event.data === undefined ? null : event.data) as Record<string, unknown>,
    metadata: toStoredMetadata(event),
  });
}

/** The same checks as the SQL adapter, so both refuse the same input with the same messages. */
export function validateNewEvents(events: readonly NewEvent[]): void {
  if (events.length > MAX_EVENTS_PER_ESDB_APPEND) {
    throw new ValidationError(`at most ${MAX_EVENTS_PER_ESDB_APPEND} events can be appended at once`, 'events');
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

// ---------------------------------------------------------------------------------------------
// Reading events
// ---------------------------------------------------------------------------------------------

/**
 * A recorded ESDB event as the port's RecordedEvent, before upcasting. `recordedAt` is the
 * server's `created` time; `schemaVersion` comes back from the metadata (1 when absent, as for
 * events written by other tools).
 */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(
      'EventStoreDB returned an event without its log position; the eventstoredb adapter needs EventStoreDB 22.6 or later.',
    );
  }
  const stored = parseJsonObject(event.metadata);
  const { schemaVersion, $correlationId, $causationId, ...rest } = stored;
  const metadata: RecordedMetadata = {
    ...rest,
    actor: text(rest.actor),
    correlationId: text(rest.correlationId ?? $correlationId),
    causationId: text(rest.causationId ?? $causationId),
    commandId: text(rest.commandId),
    occurredAt: text(rest.occurredAt),
    recordedAt: event.created.toISOString(),
  };
  return {
    id: event.id,
    stream: event.streamId,
    revision: fromEsdbRevision(event.revision),
    position: fromEsdbPosition(event.position),
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) && schemaVersion >= 1 ? schemaVersion : 1,
    data: event.isJson ? event.data : decodeBinary(event.data as Uint8Array),
    metadata,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  if (value instanceof Uint8Array) {
    const decoded = decodeBinary(value);
    return isPlainObject(decoded) ? decoded : {};
  }
  return isPlainObject(value) ? value : {};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Events written by other tools as bytes: JSON when they hold JSON, else the bytes themselves. */
function decodeBinary(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return bytes;
  }
}

// ---------------------------------------------------------------------------------------------
// Command records (idempotency; see EventStoreDbEventStore for the design)
// ---------------------------------------------------------------------------------------------

/** `$` keeps these streams out of the domain's namespace (domain streams are `category-id`). */
export const COMMAND_STREAM_PREFIX = '$command-';
export const COMMAND_EVENT_TYPE = '$command-appended';

export function commandStream(commandId: string): string {
  return `${COMMAND_STREAM_PREFIX}${commandId}`;
}

/** The JSON body of a command record: the first append's result. */
export interface CommandRecord {
  readonly stream: string;
  readonly nextExpectedRevision: number;
  readonly commit: string;
  readonly prepare: string;
  readonly eventIds: readonly string[];
}

export function toCommandRecord(result: AppendResult): CommandRecord {
  return {
    stream: result.stream,
    nextExpectedRevision: result.nextExpectedRevision,
    commit: result.position.commit.toString(),
    prepare: result.position.prepare.toString(),
    eventIds: [...result.eventIds],
  };
}

/** A stored command record as the result a replay returns; throws when it is not one. */
export function fromCommandRecord(data: unknown): AppendResult {
  const r = data as Partial<CommandRecord> | null;
  if (
    !r ||
    typeof r.stream !== 'string' ||
    typeof r.nextExpectedRevision !== 'number' ||
    typeof r.commit !== 'string' ||
    typeof r.prepare !== 'string' ||
    !/^-?\d+$/.test(r.commit) ||
    !/^-?\d+$/.test(r.prepare) ||
    !Array.isArray(r.eventIds) ||
    !r.eventIds.every((id) => typeof id === 'string')
  ) {
    throw new Error('A command record in EventStoreDB is not in the shape this adapter writes.');
  }
  return {
    stream: r.stream,
    nextExpectedRevision: r.nextExpectedRevision,
    position: { commit: BigInt(r.commit), prepare: BigInt(r.prepare) },
    eventIds: [...r.eventIds],
    replayed: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Connection strings and errors
// ---------------------------------------------------------------------------------------------

/**
 * The scheme and hosts of a connection string, for messages: user name, password and query
 * options (which may name key files) are left out, so nothing secret is ever echoed.
 */
export function describeConnectionTarget(connectionString: string): string {
  const match = /^\s*(esdb(?:\+discover)?:\/\/)([^/?#]*)/i.exec(connectionString);
  if (!match) return 'an address that is not an esdb:// connection string';
  const authority = match[2];
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  return `${match[1].toLowerCase()}${hosts || '(no host)'}`;
}

export function invalidConnectionStringError(): EventStoreUnavailableError {
  // The client's parse error carries the whole string (credentials included): never attach it.
  return new EventStoreUnavailableError(
    `${CONNECTION_VARIABLE} is not a valid EventStoreDB connection string; expected esdb://host:2113?tls=false ` +
      'or esdb+discover://host:2113 (credentials, if any, as esdb://user:password@host:2113).',
  );
}

/**
 * Failures of the connection as EventStoreUnavailableError with a message safe for operators;
 * `target` is describeConnectionTarget's output. Anything else comes back unchanged (conflicts,
 * validation, bugs). A plain gRPC error (not yet converted by the client) counts by its status.
 */
export function toStoreError(error: unknown, target: string): unknown {
  if (error instanceof EventStoreUnavailableError || !(error instanceof Error)) return error;
  const where = `${target} (from ${CONNECTION_VARIABLE})`;
  if (error instanceof AccessDeniedError) {
    return new EventStoreUnavailableError(
      `EventStoreDB at ${where} refused the request: check the user and password in ${CONNECTION_VARIABLE} ` +
        'and that the user may read $all and write streams, including the $command-* records.',
      { cause: error },
    );
  }
  if (error instanceof TimeoutError || error instanceof DeadlineExceededError || grpcStatus(error) === GRPC_DEADLINE_EXCEEDED) {
    return new EventStoreUnavailableError(
      `EventStoreDB at ${where} did not answer in time. A write may or may not have happened; ` +
        'retrying with the same command id is safe.',
      { cause: error },
    );
  }
  if (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    grpcStatus(error) === GRPC_UNAVAILABLE
  ) {
    return new EventStoreUnavailableError(
      `EventStoreDB cannot be reached at ${where}. Check that it is running and that ${CONNECTION_VARIABLE} is right.`,
      { cause: error },
    );
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new ValidationError('together the events are larger than EventStoreDB accepts in one append', 'events');
  }
  return error;
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function grpcStatus(error: Error): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}
