import pg from 'pg';

export interface RawInsertedRow {
  readonly eventId: string;
  readonly position: bigint;
  readonly transactionId: bigint;
}

/**
 * One plain `pg` connection to a test schema that writes to the event store's `events` table
 * with the same INSERT the store uses, inside transactions the test opens and ends itself. It
 * lets a test hold a writer's transaction open for as long as it likes (or roll it back) while
 * the store's own writers and readers go on over their pool.
 */
export class RawEventsSession {
  private constructor(private readonly client: pg.Client) {}

  static async open(
    connectionString: string,
    schema: string,
    applicationName = 'learning-loop:test-raw-writer',
  ): Promise<RawEventsSession> {
    const client = new pg.Client({
      connectionString,
      application_name: applicationName,
      options: `-c search_path=${schema},public`,
    });
    client.on('error', () => undefined);
    await client.connect();
    return new RawEventsSession(client);
  }

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
  }

  /** Makes the open transaction take its transaction id now, before it writes anything. */
  async takeTransactionId(): Promise<bigint> {
    const { rows } = await this.client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    return BigInt(rows[0].xid);
  }

  /** Inserts events at revisions 0.. of `stream` (a stream of its own), as the store's append does. */
  async insert(stream: string, events: ReadonlyArray<{ id: string; n: number; commandId: string }>): Promise<RawInsertedRow[]> {
    const rows = events.map((event, i) => ({
      event_id: event.id,
      revision: i,
      type: 'tally.counted',
      schema_version: 1,
      data: { n: event.n },
      metadata: {
        actor: 'system:test',
        correlationId: event.commandId,
        causationId: event.commandId,
        commandId: event.commandId,
        occurredAt: '2026-03-02T10:00:00.000Z',
      },
    }));
    const { rows: inserted } = await this.client.query<{ event_id: string; position: string; commit_position: string }>(
      `INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata)
       SELECT e.event_id, $1, e.revision, e.type, e.schema_version, e.data, e.metadata
         FROM jsonb_to_recordset($2::jsonb)
           AS e(event_id uuid, revision integer, type text, schema_version integer, data jsonb, metadata jsonb)
       RETURNING event_id, transaction_id::text AS commit_position, position`,
      [stream, JSON.stringify(rows)],
    );
    return inserted.map((row) => ({
      eventId: row.event_id,
      position: BigInt(row.position),
      transactionId: BigInt(row.commit_position),
    }));
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
