import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import type { AreaRef, CategoryRef, CoachRef, Directory, OrganisationKind, OrganisationRef, Polarity, TeamRef } from '../shared/directory.js';

/**
 * The Directory look-up port over the read models of the directory, organisations and
 * taxonomy projections. Ids that are not UUIDs are simply not found. A merged organisation is returned as it is (with `mergedInto`, always
 * the final survivor), and descendant look-ups on it answer for its survivor.
 */
@Injectable()
export class SqlDirectory implements Directory {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async area(id: string): Promise<AreaRef | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<{ area_id: string; name: string }>('SELECT area_id, name FROM directory_areas WHERE area_id = $1', [id]);
    const row = rows[0];
    return row ? { id: row.area_id, name: row.name } : undefined;
  }

  async team(id: string): Promise<TeamRef | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<{ team_id: string; name: string; area_id: string }>(
      'SELECT team_id, name, area_id FROM directory_teams WHERE team_id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.team_id, name: row.name, areaId: row.area_id } : undefined;
  }

  async coach(id: string): Promise<CoachRef | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<{ coach_id: string; team_id: string; active: boolean }>(
      'SELECT coach_id, team_id, active FROM directory_coaches WHERE coach_id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.coach_id, teamId: row.team_id, active: row.active } : undefined;
  }

  async organisation(id: string): Promise<OrganisationRef | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<{
      organisation_id: string;
      name: string;
      kind: OrganisationKind;
      area_id: string;
      parent_id: string | null;
      merged_into: string | null;
    }>('SELECT organisation_id, name, kind, area_id, parent_id, merged_into FROM organisations_nodes WHERE organisation_id = $1', [id]);
    const row = rows[0];
    return row
      ? { id: row.organisation_id, name: row.name, kind: row.kind, areaId: row.area_id, parentId: row.parent_id, mergedInto: row.merged_into }
      : undefined;
  }

  /**
   * The organisation (or, for a merged record, its survivor) and every record below it,
   * including the merged records that stand for any of them; empty when the id is unknown.
   */
  async organisationAndDescendants(id: string): Promise<string[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.db.query<{ organisation_id: string }>(
      `SELECT n.organisation_id FROM organisations_nodes n
        WHERE n.ancestors @> ARRAY[(SELECT coalesce(s.merged_into, s.organisation_id) FROM organisations_nodes s WHERE s.organisation_id = $1)]
        ORDER BY cardinality(n.ancestors), n.organisation_id`,
      [id],
    );
    return rows.map((r) => r.organisation_id);
  }

  async category(id: string): Promise<CategoryRef | undefined> {
    const { rows } = await this.db.query<{ category_id: string; name: string; polarity: Polarity; retired: boolean }>(
      'SELECT category_id, name, polarity, retired FROM taxonomy_categories WHERE category_id = $1',
      [id],
    );
    const row = rows[0];
    return row ? { id: row.category_id, name: row.name, polarity: row.polarity, retired: row.retired } : undefined;
  }
}
