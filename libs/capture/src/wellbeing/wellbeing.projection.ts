import { parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { WELLBEING_EVENT_TYPES, type WellbeingEvent } from './wellbeing.events.js';

/**
 * Each person's wellbeing check-ins, for their trend (first against latest, per scale). Only the
 * scores are kept here: the sealed item answers stay in the events.
 */
export const wellbeingProjection: Projection = {
  name: 'wellbeing',
  version: 1,
  tables: ['checkins'],
  eventTypes: WELLBEING_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('checkins')} (
      check_in_id    uuid PRIMARY KEY,
      person_id      uuid NOT NULL,
      scale          text NOT NULL,
      checked_in_on  date NOT NULL,
      raw_score      integer NOT NULL,
      score          numeric(5, 2) NOT NULL,
      recorded_at    timestamptz NOT NULL,
      revision       integer NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('checkins')} (person_id, scale, checked_in_on)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    for (const recorded of events) {
      const event = recorded as unknown as WellbeingEvent;
      if (event.type !== 'wellbeing.checked_in') continue;
      const d = event.data;
      await tx.query(
        `INSERT INTO ${table('checkins')} (check_in_id, person_id, scale, checked_in_on, raw_score, score, recorded_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (check_in_id) DO NOTHING`,
        [d.checkInId, parseStreamName(recorded.stream).id, d.scale, d.checkedInOn, d.rawScore, d.score, recorded.metadata.recordedAt, recorded.revision],
      );
    }
  },
};
