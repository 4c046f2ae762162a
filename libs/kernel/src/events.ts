import type { Position } from './position.js';

/** JSON-compatible data, the only thing an event may carry. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface EventMetadata {
  /** Who caused the event: a user id, or `system:<name>` for the product itself. */
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** The command that produced the event; the same command id never appends twice. */
  readonly commandId: string;
  /** When it happened in the world (ISO 8601), which may be before it was recorded. */
  readonly occurredAt: string;
}

/** An event about to be appended. `type` is a stable string such as `observation.recorded`. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly id?: string;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

export interface RecordedMetadata extends EventMetadata {
  /** When the store accepted it (ISO 8601). */
  readonly recordedAt: string;
}

/** An event as read back from the store, always in its current shape (see upcasting). */
export interface RecordedEvent<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly stream: string;
  /** Zero-based position of the event within its stream. */
  readonly revision: number;
  readonly position: Position;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: RecordedMetadata;
}

/** A plain event shape for deciders: a tagged union member. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}
