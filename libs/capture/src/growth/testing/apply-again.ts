import type { RecordedEvent } from '#libs/kernel';
import type { Projection } from '#libs/projections';
import type { ProjectionHarness } from '../../../../projections/src/testing/index.js';

/**
 * For read-model specs: applies events straight to the live slot's tables a second time, past the
 * runner's checkpoint, as an at-least-once redelivery would. A projection that is idempotent
 * leaves its tables exactly as they were.
 */
export async function applyAgain(h: ProjectionHarness, projection: Projection, events: readonly RecordedEvent[]): Promise<void> {
  const { rows } = await h.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE $1`,
    [`${projection.name}_${projection.tables[0]}__s%`],
  );
  if (rows.length !== 1) throw new Error(`Expected one live slot of ${projection.name}, found ${rows.length}`);
  const slot = rows[0].table_name.split('__s')[1];
  await h.db.transaction((tx) => projection.apply(events, { tx, table: (t) => `${projection.name}_${t}__s${slot}` }));
}
