import type { RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { USER_EVENT_TYPES, type UserEvent } from './user.events.js';

/**
 * Staff accounts as they stand, read through `users_accounts`: who they are, whether they may
 * sign in, their role grants (what the session middleware turns into a principal) and the coach
 * record they are the coach of.
 */
export const usersProjection: Projection = {
  name: 'users',
  version: 2,
  tables: ['accounts'],
  eventTypes: USER_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('accounts')} (
      user_id       uuid PRIMARY KEY,
      email         text NOT NULL UNIQUE,
      display_name  text NOT NULL,
      active        boolean NOT NULL,
      grants        jsonb NOT NULL,
      invited_at    timestamptz NOT NULL,
      coach_id      uuid
    )`);
    await tx.query(`CREATE INDEX ON ${table('accounts')} (coach_id)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const t = table('accounts');
    for (const recorded of events) {
      const event = recorded as unknown as UserEvent;
      const userId = recorded.stream.slice('user-'.length);
      switch (event.type) {
        case 'user.invited':
          await tx.query(
            `INSERT INTO ${t} (user_id, email, display_name, active, grants, invited_at) VALUES ($1, $2, $3, true, $4, $5)
             ON CONFLICT (user_id) DO NOTHING`,
            [userId, event.data.email, event.data.displayName, JSON.stringify(event.data.grants), recorded.metadata.occurredAt],
          );
          break;
        case 'user.role_granted':
          await tx.query(`UPDATE ${t} SET grants = grants || $2::jsonb WHERE user_id = $1`, [userId, JSON.stringify([event.data.grant])]);
          break;
        case 'user.role_revoked':
          await tx.query(
            `UPDATE ${t} SET grants = coalesce((SELECT jsonb_agg(g) FROM jsonb_array_elements(grants) g WHERE g <> $2::jsonb), '[]'::jsonb)
              WHERE user_id = $1`,
            [userId, JSON.stringify(event.data.grant)],
          );
          break;
        case 'user.deactivated':
          await tx.query(`UPDATE ${t} SET active = false WHERE user_id = $1`, [userId]);
          break;
        case 'user.reactivated':
          await tx.query(`UPDATE ${t} SET active = true WHERE user_id = $1`, [userId]);
          break;
        case 'user.coach_record_linked':
          await tx.query(`UPDATE ${t} SET coach_id = $2 WHERE user_id = $1`, [userId, event.data.coachId]);
          break;
        case 'user.coach_record_unlinked':
          await tx.query(`UPDATE ${t} SET coach_id = NULL WHERE user_id = $1 AND coach_id = $2`, [userId, event.data.coachId]);
          break;
        default:
          break;
      }
    }
  },
};
