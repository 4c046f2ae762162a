import { parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import type { PersonEvent } from '../people/person.events.js';
import { COACHING_EVENT_TYPES, type CoachingEvent } from './coaching.events.js';

/**
 * A person's coaching relationship as it unfolded: every step on a timeline, and every
 * interaction with what it carried (personal words stay sealed; they are opened on the way out).
 */
export const coachingProjection: Projection = {
  name: 'coaching',
  version: 1,
  tables: ['timeline', 'interactions'],
  eventTypes: [...COACHING_EVENT_TYPES, 'person.joined', 'person.moved_area'],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('timeline')} (
      person_id    uuid NOT NULL,
      stream       text NOT NULL,
      revision     integer NOT NULL,
      occurred_on  date NOT NULL,
      kind         text NOT NULL,
      details      jsonb NOT NULL,
      actor        text NOT NULL,
      recorded_at  timestamptz NOT NULL,
      PRIMARY KEY (stream, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('timeline')} (person_id, occurred_on)`);
    await tx.query(`CREATE TABLE ${table('interactions')} (
      interaction_id  uuid PRIMARY KEY,
      person_id       uuid NOT NULL,
      occurred_on     date NOT NULL,
      channel         text NOT NULL,
      initiated_by    text NOT NULL,
      place           text,
      minutes         integer NOT NULL,
      what_mattered   text NOT NULL,
      strengths       jsonb NOT NULL,
      aspirations     jsonb NOT NULL,
      connections     jsonb NOT NULL,
      organisations   jsonb NOT NULL,
      recorded_by     text NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('interactions')} (person_id, occurred_on)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    for (const recorded of events) {
      const personId = parseStreamName(recorded.stream).id;
      const event = recorded as unknown as PersonEvent | CoachingEvent;
      await tx.query(
        `INSERT INTO ${table('timeline')} (person_id, stream, revision, occurred_on, kind, details, actor, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) ON CONFLICT (stream, revision) DO NOTHING`,
        [
          personId,
          recorded.stream,
          recorded.revision,
          occurredOn(event),
          event.type,
          JSON.stringify(event.data),
          recorded.metadata.actor,
          recorded.metadata.recordedAt,
        ],
      );
      if (event.type === 'interaction.recorded') {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${table('interactions')} (interaction_id, person_id, occurred_on, channel, initiated_by, place, minutes,
             what_mattered, strengths, aspirations, connections, organisations, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13)
           ON CONFLICT (interaction_id) DO NOTHING`,
          [
            d.interactionId,
            personId,
            d.occurredOn,
            d.channel,
            d.initiatedBy,
            d.place ?? null,
            d.minutes,
            d.whatMattered,
            JSON.stringify(d.strengthsNoticed),
            JSON.stringify(d.aspirationsMentioned),
            JSON.stringify(d.connectionsMade),
            JSON.stringify(d.organisationsIntroduced),
            recorded.metadata.actor,
          ],
        );
      }
    }
  },
};

function occurredOn(event: PersonEvent | CoachingEvent): string {
  switch (event.type) {
    case 'person.joined':
      return event.data.joinedOn;
    case 'person.moved_area':
      return event.data.movedOn;
    case 'person.consent_recorded':
      return event.data.recordedOn;
    case 'person.details_changed':
    case 'person.forgotten':
      throw new Error('not on the timeline');
    case 'coaching.started':
      return event.data.startedOn;
    case 'coaching.paused':
      return event.data.pausedOn;
    case 'coaching.resumed':
      return event.data.resumedOn;
    case 'coaching.varied':
      return event.data.variedOn;
    case 'coaching.ended':
      return event.data.endedOn;
    case 'coaching.reopened':
      return event.data.reopenedOn;
    case 'interaction.recorded':
      return event.data.occurredOn;
  }
}
