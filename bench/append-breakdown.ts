/**
 * Where the time of an append goes: the real SqlEventStore.append beside copies of its SQL with
 * one step taken away or done differently, and the raw INSERT baseline, on one backend. Each
 * variant runs the same number of appends in several rounds (the order turns every round, so
 * table growth and checkpoints hit all alike). A prototype for measuring, not production code.
 *
 *   node --conditions=source --import tsx bench/append-breakdown.ts --backend postgres
 *   flags: --backend embedded|postgres  --size 100  --ops 300  --rounds 3  --latency 2000  --database-url URL
 *          --only key,key (variants to run besides `shipped` and `raw`; keys in variants())
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NewEvent } from '#libs/kernel';
import type { SqlDatabase, SqlExecutor } from '#libs/database';
import { EVENTS_CHANNEL, type SqlEventStore } from '#libs/event-store';
import { openEmbedded, openPostgres, type OpenBackend } from './backends.js';
import { formatInt, log, markdownTable, type Row } from './report.js';
import { benchData, benchEvent, benchMetadata, benchType, Streams } from './workload.js';

interface Flags {
  backend: 'embedded' | 'postgres';
  size: number;
  ops: number;
  rounds: number;
  latency: number;
  only?: string[];
  databaseUrl: string;
}

function flags(argv: readonly string[]): Flags {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const backend = get('backend', 'postgres');
  if (backend !== 'embedded' && backend !== 'postgres') throw new Error('--backend must be embedded or postgres');
  return {
    backend,
    size: Number(get('size', '100')),
    ops: Number(get('ops', '300')),
    rounds: Number(get('rounds', '3')),
    latency: Number(get('latency', '2000')),
    only: argv.includes('--only') ? get('only', '').split(',') : undefined,
    databaseUrl: get('database-url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'),
  };
}

/** One append, however a variant does it. */
type Op = (stream: string, revision: number, size: number) => Promise<void>;

interface Steps {
  /** Look the command id up first. */
  readonly findCommand: boolean;
  /** Read the stream's current revision. */
  readonly readRevision: boolean;
  /** How the rows go in: one jsonb parameter (as the store does) or a multi-row VALUES list. */
  readonly insert: 'recordset' | 'values';
  /** Rows sent back: every inserted row (as the store does), only the last, or none. */
  readonly returning: 'all' | 'last' | 'none';
  readonly recordCommand: boolean;
  readonly notify: boolean;
}

const STORE_STEPS: Steps = {
  findCommand: true,
  readRevision: true,
  insert: 'recordset',
  returning: 'all',
  recordCommand: true,
  notify: true,
};

function events(size: number, commandId: string): NewEvent[] {
  const metadata = benchMetadata(commandId);
  return Array.from({ length: size }, (_, i) => benchEvent(i, metadata, 80));
}

