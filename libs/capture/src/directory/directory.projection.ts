import type { RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { AREA_EVENT_TYPES, type AreaEvent, COACH_EVENT_TYPES, type CoachEvent, TEAM_EVENT_TYPES, type TeamEvent } from './directory.events.js';

/**
 * Areas, the teams in them and the coaches in those teams, as they stand now. Read through the
 * views `directory_areas`, `directory_teams` and `directory_coaches`; the Directory look-up
 * port (SqlDirectory) and the directory queries use them.
 */
export const directoryProjection: Projection = {
  name: 'directory',
  version: 1,
  tables: ['areas', 'teams', 'coaches'],
  eventTypes: [...AREA_EVENT_TYPES, ...TEAM_EVENT_TYPES, ...COACH_EVENT_TYPES],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('areas')} (
      area_id  uuid PRIMARY KEY,
      name     text NOT NULL
    )`);
    await tx.query(`CREATE TABLE ${table('teams')} (
      team_id  uuid PRIMARY KEY,
      area_id  uuid NOT NULL,
      name     text NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('teams')} (area_id)`);
    await tx.query(`CREATE TABLE ${table('coaches')} (
      coach_id      uuid PRIMARY KEY,
      team_id       uuid NOT NULL,
      display_name  text NOT NULL,
      active        boolean NOT NULL DEFAULT true,
      joined_on     date NOT NULL,
      left_on       date
    )`);
    await tx.query(`CREATE INDEX ON ${table('coaches')} (team_id)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const areas = table('areas');
    const teams = table('teams');
    const coaches = table('coaches');
    for (const recorded of events) {
      const event = recorded as unknown as AreaEvent | TeamEvent | CoachEvent;
      switch (event.type) {
        case 'area.registered':
          await tx.query(`INSERT INTO ${areas} (area_id, name) VALUES ($1, $2) ON CONFLICT (area_id) DO NOTHING`, [event.data.areaId, event.data.name]);
          break;
        case 'area.renamed':
          await tx.query(`UPDATE ${areas} SET name = $2 WHERE area_id = $1`, [event.data.areaId, event.data.name]);
          break;
        case 'team.formed':
          await tx.query(`INSERT INTO ${teams} (team_id, area_id, name) VALUES ($1, $2, $3) ON CONFLICT (team_id) DO NOTHING`, [
            event.data.teamId,
            event.data.areaId,
            event.data.name,
          ]);
          break;
        case 'team.renamed':
          await tx.query(`UPDATE ${teams} SET name = $2 WHERE team_id = $1`, [event.data.teamId, event.data.name]);
          break;
        case 'coach.joined':
          await tx.query(
            `INSERT INTO ${coaches} (coach_id, team_id, display_name, joined_on) VALUES ($1, $2, $3, $4) ON CONFLICT (coach_id) DO NOTHING`,
            [event.data.coachId, event.data.teamId, event.data.displayName, event.data.joinedOn],
          );
          break;
        case 'coach.moved_team':
          await tx.query(`UPDATE ${coaches} SET team_id = $2 WHERE coach_id = $1`, [event.data.coachId, event.data.toTeamId]);
          break;
        case 'coach.left':
          await tx.query(`UPDATE ${coaches} SET active = false, left_on = $2 WHERE coach_id = $1`, [event.data.coachId, event.data.leftOn]);
          break;
      }
    }
  },
};
