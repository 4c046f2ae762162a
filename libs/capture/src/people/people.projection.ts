import { parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { COACHING_EVENT_TYPES, type CoachingEvent } from '../coaching/coaching.events.js';
import { PERSON_EVENT_TYPES, type PersonEvent } from './person.events.js';

/**
 * One row per person: who they are (sealed), where they are, their consent, and how their
 * coaching relationship stands (status, last contact, and how often and how they would like to
 * meet, as last agreed). Feeds the caseload and the person page.
 */
export const peopleProjection: Projection = {
  name: 'people',
  // 2: keeps the way of meeting last agreed when coaching was varied (meeting_*).
  version: 2,
  tables: ['directory'],
  eventTypes: [...PERSON_EVENT_TYPES, ...COACHING_EVENT_TYPES],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('directory')} (
      person_id            uuid PRIMARY KEY,
      display_name         text NOT NULL,
      phone                text,
      email                text,
      referral_source      text NOT NULL,
      area_id              uuid NOT NULL,
      team_id              uuid NOT NULL,
      coach_id             uuid NOT NULL,
      joined_on            date NOT NULL,
      consent_hold         boolean NOT NULL DEFAULT false,
      consent_share_words  boolean NOT NULL DEFAULT false,
      relationship_status  text NOT NULL DEFAULT 'not_started',
      relationship_since   date,
      last_contact_on      date,
      interactions         integer NOT NULL DEFAULT 0,
      meeting_frequency    text,
      meeting_channel      text,
      meeting_agreed_on    date
    )`);
    await tx.query(`CREATE INDEX ON ${table('directory')} (coach_id)`);
    await tx.query(`CREATE INDEX ON ${table('directory')} (team_id)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const t = table('directory');
    for (const recorded of events) {
      const personId = parseStreamName(recorded.stream).id;
      const event = recorded as unknown as PersonEvent | CoachingEvent;
      switch (event.type) {
        case 'person.joined': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${t} (person_id, display_name, phone, email, referral_source, area_id, team_id, coach_id, joined_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (person_id) DO NOTHING`,
            [personId, d.displayName, d.contact.phone ?? null, d.contact.email ?? null, d.referralSource, d.areaId, d.teamId, d.coachId, d.joinedOn],
          );
          break;
        }
        case 'person.consent_recorded':
          await tx.query(`UPDATE ${t} SET consent_hold = $2, consent_share_words = $3 WHERE person_id = $1`, [
            personId,
            event.data.toHoldInformation,
            event.data.toShareWordsAnonymised,
          ]);
          break;
        case 'person.details_changed':
          await tx.query(
            // What is left out stays as it was; what is removed goes (events before `removed` existed remove nothing).
            `UPDATE ${t} SET display_name = coalesce($2, display_name),
                    phone = CASE WHEN $5::boolean THEN NULL ELSE coalesce($3, phone) END,
                    email = CASE WHEN $6::boolean THEN NULL ELSE coalesce($4, email) END
              WHERE person_id = $1`,
            [
              personId,
              event.data.displayName ?? null,
              event.data.contact?.phone ?? null,
              event.data.contact?.email ?? null,
              event.data.removed?.includes('phone') ?? false,
              event.data.removed?.includes('email') ?? false,
            ],
          );
          break;
        case 'person.moved_area':
          await tx.query(`UPDATE ${t} SET area_id = $2, team_id = $3, coach_id = $4 WHERE person_id = $1`, [
            personId,
            event.data.areaId,
            event.data.teamId,
            event.data.coachId,
          ]);
          break;
        case 'coaching.started':
          await status(tx, t, personId, 'active', event.data.startedOn, event.data.coachId);
          break;
        case 'coaching.paused':
          await status(tx, t, personId, 'paused', event.data.pausedOn);
          break;
        case 'coaching.resumed':
          await status(tx, t, personId, 'active', event.data.resumedOn);
          break;
        case 'coaching.ended':
          await status(tx, t, personId, 'ended', event.data.endedOn);
          break;
        case 'coaching.reopened':
          await status(tx, t, personId, 'active', event.data.reopenedOn, event.data.coachId);
          break;
        case 'coaching.varied':
          // The latest agreement by its date wins (the same day: the one recorded last), as on the timeline.
          await tx.query(
            `UPDATE ${t} SET meeting_frequency = $2, meeting_channel = $3, meeting_agreed_on = $4
              WHERE person_id = $1 AND (meeting_agreed_on IS NULL OR meeting_agreed_on <= $4::date)`,
            [personId, event.data.frequency, event.data.preferredChannel, event.data.variedOn],
          );
          break;
        case 'interaction.recorded':
          await tx.query(
            `UPDATE ${t} SET interactions = interactions + 1,
                    last_contact_on = greatest(coalesce(last_contact_on, $2::date), $2::date)
              WHERE person_id = $1`,
            [personId, event.data.occurredOn],
          );
          break;
      }
    }
  },
};

async function status(
  tx: ProjectionContext['tx'],
  t: string,
  personId: string,
  value: string,
  since: string,
  coachId?: string,
): Promise<void> {
  await tx.query(
    `UPDATE ${t} SET relationship_status = $2, relationship_since = $3, coach_id = coalesce($4, coach_id) WHERE person_id = $1`,
    [personId, value, since, coachId ?? null],
  );
}
