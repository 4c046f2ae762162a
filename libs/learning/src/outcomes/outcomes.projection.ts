import { isUuid, parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { FOLLOWED_EVENT_TYPES, type FollowedEvent } from './followed.events.js';

/** What a row of `learning_outcomes_facts` counts. */
export const FACT_KINDS = ['joined', 'started', 'ended', 'connection', 'spend'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The facts the outcome dashboards count, each kept with when it happened and when it was
 * recorded, so any past moment can be answered exactly (`recorded_at <= asOf`). Every table read
 * by the queries is append-only: nothing is updated once written.
 *
 * - `facts`: one row per event that counts — a person joined, a coaching relationship started
 *   (or reopened), ended (how, and its length in days from its latest start), a connection made,
 *   personal budget spent (with the pot's team, the person it was for, and the purpose category
 *   of its request).
 * - `placements`: the team and area a person was with from a date (joining, then each move), to
 *   filter by team and area as things stood when they happened.
 * - `checkins`: wellbeing scores (the comparable score only; no answers).
 *
 * `spells` (each person's latest coaching start) and `requests` (whose budget request, and its
 * purpose category) are working state for working out the facts, never read by queries. A
 * request's category never changes and its request comes before its spends in the pot's stream,
 * so a spend's category is known when the spend is recorded: answers as of a moment stay exact.
 *
 * Version 2: spend facts gained `purpose_category` (and `requests` the category to give them).
 *
 * Person ids are pseudonymous and stay inside the read model: queries answer with aggregates only.
 */
export const outcomesProjection: Projection = {
  name: 'learning_outcomes',
  version: 2,
  tables: ['facts', 'placements', 'checkins', 'spells', 'requests'],
  eventTypes: FOLLOWED_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('facts')} (
      stream        text NOT NULL,
      revision      integer NOT NULL,
      kind          text NOT NULL,
      person_id     uuid,
      team_id       uuid,
      happened_on   date NOT NULL,
      ending        text,
      started_on    date,
      length_days   integer,
      amount_pence  bigint,
      purpose_category text,
      recorded_at   timestamptz NOT NULL,
      PRIMARY KEY (stream, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('facts')} (happened_on, kind)`);
    await tx.query(`CREATE TABLE ${table('placements')} (
      stream       text NOT NULL,
      revision     integer NOT NULL,
      person_id    uuid NOT NULL,
      team_id      uuid NOT NULL,
      area_id      uuid NOT NULL,
      from_on      date NOT NULL,
      recorded_at  timestamptz NOT NULL,
      PRIMARY KEY (stream, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('placements')} (person_id, from_on)`);
    await tx.query(`CREATE TABLE ${table('checkins')} (
      check_in_id    uuid PRIMARY KEY,
      person_id      uuid NOT NULL,
      scale          text NOT NULL,
      checked_in_on  date NOT NULL,
      score          numeric(5, 2) NOT NULL,
      recorded_at    timestamptz NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('checkins')} (checked_in_on)`);
    await tx.query(`CREATE TABLE ${table('spells')} (
      person_id   uuid PRIMARY KEY,
      started_on  date NOT NULL,
      revision    integer NOT NULL
    )`);
    await tx.query(`CREATE TABLE ${table('requests')} (
      request_id        uuid PRIMARY KEY,
      person_id         uuid NOT NULL,
      purpose_category  text NOT NULL
    )`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const facts = table('facts');
    const fact = (
      recorded: RecordedEvent,
      row: {
        kind: FactKind;
        personId: string | null;
        happenedOn: string;
        teamId?: string;
        ending?: string;
        startedOn?: string | null;
        lengthDays?: number | null;
        amountPence?: number;
        purposeCategory?: string | null;
      },
    ) =>
      tx.query(
        `INSERT INTO ${facts} (stream, revision, kind, person_id, team_id, happened_on, ending, started_on, length_days, amount_pence, purpose_category, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (stream, revision) DO NOTHING`,
        [
          recorded.stream,
          recorded.revision,
          row.kind,
          row.personId,
          row.teamId ?? null,
          row.happenedOn,
          row.ending ?? null,
          row.startedOn ?? null,
          row.lengthDays ?? null,
          row.amountPence ?? null,
          row.purposeCategory ?? null,
          recorded.metadata.recordedAt,
        ],
      );
    const placement = (recorded: RecordedEvent, personId: string, teamId: string, areaId: string, fromOn: string) =>
      tx.query(
        `INSERT INTO ${table('placements')} (stream, revision, person_id, team_id, area_id, from_on, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (stream, revision) DO NOTHING`,
        [recorded.stream, recorded.revision, personId, teamId, areaId, fromOn, recorded.metadata.recordedAt],
      );
    /** The latest start of the person's relationship; an older event delivered again does not move it back. */
    const spellStarts = (personId: string, startedOn: string, revision: number) =>
      tx.query(
        `INSERT INTO ${table('spells')} (person_id, started_on, revision) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO UPDATE SET started_on = excluded.started_on, revision = excluded.revision
         WHERE ${table('spells')}.revision < excluded.revision`,
        [personId, startedOn, revision],
      );

    for (const recorded of events) {
      const event = recorded as unknown as FollowedEvent;
      const streamId = parseStreamName(recorded.stream).id;
      // Streams here are all `<category>-<uuid>`; anything else is not a fact this read model can place.
      if (!isUuid(streamId)) continue;
      switch (event.type) {
        case 'person.joined': {
          const d = event.data;
          await placement(recorded, streamId, d.teamId, d.areaId, d.joinedOn);
          await fact(recorded, { kind: 'joined', personId: streamId, happenedOn: d.joinedOn });
          break;
        }
        case 'person.moved_area': {
          const d = event.data;
          await placement(recorded, streamId, d.teamId, d.areaId, d.movedOn);
          break;
        }
        case 'coaching.started':
          await spellStarts(streamId, event.data.startedOn, recorded.revision);
          await fact(recorded, { kind: 'started', personId: streamId, happenedOn: event.data.startedOn });
          break;
        case 'coaching.reopened':
          await spellStarts(streamId, event.data.reopenedOn, recorded.revision);
          await fact(recorded, { kind: 'started', personId: streamId, happenedOn: event.data.reopenedOn });
          break;
        case 'coaching.ended': {
          const { rows } = await tx.query<{ started_on: string }>(
            `SELECT to_char(started_on, 'YYYY-MM-DD') AS started_on FROM ${table('spells')} WHERE person_id = $1 AND revision < $2`,
            [streamId, recorded.revision],
          );
          const startedOn = rows[0]?.started_on ?? null;
          await fact(recorded, {
            kind: 'ended',
            personId: streamId,
            happenedOn: event.data.endedOn,
            ending: event.data.ending,
            startedOn,
            lengthDays: startedOn ? daysBetween(startedOn, event.data.endedOn) : null,
          });
          break;
        }
        case 'connection.made':
          await fact(recorded, { kind: 'connection', personId: streamId, happenedOn: event.data.madeOn });
          break;
        case 'budget.requested':
          if (!isUuid(event.data.requestId) || !isUuid(event.data.personId)) break;
          await tx.query(
            `INSERT INTO ${table('requests')} (request_id, person_id, purpose_category) VALUES ($1, $2, $3) ON CONFLICT (request_id) DO NOTHING`,
            [event.data.requestId, event.data.personId, event.data.purposeCategory],
          );
          break;
        case 'budget.spent': {
          const { rows } = isUuid(event.data.requestId)
            ? await tx.query<{ person_id: string; purpose_category: string }>(
                `SELECT person_id, purpose_category FROM ${table('requests')} WHERE request_id = $1`,
                [event.data.requestId],
              )
            : { rows: [] };
          await fact(recorded, {
            kind: 'spend',
            personId: rows[0]?.person_id ?? null,
            teamId: streamId,
            happenedOn: event.data.spentOn,
            amountPence: event.data.amountPence,
            purposeCategory: rows[0]?.purpose_category ?? null,
          });
          break;
        }
        case 'wellbeing.checked_in': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${table('checkins')} (check_in_id, person_id, scale, checked_in_on, score, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (check_in_id) DO NOTHING`,
            [d.checkInId, streamId, d.scale, d.checkedInOn, d.score, recorded.metadata.recordedAt],
          );
          break;
        }
      }
    }
  },
};
