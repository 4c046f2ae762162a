import type { NewEvent, Position, RecordedEvent } from '#libs/kernel';

/**
 * What an append expects of the stream. A number is the revision of the stream's last event
 * (zero-based), so `0` means "exactly one event so far".
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendOptions {
  /**
   * The command that produced these events. A second append with the same command id appends
   * nothing and returns the first append's result (also after a restart). Defaults to the
   * `commandId` in the first event's metadata.
   */
  readonly commandId?: string;
}

export interface AppendResult {
  readonly stream: string;
  /** Revision of the last event the command appended (or -1 when it appended none). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended; read models that reach it include the write. */
  readonly position: Position;
  readonly eventIds: readonly string[];
  /** True when this command id had already been appended and nothing new was written. */
  readonly replayed: boolean;
}

export interface ReadAllOptions {
  /** Read events strictly after this position (START for everything). */
  readonly after: Position;
  readonly limit: number;
}

export interface SubscribeOptions {
  readonly after: Position;
  /** Largest batch handed over at once; smaller batches are delivered as soon as they exist. */
  readonly batchSize?: number;
}

/** A live feed of every event after a position, in global order, delivered in batches. */
export interface EventSubscription extends AsyncIterable<readonly RecordedEvent[]> {
  /** Ends the feed; a pending iteration finishes with `done`. */
  close(): Promise<void>;
}

export type EventStoreKind = 'embedded' | 'postgres' | 'eventstoredb';

/**
 * The event store port. Adapters: embedded (PGlite), postgres (pg) and eventstoredb. All of
 * them pass the same contract suite (`testing/event-store.contract.ts`).
 */
export interface EventStore {
  readonly kind: EventStoreKind;

  /**
   * Appends events to one stream atomically, or nothing at all. Throws
   * WrongExpectedRevisionError when the stream is not at `expected`.
   */
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;

  /** The result of an earlier append by this command id, if there was one. */
  findCommand(commandId: string): Promise<AppendResult | undefined>;

  /** All events of one stream in revision order, upcast to their current shape. */
  readStream(stream: string, options?: { fromRevision?: number }): Promise<RecordedEvent[]>;

  /** Up to `limit` events after `after` in the one global order, upcast. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catches up from `after`, then delivers new events within a second of their commit. */
  subscribeAll(options: SubscribeOptions): EventSubscription;

  /** The position of the newest event that readAll can return now (START when empty). */
  headPosition(): Promise<Position>;

  /**
   * How many events readAll would return after `after` right now, where the store can count
   * them cheaply enough for progress and lag figures; adapters that cannot leave it out.
   */
  countEventsAfter?(after: Position): Promise<number>;

  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
