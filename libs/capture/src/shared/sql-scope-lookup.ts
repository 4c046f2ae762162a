import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { isUuid } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import type { Audience, AudienceScopeKind, CoachScopeKind, ScopeLookup } from '#libs/policy';

/**
 * Answers the policy guard's "is this in the coach's team?" from capture's read models: a person
 * by their current team (moving area moves the relationship with them), a coach by theirs, an
 * observation by the team of the person it is about, or, with no person, by who recorded it.
 */
@Injectable()
export class SqlScopeLookup implements ScopeLookup {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async inCoachScope(kind: CoachScopeKind, id: string, coach: { userId: string; teamIds: readonly string[] }): Promise<boolean | undefined> {
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

  /**
   * A report (the reports read model, `reports_reports`, read here by its view name) is in an
   * audience once shared: for coaches and leaders any shared report; for a partner one shared
   * with their organisation or an organisation above it (a merged record counts as its
   * survivor); for a commissioner one for any of their areas. The same rule filters the report
   * lists (libs/reports, report-audience.ts): change both together.
   */
  async inAudienceScope(kind: AudienceScopeKind, id: string, audience: Audience): Promise<boolean | undefined> {
    if (kind !== 'report' || !isUuid(id)) return undefined;
    const { rows } = await this.db.query<{ status: string; audience: string; organisation_id: string | null; area_ids: string[] }>(
      'SELECT status, audience, organisation_id, area_ids FROM reports_reports WHERE report_id = $1',
      [id],
    );
    if (rows.length === 0) return undefined;
    const [report] = rows;
    if (report.status !== 'shared') return false;
    switch (audience.role) {
      case 'coach':
      case 'leader':
      case 'influencer':
        return true;
      case 'commissioner':
        return report.area_ids.some((area) => audience.areaIds.includes(area));
      case 'partner': {
        const partnerOf = audience.organisationIds.filter(isUuid);
        if (report.audience !== 'organisation' || !report.organisation_id || partnerOf.length === 0) return false;
        if (partnerOf.includes(report.organisation_id)) return true;
        const above = await this.db.query(
          `SELECT 1 FROM organisations_nodes n
            WHERE n.organisation_id IN (SELECT coalesce(s.merged_into, s.organisation_id) FROM organisations_nodes s WHERE s.organisation_id = ANY($1::uuid[]))
              AND n.ancestors @> ARRAY[$2::uuid] LIMIT 1`,
          [partnerOf, report.organisation_id],
        );
        return above.rows.length > 0;
      }
      default:
        return false;
    }
  }

  private async teamIn(sql: string, id: string, teams: string[]): Promise<boolean | undefined> {
    const { rows } = await this.db.query<{ team_id: string }>(sql, [id]);
    return rows.length === 0 ? undefined : teams.includes(rows[0].team_id);
  }
}

