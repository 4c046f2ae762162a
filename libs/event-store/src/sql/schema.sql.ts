/**
 * Tables of the SQL event store (PostgreSQL and the embedded PGlite run the same script).
 *
 * The global order. A sequence number alone is not a safe global order in PostgreSQL:
 * transaction A can take number 7, transaction B number 8, B commits first, a reader reads 8
 * and moves its checkpoint past 7, and A's event, committed a moment later, is never read.
 * So every row also records the id of the transaction that wrote it (`transaction_id`), and
 * readers only read rows of transactions older than the oldest one still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`). That set of transactions is closed: no new row
 * can join it. Ordering it by (transaction_id, position) gives a prefix that only ever grows at
 * its end, so a checkpoint is never passed by a late commit. The price is that a long-running
 * transaction holds readers back until it ends; nothing is skipped.
 */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid NOT NULL,
  stream          text NOT NULL,
  revision        integer NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_revision_unique UNIQUE (stream, revision)
);
CREATE INDEX IF NOT EXISTS events_global_order ON events (transaction_id, position);

CREATE TABLE IF NOT EXISTS event_commands (
  command_id      text PRIMARY KEY,
  stream          text NOT NULL,
  last_revision   integer NOT NULL,
  commit_position text NOT NULL,
  prepare_position bigint NOT NULL,
  event_ids       jsonb NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;

export const EVENTS_CHANNEL = 'learning_loop_events';
