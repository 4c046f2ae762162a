import type { Position, RecordedEvent } from '#libs/kernel';
import type { SqlExecutor } from '#libs/database';

/** What a projection writes with: the open transaction and the names of its own tables. */
export interface ProjectionContext {
  /** The transaction the runner commits together with the checkpoint. */
  readonly tx: SqlExecutor;
  /** Physical name of one of the projection's tables in the slot being written. */
  table(name: string): string;
}

/**
 * A read model kept from the event stream. The runner feeds it every event in global order, in
 * batches, and commits its writes and its checkpoint in one transaction, so a batch is applied
 * entirely or not at all. Raise `version` whenever `setup` or `apply` changes meaning: the new
 * version is then built beside the old one, which keeps serving until the new one catches up.
 */
export interface Projection {
  /** Lower-case snake name, stable over time, e.g. `observation_counts`. */
  readonly name: string;
  readonly version: number;
  /** Base names of the tables it owns. Readers query them as views named `<name>_<table>`. */
  readonly tables: readonly string[];
  /** Only these event types are handed to `apply` (all others still move the checkpoint). */
  readonly eventTypes?: readonly string[];
  /** Creates the tables of a fresh slot: `CREATE TABLE ${ctx.table('counts')} (...)`. */
  setup(ctx: ProjectionContext): Promise<void>;
  /** Applies one batch. Must depend only on the events (and the tables it owns). */
  apply(events: readonly RecordedEvent[], ctx: ProjectionContext): Promise<void>;
}

export type ProjectionState = 'starting' | 'catching_up' | 'live' | 'failed' | 'stopped';

export interface ProjectionFailure {
  readonly message: string;
  /** Position of the first event that could not be applied. */
  readonly position: Position;
  readonly eventType: string;
  readonly at: string;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly slot: number;
  readonly state: ProjectionState;
  readonly position: Position;
  /** Events between the checkpoint and the head of the store, when the store can count them. */
  readonly lag: number | null;
  readonly eventsApplied: number;
  readonly error?: ProjectionFailure;
  /** A newer version or a rebuild being built beside the live slot. */
  readonly building?: { readonly slot: number; readonly version: number; readonly position: Position; readonly eventsApplied: number };
}

/** The view readers use for a projection's table: stable across versions and rebuilds. */
export function readModelView(projection: string, table: string): string {
  return `${projection}_${table}`;
}

// Short enough that `<name>_<table>__s<slot>` stays within PostgreSQL's 63-character identifiers.
const NAME = /^[a-z][a-z0-9_]{0,23}$/;

export function assertProjectionShape(projection: Projection): void {
  if (!NAME.test(projection.name)) throw new Error(`Projection name "${projection.name}" must be lower snake case, at most 24 characters`);
  if (!Number.isInteger(projection.version) || projection.version < 1) throw new Error(`Projection ${projection.name}: version must be a whole number from 1`);
  if (projection.tables.length === 0) throw new Error(`Projection ${projection.name} owns no tables`);
  for (const table of projection.tables) {
    if (!NAME.test(table)) throw new Error(`Projection ${projection.name}: table "${table}" must be lower snake case`);
  }
}
