import { isUuid, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';

/** Stream categories whose id is the person the events are about. */
const PERSON_STREAMS = ['person', 'coaching', 'growth', 'wellbeing', 'recordaccess'];

/**
 * Who did what, and to whose record: one row per event (every command's events carry their
 * actor), including the recorded reads of a person's record. Only ids and event types are kept,
 * never the data, so the log holds no personal data of its own.
 */
export const auditLogProjection: Projection = {
  name: 'audit',
  version: 1,
  tables: ['log'],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('log')} (
      seq          bigserial PRIMARY KEY,
      event_id     uuid NOT NULL UNIQUE,
      recorded_at  timestamptz NOT NULL,
      occurred_at  timestamptz NOT NULL,
      actor        text NOT NULL,
      event_type   text NOT NULL,
      stream       text NOT NULL,
      person_id    uuid,
      command_id   text NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('log')} (actor, seq)`);
    await tx.query(`CREATE INDEX ON ${table('log')} (person_id, seq)`);
    await tx.query(`CREATE INDEX ON ${table('log')} (occurred_at)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    for (const event of events) {
      await tx.query(
        `INSERT INTO ${table('log')} (event_id, recorded_at, occurred_at, actor, event_type, stream, person_id, command_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING`,
        [event.id, event.metadata.recordedAt, event.metadata.occurredAt, event.metadata.actor, event.type, event.stream, personOf(event), event.metadata.commandId],
      );
    }
  },
};

function personOf(event: RecordedEvent): string | null {
  const dash = event.stream.indexOf('-');
  const category = event.stream.slice(0, dash);
  if (PERSON_STREAMS.includes(category)) return event.stream.slice(dash + 1);
  const data = event.data as { personId?: unknown; observation?: { personId?: unknown } } | null;
  const id = data?.personId ?? data?.observation?.personId;
  return typeof id === 'string' && isUuid(id) ? id : null;
}

