import type { RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '../projection.js';

/**
 * How many events of each type each stream category received per day: the product's own
 * activity figures (for operators and the admin overview). Holds no event data at all.
 */
export const eventStatisticsProjection: Projection = {
  name: 'event_statistics',
  version: 1,
  tables: ['daily'],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('daily')} (
      day        date NOT NULL,
      category   text NOT NULL,
      event_type text NOT NULL,
      events     bigint NOT NULL,
      PRIMARY KEY (day, category, event_type)
    )`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const counts = new Map<string, { day: string; category: string; type: string; n: number }>();
    for (const event of events) {
      const day = event.metadata.recordedAt.slice(0, 10);
      const category = event.stream.slice(0, event.stream.indexOf('-'));
      const key = `${day}|${category}|${event.type}`;
      const entry = counts.get(key) ?? { day, category, type: event.type, n: 0 };
      entry.n += 1;
      counts.set(key, entry);
    }
    await tx.query(
      `INSERT INTO ${table('daily')} (day, category, event_type, events)
       SELECT r.day, r.category, r.type, r.n FROM jsonb_to_recordset($1::jsonb) AS r(day date, category text, type text, n bigint)
       ON CONFLICT (day, category, event_type) DO UPDATE SET events = ${table('daily')}.events + EXCLUDED.events`,
      [JSON.stringify([...counts.values()])],
    );
  },
};