const valuesSql = new Map<string, string>();
function valuesInsert(table: string, size: number): string {
  const key = `${table}:${size}`;
  let sql = valuesSql.get(key);
  if (!sql) {
    const values = Array.from({ length: size }, (_, r) => {
      const p = r * 7;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::jsonb, $${p + 7}::jsonb)`;
    }).join(', ');
    sql = `INSERT INTO ${table} (event_id, stream, revision, type, schema_version, data, metadata) VALUES ${values}`;
    valuesSql.set(key, sql);
  }
  return sql;
}

function valuesParams(stream: string, revision: number, size: number): unknown[] {
  const metadata = JSON.stringify(benchMetadata(randomUUID()));
  const params: unknown[] = [];
  for (let i = 0; i < size; i++) {
    params.push(randomUUID(), stream, revision + 1 + i, benchType(i), 1, JSON.stringify(benchData(i, 80)), metadata);
  }
  return params;
}

/** A copy of SqlEventStore.appendIn (exact expected revision) with steps switched on or off. */
async function appendCopy(tx: SqlExecutor, steps: Steps, stream: string, revision: number, size: number): Promise<void> {
  const commandId = randomUUID();
  if (steps.findCommand) await tx.query('SELECT stream FROM event_commands WHERE command_id = $1', [commandId]);
  if (steps.readRevision) await tx.query('SELECT max(revision) AS revision FROM events WHERE stream = $1', [stream]);
  const list = events(size, commandId);
  let last: { commit_position: string; position: string } | undefined;
  const eventIds: string[] = [];
  if (steps.insert === 'recordset') {
    const rows = list.map((event, i) => {
      const id = randomUUID();
      eventIds.push(id);
      return { event_id: id, revision: revision + 1 + i, type: event.type, schema_version: 1, data: event.data, metadata: event.metadata };
    });
    const insert = `INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata)
       SELECT e.event_id, $1, e.revision, e.type, e.schema_version, e.data, e.metadata
         FROM jsonb_to_recordset($2::jsonb)
           AS e(event_id uuid, revision integer, type text, schema_version integer, data jsonb, metadata jsonb)`;
    const sql =
      steps.returning === 'all'
        ? `${insert} RETURNING transaction_id::text AS commit_position, position`
        : steps.returning === 'last'
          ? `WITH ins AS (${insert} RETURNING transaction_id, position)
             SELECT transaction_id::text AS commit_position, max(position) AS position FROM ins GROUP BY transaction_id`
          : insert;
    const result = await tx.query<{ commit_position: string; position: string }>(sql, [stream, JSON.stringify(rows)]);
    last = result.rows[result.rows.length - 1];
  } else {
    const params = valuesParams(stream, revision, size);
    for (let i = 0; i < size; i++) eventIds.push(params[i * 7] as string);
    const suffix = steps.returning === 'none' ? '' : ' RETURNING transaction_id::text AS commit_position, position';
    const result = await tx.query<{ commit_position: string; position: string }>(valuesInsert('events', size) + suffix, params);
    last = result.rows[result.rows.length - 1];
  }
  if (steps.recordCommand) {
    await tx.query(
      `INSERT INTO event_commands (command_id, stream, last_revision, commit_position, prepare_position, event_ids)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [commandId, stream, revision + size, last?.commit_position ?? '0', last?.position ?? '0', JSON.stringify(eventIds)],
    );
  }
  if (steps.notify) await tx.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`);
}

/**
 * A prototype of the whole append in one statement (one round trip): a PL/pgSQL function that
 * replays a known command, checks the expected revision, inserts, records the command and
 * notifies, inside the statement's own transaction.
 */
const APPEND_FUNCTION = `
CREATE OR REPLACE FUNCTION bench_append(p_stream text, p_expected integer, p_command text, p_events jsonb, p_event_ids jsonb)
RETURNS TABLE (commit_position text, last_position bigint, last_revision integer, replayed boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_current integer;
  v_last bigint;
  v_count integer := jsonb_array_length(p_events);
BEGIN
  RETURN QUERY SELECT c.commit_position, c.prepare_position, c.last_revision, true
    FROM event_commands c WHERE c.command_id = p_command;
  IF FOUND THEN RETURN; END IF;
  SELECT max(e.revision) INTO v_current FROM events e WHERE e.stream = p_stream;
  IF coalesce(v_current, -1) <> p_expected THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'P0001';
  END IF;
  WITH ins AS (
    INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata)
    SELECT r.event_id, p_stream, r.revision, r.type, r.schema_version, r.data, r.metadata
      FROM jsonb_to_recordset(p_events)
        AS r(event_id uuid, revision integer, type text, schema_version integer, data jsonb, metadata jsonb)
    RETURNING position)
  SELECT max(position) INTO v_last FROM ins;
  INSERT INTO event_commands (command_id, stream, last_revision, commit_position, prepare_position, event_ids)
    VALUES (p_command, p_stream, p_expected + v_count, pg_current_xact_id()::text, v_last, p_event_ids);
  PERFORM pg_notify('${EVENTS_CHANNEL}', '');
  RETURN QUERY SELECT pg_current_xact_id()::text, v_last, p_expected + v_count, false;
