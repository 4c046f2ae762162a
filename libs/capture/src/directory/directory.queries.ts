import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import type { AreaView, CoachView, TeamView } from './directory.graphql.js';

/** Reads areas, teams and coaches (staff reference data: nothing here is sealed). */
@Injectable()
export class DirectoryQueries {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async areas(): Promise<AreaView[]> {
    const { rows } = await this.db.query<{ area_id: string; name: string }>('SELECT area_id, name FROM directory_areas ORDER BY lower(name), area_id');
    return rows.map((r) => ({ id: r.area_id, name: r.name }));
  }

  /** The teams of one area, or of every area. */
  async teams(areaId?: string | null): Promise<TeamView[]> {
    const { rows } = await this.db.query<{ team_id: string; area_id: string; name: string }>(
      `SELECT team_id, area_id, name FROM directory_teams
        WHERE ($1::uuid IS NULL OR area_id = $1::uuid) ORDER BY lower(name), team_id`,
      [areaId ?? null],
    );
    return rows.map((r) => ({ id: r.team_id, areaId: r.area_id, name: r.name }));
  }

  /** The coaches of one team, or of every team; those who left only when asked for. */
  async coaches(teamId?: string | null, includeLeft = false): Promise<CoachView[]> {
    const { rows } = await this.db.query<{
      coach_id: string;
      team_id: string;
      display_name: string;
      active: boolean;
      joined_on: string;
      left_on: string | null;
    }>(
      `SELECT coach_id, team_id, display_name, active,
              to_char(joined_on, 'YYYY-MM-DD') AS joined_on, to_char(left_on, 'YYYY-MM-DD') AS left_on
         FROM directory_coaches
        WHERE ($1::uuid IS NULL OR team_id = $1::uuid) AND ($2::boolean OR active)
        ORDER BY lower(display_name), coach_id`,
      [teamId ?? null, includeLeft],
    );
    return rows.map((r) => ({
      id: r.coach_id,
      teamId: r.team_id,
      displayName: r.display_name,
      active: r.active,
      joinedOn: r.joined_on,
      leftOn: r.left_on,
    }));
  }
}
