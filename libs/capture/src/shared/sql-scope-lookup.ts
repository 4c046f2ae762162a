import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { isUuid } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import type { ScopeKind, ScopeLookup } from '#libs/policy';

/**
 * Answers the policy guard's "is this in the coach's team?" from capture's read models: a person
 * by their current team (moving area moves the relationship with them), a coach by theirs, an
 * observation by the team of the person it is about, or, with no person, by who recorded it.
 */
@Injectable()
export class SqlScopeLookup implements ScopeLookup {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async inCoachScope(kind: ScopeKind, id: string, coach: { userId: string; teamIds: readonly string[] }): Promise<boolean | undefined> {
    if (!isUuid(id)) return undefined;
    const teams = [...coach.teamIds];
    switch (kind) {
      case 'team':
        return this.teamIn('SELECT team_id FROM directory_teams WHERE team_id = $1', id, teams);
      case 'person':
        return this.teamIn('SELECT team_id FROM people_directory WHERE person_id = $1', id, teams);
      case 'coach':
        return this.teamIn('SELECT team_id FROM directory_coaches WHERE coach_id = $1', id, teams);
      case 'observation': {
        const { rows } = await this.db.query<{ team_id: string | null; recorded_by: string }>(
          `SELECT p.team_id, o.recorded_by
             FROM observations_records o LEFT JOIN people_directory p ON p.person_id = o.person_id
            WHERE o.observation_id = $1`,
          [id],
        );
        if (rows.length === 0) return undefined;
        const [row] = rows;
        return row.team_id ? teams.includes(row.team_id) : row.recorded_by === `user:${coach.userId}`;
      }
    }
  }

  private async teamIn(sql: string, id: string, teams: string[]): Promise<boolean | undefined> {
    const { rows } = await this.db.query<{ team_id: string }>(sql, [id]);
    return rows.length === 0 ? undefined : teams.includes(rows[0].team_id);
  }
}

