import { formatPosition, parsePosition, type Position, START } from '#libs/kernel';
import { toBigInt, toNumber, type SqlDatabase, type SqlExecutor } from '#libs/database';
import { type Projection, type ProjectionContext, type ProjectionFailure, readModelView } from './projection.js';

/**
 * Every projection writes into a numbered slot: its own copy of its tables plus a checkpoint.
 * Exactly one slot per projection is live (readers see it through views); a new version or a
 * rebuild fills a building slot beside it, then takes over in one transaction.
 */
export const PROJECTION_SLOTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_slots (
  projection       text NOT NULL,
  slot             integer NOT NULL,
  version          integer NOT NULL,
  status           text NOT NULL CHECK (status IN ('building', 'live', 'retired')),
  commit_position  text NOT NULL DEFAULT '-1',
  prepare_position bigint NOT NULL DEFAULT -1,
  events_applied   bigint NOT NULL DEFAULT 0,
  error            jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, slot)
);
CREATE UNIQUE INDEX IF NOT EXISTS projection_slots_one_live ON projection_slots (projection) WHERE status = 'live';
CREATE UNIQUE INDEX IF NOT EXISTS projection_slots_one_building ON projection_slots (projection) WHERE status = 'building';
`;

export type SlotStatus = 'building' | 'live' | 'retired';

export interface Slot {
  readonly projection: string;
  readonly slot: number;
  readonly version: number;
  readonly status: SlotStatus;
  readonly position: Position;
  readonly eventsApplied: number;
  readonly error?: ProjectionFailure;
}

interface SlotRow {
  projection: string;
  slot: number;
  version: number;
  status: SlotStatus;
  commit_position: string;
  prepare_position: string;
  events_applied: string;
  error: (Omit<ProjectionFailure, 'position'> & { position: string }) | null;
}

/** Another process moved or retired this slot since it was read: reload and carry on. */
export class SlotMovedError extends Error {
  constructor(readonly projection: string, readonly slot: number) {
    super(`Projection ${projection} slot ${slot} was moved by another process`);
  }
}

export function physicalTable(projection: string, table: string, slot: number): string {
  return `${projection}_${table}__s${slot}`;
}

export function slotContext(tx: SqlExecutor, projection: Projection, slot: number): ProjectionContext {
  return {
    tx,
    table: (name) => {
      if (!projection.tables.includes(name)) {
        throw new Error(`Projection ${projection.name} does not declare a table "${name}"`);
      }
      return physicalTable(projection.name, name, slot);
    },
  };
}

export class SlotRepository {
  constructor(private readonly db: SqlDatabase) {}

  async migrate(): Promise<void> {
    await this.db.exec(PROJECTION_SLOTS_SCHEMA);
  }

  async slots(projection: string, executor: SqlExecutor = this.db): Promise<Slot[]> {
    const { rows } = await executor.query<SlotRow>(
      `SELECT projection, slot, version, status, commit_position, prepare_position, events_applied, error
         FROM projection_slots WHERE projection = $1 AND status <> 'retired' ORDER BY slot`,
      [projection],
    );
    return rows.map(toSlot);
  }

  async find(projection: string, slot: number): Promise<Slot | undefined> {
    const { rows } = await this.db.query<SlotRow>(
      `SELECT projection, slot, version, status, commit_position, prepare_position, events_applied, error
         FROM projection_slots WHERE projection = $1 AND slot = $2`,
      [projection, slot],
    );
    return rows[0] ? toSlot(rows[0]) : undefined;
  }

  /** Opens a building slot for `projection` and creates its tables, in one transaction. */
  async createBuilding(projection: Projection): Promise<Slot> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [`projection:${projection.name}`]);
      const existing = (await this.slots(projection.name, tx)).find((s) => s.status === 'building');
      if (existing) return existing;
      const { rows } = await tx.query<{ next: number }>(
        'SELECT coalesce(max(slot), 0) + 1 AS next FROM projection_slots WHERE projection = $1',
        [projection.name],
      );
      const slot = toNumber(rows[0].next);
      for (const table of projection.tables) {
        await tx.query(`DROP TABLE IF EXISTS ${physicalTable(projection.name, table, slot)}`);
      }
      await projection.setup(slotContext(tx, projection, slot));
      if (!(await this.slots(projection.name, tx)).some((s) => s.status === 'live')) {
        // Nothing serves readers yet: let the first build do so while it fills, rather than
        // have queries fail on a missing view until it has caught up.
        await this.pointViews(tx, projection, slot);
      }
      await tx.query(
        `INSERT INTO projection_slots (projection, slot, version, status) VALUES ($1, $2, $3, 'building')`,
        [projection.name, slot, projection.version],
      );
      return { projection: projection.name, slot, version: projection.version, status: 'building', position: START, eventsApplied: 0 };
    });
  }

  /**
   * Moves the checkpoint from `from` to `to` inside the caller's transaction, only if nobody
   * else moved it meanwhile: the read-model writes of the same transaction then commit with it.
   */
  async advance(tx: SqlExecutor, slot: Slot, to: Position, applied: number): Promise<Slot> {
    const result = await tx.query(
      `UPDATE projection_slots
          SET commit_position = $3, prepare_position = $4, events_applied = events_applied + $5,
              error = NULL, updated_at = now()
        WHERE projection = $1 AND slot = $2 AND status <> 'retired'
          AND commit_position = $6 AND prepare_position = $7`,
      [slot.projection, slot.slot, String(to.commit), String(to.prepare), applied, String(slot.position.commit), String(slot.position.prepare)],
    );
    if (result.rowCount !== 1) throw new SlotMovedError(slot.projection, slot.slot);
    return { ...slot, position: to, eventsApplied: slot.eventsApplied + applied, error: undefined };
  }

  async recordFailure(slot: Slot, failure: ProjectionFailure): Promise<void> {
    await this.db.query(
      `UPDATE projection_slots SET error = $3::jsonb, updated_at = now() WHERE projection = $1 AND slot = $2`,
      [slot.projection, slot.slot, JSON.stringify({ ...failure, position: formatPosition(failure.position) })],
    );
  }

  /**
   * The building slot becomes live: the views are pointed at its tables, the old live slot is
   * retired and its tables dropped, all in one transaction, so readers see one or the other.
   */
  async takeOver(projection: Projection, building: Slot): Promise<Slot> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [`projection:${projection.name}`]);
      const current = await this.slots(projection.name, tx);
      const old = current.find((s) => s.status === 'live');
      const mine = current.find((s) => s.slot === building.slot && s.status === 'building');
      if (!mine) throw new SlotMovedError(projection.name, building.slot);
      await this.pointViews(tx, projection, building.slot);
      if (old) {
        await tx.query(`UPDATE projection_slots SET status = 'retired', updated_at = now() WHERE projection = $1 AND slot = $2`, [
          projection.name,
          old.slot,
        ]);
        const oldTables = await this.tablesOfSlot(tx, projection.name, old.slot);
        for (const table of oldTables) await tx.query(`DROP TABLE IF EXISTS ${table}`);
      }
      await tx.query(`UPDATE projection_slots SET status = 'live', updated_at = now() WHERE projection = $1 AND slot = $2`, [
        projection.name,
        building.slot,
      ]);
      return { ...mine, status: 'live' as const };
    });
  }

  private async pointViews(tx: SqlExecutor, projection: Projection, slot: number): Promise<void> {
    for (const table of projection.tables) {
      const view = readModelView(projection.name, table);
      await tx.query(`DROP VIEW IF EXISTS ${view}`);
      await tx.query(`CREATE VIEW ${view} AS SELECT * FROM ${physicalTable(projection.name, table, slot)}`);
    }
  }

  /** Retires a slot that will never be used and drops its tables. */
  async discard(projection: string, slot: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE projection_slots SET status = 'retired', updated_at = now() WHERE projection = $1 AND slot = $2`, [
        projection,
        slot,
      ]);
      for (const table of await this.tablesOfSlot(tx, projection, slot)) await tx.query(`DROP TABLE IF EXISTS ${table}`);
    });
  }

  /** Physical tables of a slot, found by name (an old version may have had other tables). */
  private async tablesOfSlot(tx: SqlExecutor, projection: string, slot: number): Promise<string[]> {
    const { rows } = await tx.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_name LIKE $1 ESCAPE '!'`,
      [`${projection.replace(/_/g, '!_')}!_%!_!_s${slot}`],
    );
    return rows.map((r) => r.table_name);
  }
}

function toSlot(row: SlotRow): Slot {
  return {
    projection: row.projection,
    slot: toNumber(row.slot),
    version: toNumber(row.version),
    status: row.status,
    position: { commit: toBigInt(row.commit_position), prepare: toBigInt(row.prepare_position) },
    eventsApplied: toNumber(row.events_applied),
    error: row.error
      ? { ...row.error, position: parsePosition(row.error.position) }
      : undefined,
  };
}
