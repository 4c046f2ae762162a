import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import type { Sealed } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import { DIRECTORY, type Directory } from '#libs/capture';
import { ThemesQueries } from '#libs/themes';
import { IMPACT_LABELS, previousPeriod, type RawFigures } from './report-content.js';
import type { ReportScope } from './report.events.js';

type EvidenceScope = Parameters<ThemesQueries['evidenceCounts']>[2];

/** An approved quote that may go into a report: the person's words as an influencer approved them, still sealed. */
export interface QuoteCandidate {
  readonly observationId: string;
  readonly personId: string;
  readonly text: Sealed;
  readonly occurredOn: string;
  readonly categoryId: string;
  /** Names of the themes its observation evidences now. */
  readonly themeNames: readonly string[];
}

/**
 * Where a report's figures and quotes come from: other capabilities' read models, read-only
 * through their views (`observations_records`, `taxonomy_categories`, `themes_links`,
 * `themes_themes`) and ThemesQueries. Observations count as they now stand, retracted ones left
 * out; a quote is offered only while approved, its person consents and has not been forgotten
 * (the rule of libs/capture observations.queries.ts).
 */
@Injectable()
export class ReportSources {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly themes: ThemesQueries,
  ) {}

  /** Whose evidence a report covers. */
  evidenceScope(scope: ReportScope): EvidenceScope {
    if (scope.audience === 'organisation') return { organisationIds: [scope.organisationId!] };
    return scope.organisationIds?.length ? { organisationIds: scope.organisationIds } : { areaIds: scope.areaIds };
  }

  /** The raw figures of a report over a period, as of `at`; for the organisation's eyes until they are suppressed. */
  async figures(scope: ReportScope, period: { from: string; to: string }, at: string): Promise<RawFigures> {
    const evidence = this.evidenceScope(scope);
    const previous = previousPeriod(period.from, period.to);
    const themes = (await this.themes.evidenceCounts(at, [period, previous], evidence))
      .map((t) => ({ themeId: t.themeId, name: t.name, count: t.counts[0], previousCount: t.counts[1] }))
      .filter((t) => t.count > 0 || t.previousCount > 0)
      .sort((a, b) => b.count - a.count || b.previousCount - a.previousCount || a.name.localeCompare(b.name));

    const where = await this.where(evidence, period);
    const impacts = await this.db.query<{ tag: string; n: string | number }>(
      `SELECT tag, count(*) AS n FROM observations_records o, unnest(o.impact_tags) AS tag
        WHERE o.kind = 'barrier' AND ${where.sql} GROUP BY tag`,
      where.params,
    );
    const byTag = new Map(impacts.rows.map((r) => [r.tag, Number(r.n)]));
    const bright = await this.db.query<{ category_id: string; name: string | null; n: string | number }>(
      `SELECT o.category_id, c.name, count(*) AS n FROM observations_records o LEFT JOIN taxonomy_categories c ON c.category_id = o.category_id
        WHERE o.kind = 'bright_spot' AND ${where.sql} GROUP BY o.category_id, c.name ORDER BY count(*) DESC, o.category_id`,
      where.params,
    );
    return {
      themes,
      impacts: Object.keys(IMPACT_LABELS).map((key) => ({ key, count: byTag.get(key) ?? 0 })),
      brightSpots: bright.rows.map((r) => ({ key: r.category_id, label: r.name ?? r.category_id, count: Number(r.n) })),
    };
  }

  /** Approved quotes from the report's observations in the period, newest first. */
  async quoteCandidates(scope: ReportScope, period: { from: string; to: string }): Promise<QuoteCandidate[]> {
    const where = await this.where(this.evidenceScope(scope), period);
    const { rows } = await this.db.query<{ observation_id: string; person_id: string; approved_quote: Sealed; occurred_on: string; category_id: string; themes: string[] | null }>(
      `SELECT o.observation_id, o.person_id, o.approved_quote, to_char(o.occurred_on, 'YYYY-MM-DD') AS occurred_on, o.category_id,
              (SELECT array_agg(t.name ORDER BY t.name) FROM themes_links l JOIN themes_themes t ON t.theme_id = l.theme_id
                WHERE l.observation_id = o.observation_id AND l.unlinked_at IS NULL AND t.status <> 'merged') AS themes
         FROM observations_records o
        WHERE o.quote_shareable AND o.approved_quote IS NOT NULL AND NOT o.person_forgotten AND o.person_id IS NOT NULL AND ${where.sql}
        ORDER BY o.occurred_on DESC, o.observation_id`,
      where.params,
    );
    return rows.map((r) => ({
      observationId: r.observation_id,
      personId: r.person_id,
      text: r.approved_quote,
      occurredOn: r.occurred_on,
      categoryId: r.category_id,
      themeNames: r.themes ?? [],
    }));
  }

  /** Conditions on `observations_records o`: not retracted, in the period, within the scope. */
  private async where(scope: EvidenceScope, period: { from: string; to: string }): Promise<{ sql: string; params: unknown[] }> {
    const params: unknown[] = [period.from, period.to];
    const sql = [`o.status <> 'retracted'`, 'o.occurred_on BETWEEN $1::date AND $2::date'];
    if (scope.organisationIds) {
      const ids = new Set<string>();
      for (const id of scope.organisationIds) for (const below of [id, ...(await this.directory.organisationAndDescendants(id))]) ids.add(below);
      params.push([...ids]);
      sql.push(`o.organisation_id = ANY($${params.length}::uuid[])`);
    }
    if (scope.areaIds) {
      params.push([...scope.areaIds]);
      sql.push(`o.area_id = ANY($${params.length}::uuid[])`);
    }
    return { sql: sql.join(' AND '), params };
  }
}