END
$fn$;`;

async function appendOneStatement(db: SqlDatabase, stream: string, revision: number, size: number): Promise<void> {
  const commandId = randomUUID();
  const list = events(size, commandId);
  const rows = list.map((event, i) => ({
    event_id: randomUUID(),
    revision: revision + 1 + i,
    type: event.type,
    schema_version: 1,
    data: event.data,
    metadata: event.metadata,
  }));
  await db.query('SELECT * FROM bench_append($1, $2, $3, $4::jsonb, $5::jsonb)', [
    stream,
    revision,
    commandId,
    JSON.stringify(rows),
    JSON.stringify(rows.map((r) => r.event_id)),
  ]);
}

interface Variant {
  /** Short name for --only. */
  readonly key: string;
  readonly name: string;
  readonly op: Op;
}

/**
 * A prototype of the whole append as one plain SQL statement (no stored function): the
 * revision check is a condition of the INSERT, the command row is a second data-modifying CTE,
 * the notification is part of the result. Autocommit, so no BEGIN/COMMIT either. The command
 * lookup moves to the failure path (nothing inserted, or a unique violation on the command id),
 * where the store would look the command up before reporting a conflict. Exact expectations only.
 */
const APPEND_CTE = `
WITH cur AS (
  SELECT coalesce(max(revision), -1) AS rev FROM events WHERE stream = $1
), ins AS (
  INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata)
  SELECT e.event_id, $1, e.revision, e.type, e.schema_version, e.data, e.metadata
    FROM jsonb_to_recordset($2::jsonb)
      AS e(event_id uuid, revision integer, type text, schema_version integer, data jsonb, metadata jsonb), cur
   WHERE cur.rev = $3
  RETURNING transaction_id, position
), last AS (
  SELECT transaction_id::text AS commit_position, max(position) AS position FROM ins GROUP BY transaction_id
), cmd AS (
  INSERT INTO event_commands (command_id, stream, last_revision, commit_position, prepare_position, event_ids)
  SELECT $4, $1, $5, last.commit_position, last.position, $6::jsonb FROM last
)
SELECT cur.rev AS current, last.commit_position, last.position, pg_notify('${EVENTS_CHANNEL}', '') AS notified
  FROM cur LEFT JOIN last ON true`;

async function appendCte(db: SqlDatabase, stream: string, revision: number, size: number): Promise<void> {
  const commandId = randomUUID();
  const rows = events(size, commandId).map((event, i) => ({
    event_id: randomUUID(),
    revision: revision + 1 + i,
    type: event.type,
    schema_version: 1,
    data: event.data,
    metadata: event.metadata,
  }));
  const result = await db.query<{ current: number; position: string | null }>(APPEND_CTE, [
    stream,
    JSON.stringify(rows),
    revision,
    commandId,
    revision + size,
    JSON.stringify(rows.map((r) => r.event_id)),
  ]);
  if (result.rows[0]?.position === null) throw new Error(`prototype: ${stream} is at ${result.rows[0].current}, not ${revision}`);
}

function variants(store: SqlEventStore, db: SqlDatabase): Variant[] {
  const copy = (changes: Partial<Steps>): Op => (stream, revision, n) =>
    db.transaction((tx) => appendCopy(tx, { ...STORE_STEPS, ...changes }, stream, revision, n));
  const insertOnly: Partial<Steps> = { findCommand: false, readRevision: false, recordCommand: false, notify: false, returning: 'none' };
  return [
    {
      key: 'shipped',
      name: 'SqlEventStore.append (as shipped)',
      op: async (stream, revision, n) => {
        const commandId = randomUUID();
        await store.append(stream, events(n, commandId), revision < 0 ? 'no_stream' : revision, { commandId });
      },
    },
    { key: 'copy', name: 'copy of append: same SQL', op: copy({}) },
    { key: 'no-notify', name: 'copy without pg_notify', op: copy({ notify: false }) },
    { key: 'no-command', name: 'copy without command lookup + command row', op: copy({ findCommand: false, recordCommand: false }) },
    { key: 'no-revision', name: 'copy without revision read', op: copy({ readRevision: false }) },
    { key: 'returning-last', name: 'copy, RETURNING only the last row', op: copy({ returning: 'last' }) },
    { key: 'values', name: 'copy, VALUES list instead of jsonb_to_recordset', op: copy({ insert: 'values' }) },
    { key: 'insert-tx', name: 'only the INSERT (jsonb), in BEGIN/COMMIT', op: copy(insertOnly) },
    {
      key: 'insert',
      name: 'only the INSERT (jsonb), autocommit',
      op: (stream, revision, n) => appendCopy(db, { ...STORE_STEPS, ...insertOnly }, stream, revision, n),
    },
    { key: 'plpgsql', name: 'one statement: PL/pgSQL append function (prototype)', op: (stream, revision, n) => appendOneStatement(db, stream, revision, n) },
    { key: 'cte', name: 'one statement: plain SQL with CTEs (prototype)', op: (stream, revision, n) => appendCte(db, stream, revision, n) },
    {
      key: 'raw',
      // Into `events` itself, so that every variant but the last writes the same, equally big table.
      name: 'raw baseline: INSERT ... VALUES into events, autocommit',
      op: async (stream, revision, n) => {
        await db.query(valuesInsert('events', n), valuesParams(stream, revision, n));
      },
    },
    {
      key: 'raw-bare',
      name: 'raw INSERT ... VALUES, own table without secondary indexes',
      op: async (stream, revision, n) => {
        await db.query(valuesInsert('events_bare', n), valuesParams(stream, revision, n));
      },
    },
  ];
}

/** The cost of single statements of the append, on their own: mostly the round trip. */
async function statementCosts(db: SqlDatabase, n: number): Promise<string> {
  const probes: Array<[string, () => Promise<unknown>]> = [
    ['SELECT 1, autocommit (one round trip)', () => db.query('SELECT 1')],
    ['empty transaction (BEGIN + COMMIT)', () => db.transaction(async () => undefined)],
    ['transaction with SELECT 1', () => db.transaction((tx) => tx.query('SELECT 1'))],
    ['transaction with the command lookup (a miss)', () =>
      db.transaction((tx) => tx.query('SELECT stream FROM event_commands WHERE command_id = $1', [randomUUID()]))],
    ['transaction with the revision read', () =>
      db.transaction((tx) => tx.query('SELECT max(revision) AS revision FROM events WHERE stream = $1', ['tally-v0.1']))],
    ['transaction with pg_notify', () => db.transaction((tx) => tx.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`))],
    ['transaction with the command row insert', () =>
      db.transaction((tx) =>
        tx.query(
          `INSERT INTO event_commands (command_id, stream, last_revision, commit_position, prepare_position, event_ids)
           VALUES ($1, 'bench-x', 0, '1', 1, '[]'::jsonb)`,
          [randomUUID()],
        ),
      )],
  ];
  const results: Array<[string, number]> = probes.map(([name]) => [name, 0]);
  for (let round = 0; round < 4; round++) {
    for (let k = 0; k < probes.length; k++) {
      const t0 = performance.now();
      for (let i = 0; i < n / 4; i++) await probes[k][1]();
      results[k][1] += performance.now() - t0;
    }
  }
  const empty = results[1][1] / n;
  return [
    '| Statement | µs each | µs more than an empty transaction |',
    '|---|---:|---:|',
    ...results.map(([name, ms]) => `| ${name} | ${((ms / n) * 1000).toFixed(0)} | ${name.startsWith('transaction with') ? (((ms / n) - empty) * 1000).toFixed(0) : ''} |`),
  ].join('\n');
}

