import { parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { GROWTH_EVENT_TYPES, type GrowthEvent } from './growth.events.js';

/**
 * A person's growth, for their page: each aspiration with its status and every step of its
 * history, the strengths noticed, and connections (current and ended). The person's words stay
 * sealed here; they are opened on the way out. Every write is keyed by the event or the item's
 * id, so applying the same events twice changes nothing.
 */
export const growthProjection: Projection = {
  name: 'growth',
  version: 1,
  tables: ['aspirations', 'aspiration_steps', 'strengths', 'connections'],
  eventTypes: GROWTH_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('aspirations')} (
      aspiration_id     uuid PRIMARY KEY,
      person_id         uuid NOT NULL,
      in_persons_words  text NOT NULL,
      status            text NOT NULL DEFAULT 'active',
      set_on            date NOT NULL,
      closed_on         date,
      changed_from      uuid,
      changed_to        uuid
    )`);
    await tx.query(`CREATE INDEX ON ${table('aspirations')} (person_id, set_on)`);
    await tx.query(`CREATE TABLE ${table('aspiration_steps')} (
      stream         text NOT NULL,
      revision       integer NOT NULL,
      aspiration_id  uuid NOT NULL,
      person_id      uuid NOT NULL,
      kind           text NOT NULL,
      occurred_on    date NOT NULL,
      note           text,
      actor          text NOT NULL,
      PRIMARY KEY (stream, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('aspiration_steps')} (aspiration_id)`);
    await tx.query(`CREATE TABLE ${table('strengths')} (
      strength_id       uuid PRIMARY KEY,
      person_id         uuid NOT NULL,
      in_persons_words  text NOT NULL,
      noticed_on        date NOT NULL,
      noticed_by        text NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('strengths')} (person_id)`);
    await tx.query(`CREATE TABLE ${table('connections')} (
      connection_id  uuid PRIMARY KEY,
      person_id      uuid NOT NULL,
      kind           text NOT NULL,
      description    text NOT NULL,
      made_on        date NOT NULL,
      ended_on       date,
      end_note       text
    )`);
    await tx.query(`CREATE INDEX ON ${table('connections')} (person_id)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const aspirations = table('aspirations');
    const step = async (recorded: RecordedEvent, personId: string, aspirationId: string, occurredOn: string, note: string | undefined) => {
      await tx.query(
        `INSERT INTO ${table('aspiration_steps')} (stream, revision, aspiration_id, person_id, kind, occurred_on, note, actor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (stream, revision) DO NOTHING`,
        [recorded.stream, recorded.revision, aspirationId, personId, recorded.type, occurredOn, note ?? null, recorded.metadata.actor],
      );
    };
    const close = async (aspirationId: string, status: string, closedOn: string, changedTo: string | null = null) => {
      await tx.query(`UPDATE ${aspirations} SET status = $2, closed_on = $3, changed_to = coalesce($4, changed_to) WHERE aspiration_id = $1`, [
        aspirationId,
        status,
        closedOn,
        changedTo,
      ]);
    };
    for (const recorded of events) {
      const personId = parseStreamName(recorded.stream).id;
      const event = recorded as unknown as GrowthEvent;
      switch (event.type) {
        case 'aspiration.set': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${aspirations} (aspiration_id, person_id, in_persons_words, set_on, changed_from)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (aspiration_id) DO NOTHING`,
            [d.aspirationId, personId, d.inPersonsWords, d.setOn, d.changedFrom ?? null],
          );
          await step(recorded, personId, d.aspirationId, d.setOn, d.inPersonsWords);
          break;
        }
        case 'aspiration.progress_noted':
          await step(recorded, personId, event.data.aspirationId, event.data.notedOn, event.data.note);
          break;
        case 'aspiration.achieved':
          await close(event.data.aspirationId, 'achieved', event.data.achievedOn);
          await step(recorded, personId, event.data.aspirationId, event.data.achievedOn, event.data.note);
          break;
        case 'aspiration.changed':
          await close(event.data.aspirationId, 'changed', event.data.changedOn, event.data.changedTo);
          await step(recorded, personId, event.data.aspirationId, event.data.changedOn, event.data.note);
          break;
        case 'aspiration.let_go':
          await close(event.data.aspirationId, 'let_go', event.data.letGoOn);
          await step(recorded, personId, event.data.aspirationId, event.data.letGoOn, event.data.note);
          break;
        case 'strength.noticed': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${table('strengths')} (strength_id, person_id, in_persons_words, noticed_on, noticed_by)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (strength_id) DO NOTHING`,
            [d.strengthId, personId, d.inPersonsWords, d.noticedOn, d.noticedBy],
          );
          break;
        }
        case 'connection.made': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${table('connections')} (connection_id, person_id, kind, description, made_on)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (connection_id) DO NOTHING`,
            [d.connectionId, personId, d.kind, d.description, d.madeOn],
          );
          break;
        }
        case 'connection.ended':
          await tx.query(`UPDATE ${table('connections')} SET ended_on = $2, end_note = $3 WHERE connection_id = $1`, [
            event.data.connectionId,
            event.data.endedOn,
            event.data.note ?? null,
          ]);
          break;
      }
    }
  },
};