/** Busy and total jiffies of the whole machine (client and server together). */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  const backend: OpenBackend = f.backend === 'embedded' ? await openEmbedded() : await openPostgres(f.databaseUrl);
  try {
    const { store, db } = backend;
    await db.exec(`
      CREATE TABLE events_bare (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY);
      ALTER TABLE events_bare ADD PRIMARY KEY (position);
      ${APPEND_FUNCTION}`);
    const all = variants(store, db);
    const list = f.only ? all.filter((v) => v.key === 'shipped' || v.key === 'raw' || f.only!.includes(v.key)) : all;
    const totals = list.map(() => ({ seconds: 0, clientCpu: 0, busy: 0, total: 0 }));
    const streams = list.map((_, k) => new Streams(1000, `tally-v${k}.`));
    for (let round = 0; round < f.rounds; round++) {
      for (let j = 0; j < list.length; j++) {
        const k = (j + round) % list.length;
        const variant = list[k];
        const cpu0 = process.cpuUsage();
        const machine0 = machineCpu();
        const t0 = performance.now();
        for (let i = 0; i < f.ops; i++) {
          const { stream, revision } = streams[k].take();
          await variant.op(stream, revision, f.size);
          streams[k].moved(stream, revision + f.size);
        }
        totals[k].seconds += (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        totals[k].clientCpu += (cpu.user + cpu.system) / 1e6;
        const machine1 = machineCpu();
        if (machine0 && machine1) {
          totals[k].busy += machine1.busy - machine0.busy;
          totals[k].total += machine1.total - machine0.total;
        }
      }
      log(`round ${round + 1}/${f.rounds} done`);
    }
    const ops = f.ops * f.rounds;
    const base = totals[0].seconds;
    const raw = totals[list.findIndex((v) => v.name.startsWith('raw baseline'))].seconds;
    const rows: Row[] = list.map((variant, k) => {
      const t = totals[k];
      return {
        backend: f.backend,
        measurement: variant.name,
        events: ops * f.size,
        seconds: t.seconds,
        note:
          `${((t.seconds / ops) * 1000).toFixed(3)} ms/append; ${((t.seconds / base) * 100).toFixed(0)} % of append time, ` +
          `raw/this ${((raw / t.seconds) * 100).toFixed(0)} %; client CPU ${((t.clientCpu / ops) * 1000).toFixed(3)} ms/append` +
          (t.total > 0 ? `; machine busy ${((t.busy / t.total) * 100).toFixed(0)} %` : ''),
      };
    });
    console.log(`Append breakdown, ${f.backend}, ${f.size} event(s) per append, ${formatInt(ops)} appends per variant (${f.rounds} rounds)\n`);
    console.log(markdownTable(rows));
    if (f.latency > 0) {
      console.log(`\nSingle statements (${formatInt(f.latency)} each):\n`);
      console.log(await statementCosts(db, f.latency));
    }
  } finally {
    await backend.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
