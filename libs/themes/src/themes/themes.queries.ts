import { Inject, Injectable } from '@nestjs/common';
import { calendarDate, NotFoundError } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { Check, DIRECTORY, type Directory } from '#libs/capture';
import { adjustPValues, classifyTrend, DEFAULT_TREND_RULE, poissonRateRatioTest } from '#libs/statistics';
import type { ThemeChangeView, ThemeTrendsView, ThemeTrendView, ThemeView, TrendPoint } from './themes.graphql.js';

const ISO = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${as}`;

/** Links and observation facts as they stood at $1 (a timestamp): the evidence known then. */
const EVIDENCE_AT = `
  FROM themes_links l
  JOIN themes_facts f ON f.observation_id = l.observation_id
 WHERE l.linked_at <= $1 AND (l.unlinked_at IS NULL OR l.unlinked_at > $1)
   AND f.valid_from <= $1 AND (f.valid_to IS NULL OR f.valid_to > $1)
   AND NOT f.retracted`;

interface ThemeRow {
  theme_id: string;
  name: string;
  description: string;
  status: string;
  category_ids: string[];
  key_terms: string[];
  merged_into: string | null;
  split_from: string | null;
  proposed_at: string;
  observation_count: string | number;
}

export interface TrendFilter {
  organisationId?: string | null;
  areaId?: string | null;
}

/** Dates when things happened, both ends included ('YYYY-MM-DD'). */
export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

/** Whose evidence counts: services (each with every service below it), or areas; both given, both must hold. */
export interface EvidenceScope {
  readonly organisationIds?: readonly string[];
  readonly areaIds?: readonly string[];
}

export interface ThemeWindowCounts {
  readonly themeId: string;
  readonly name: string;
  readonly status: string;
  /** One count per window, in the order asked. */
  readonly counts: readonly number[];
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Reads themes, their evidence and their trends, as of any moment: everything is answered from
 * the links and observation facts that held at that moment, and the theme's name and status from
 * its last step recorded by then. Dates (weeks, months, windows) are when things happened.
 */
@Injectable()
export class ThemesQueries {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  /** The moment to answer for: asOf, or now; never in the future. */
  moment(asOf: Date | string | null | undefined, now = new Date()): string {
    const check = new Check(now);
    const at = check.asOf(asOf);
    check.done();
    return at.toISOString();
  }

  async list(options: { status?: string | null; asOf?: Date | string | null }): Promise<ThemeView[]> {
    const at = this.moment(options.asOf);
    const { rows } = await this.db.query<ThemeRow>(
      `WITH state AS (
         SELECT DISTINCT ON (theme_id) theme_id, status, name FROM themes_changes WHERE at <= $1 ORDER BY theme_id, revision DESC
       ), counts AS (
         SELECT l.theme_id, count(DISTINCT l.observation_id) AS n ${EVIDENCE_AT} GROUP BY l.theme_id
       )
       SELECT t.theme_id, s.name, t.description, s.status, t.category_ids, t.key_terms, t.merged_into, t.split_from,
              ${ISO('t.proposed_at', 'proposed_at')}, coalesce(c.n, 0) AS observation_count
         FROM themes_themes t JOIN state s USING (theme_id) LEFT JOIN counts c USING (theme_id)
        WHERE ($2::text IS NULL AND s.status <> 'merged') OR s.status = $2
        ORDER BY coalesce(c.n, 0) DESC, s.name`,
      [at, options.status ?? null],
    );
    return rows.map((row) => view(row, at));
  }

  async one(id: string, asOf?: Date | string | null): Promise<ThemeView> {
    const check = new Check();
    check.id('id', id);
    check.done();
    const at = this.moment(asOf);
    const { rows } = await this.db.query<ThemeRow>(
      `WITH state AS (
         SELECT theme_id, status, name FROM themes_changes WHERE theme_id = $2 AND at <= $1 ORDER BY revision DESC LIMIT 1
       )
       SELECT t.theme_id, s.name, t.description, s.status, t.category_ids, t.key_terms, t.merged_into, t.split_from,
              ${ISO('t.proposed_at', 'proposed_at')},
              (SELECT count(DISTINCT l.observation_id) ${EVIDENCE_AT} AND l.theme_id = $2) AS observation_count
         FROM themes_themes t JOIN state s USING (theme_id)`,
      [at, id],
    );
    if (!rows[0]) throw new NotFoundError(asOf ? 'No theme with this id had been proposed by then.' : 'No theme with this id.');
    return view(rows[0], at);
  }

  /** The observations evidencing a theme at the moment, newest first. */
  async observationIds(themeId: string, at: string): Promise<string[]> {
    const { rows } = await this.db.query<{ observation_id: string }>(
      `SELECT l.observation_id ${EVIDENCE_AT} AND l.theme_id = $2 ORDER BY f.occurred_on DESC, l.observation_id`,
      [at, themeId],
    );
    return rows.map((r) => r.observation_id);
  }

  async history(themeId: string): Promise<ThemeChangeView[]> {
    const { rows } = await this.db.query<{ change: string; status: string; name: string; note: string | null; other_theme_id: string | null; observations: number; actor: string; at: string }>(
      `SELECT change, status, name, note, other_theme_id, observations, actor, ${ISO('at', 'at')} FROM themes_changes WHERE theme_id = $1 ORDER BY revision`,
      [themeId],
    );
    return rows.map((r) => ({ change: r.change, status: r.status, name: r.name, note: r.note, otherThemeId: r.other_theme_id, observations: r.observations, by: r.actor, at: r.at }));
  }

  /** Counts of a theme's evidence by week or month of when it happened, for a service (and those below it) or an area. */
  async trend(themeId: string, at: string, period: 'week' | 'month', filter: TrendFilter = {}): Promise<TrendPoint[]> {
    const where = await this.scope(filter, 3);
    const { rows } = await this.db.query<{ period: string; n: string | number }>(
      `SELECT to_char(date_trunc('${period}', f.occurred_on), 'YYYY-MM-DD') AS period, count(DISTINCT f.observation_id) AS n
         ${EVIDENCE_AT} AND l.theme_id = $2 ${where.sql} GROUP BY 1 ORDER BY 1`,
      [at, themeId, ...where.params],
    );
    return rows.map((r) => ({ period: r.period, count: Number(r.n) }));
  }

  /**
   * Emerging and falling themes: each theme's count in the recent window against its baseline
   * window before it, by the exact Poisson rate-ratio test (one-sided each way), with the
   * Benjamini–Hochberg adjustment over all that were tested. A theme is listed when the test rule
   * (alpha, minimum count, minimum ratio) holds and its adjusted p-value is below alpha too.
   * `byService` tests each theme for each service separately.
   */
  async trends(options: { asOf?: Date | string | null; endOn?: string | null; recentWeeks?: number | null; baselineWeeks?: number | null; byService?: boolean | null } & TrendFilter): Promise<ThemeTrendsView> {
    const check = new Check();
    const recentWeeks = check.int('recentWeeks', options.recentWeeks ?? 8, { min: 1, max: 52 });
    const baselineWeeks = check.int('baselineWeeks', options.baselineWeeks ?? 52, { min: 4, max: 260 });
    const endOn = options.endOn ? check.date('endOn', options.endOn, { allowFuture: true }) : undefined;
    check.done();
    const at = this.moment(options.asOf);
    const atDate = calendarDate(new Date(at));
    const recentTo = endOn && endOn < atDate ? endOn : atDate;
    const end = Date.parse(recentTo);
    const recentFrom = isoDate(end - (recentWeeks * 7 - 1) * DAY);
    const baselineTo = isoDate(end - recentWeeks * 7 * DAY);
    const baselineFrom = isoDate(end - ((recentWeeks + baselineWeeks) * 7 - 1) * DAY);
    const where = await this.scope(options, 6);
    const byService = options.byService === true;
    const { rows } = await this.db.query<{ theme_id: string; name: string; organisation_id: string | null; recent: string | number; baseline: string | number }>(
      `WITH state AS (
         SELECT DISTINCT ON (theme_id) theme_id, status, name FROM themes_changes WHERE at <= $1 ORDER BY theme_id, revision DESC
       )
       SELECT l.theme_id, s.name, ${byService ? 'f.organisation_id' : 'NULL::uuid AS organisation_id'},
              count(DISTINCT f.observation_id) FILTER (WHERE f.occurred_on >= $2::date AND f.occurred_on <= $5::date) AS recent,
              count(DISTINCT f.observation_id) FILTER (WHERE f.occurred_on >= $3::date AND f.occurred_on <= $4::date) AS baseline
         FROM themes_links l
         JOIN themes_facts f ON f.observation_id = l.observation_id
         JOIN state s ON s.theme_id = l.theme_id AND s.status <> 'merged'
        WHERE l.linked_at <= $1 AND (l.unlinked_at IS NULL OR l.unlinked_at > $1)
          AND f.valid_from <= $1 AND (f.valid_to IS NULL OR f.valid_to > $1)
          AND NOT f.retracted AND f.occurred_on >= $3::date ${where.sql}
        GROUP BY l.theme_id, s.name${byService ? ', f.organisation_id' : ''}`,
      [at, recentFrom, baselineFrom, baselineTo, recentTo, ...where.params],
    );
    const tested = rows.map((row) => {
      const counts = { recentCount: Number(row.recent), recentExposure: recentWeeks, baselineCount: Number(row.baseline), baselineExposure: baselineWeeks };
      return { row, trend: classifyTrend(counts), greater: poissonRateRatioTest(counts, 'greater'), less: poissonRateRatioTest(counts, 'less') };
    });
    // Two families of one-sided tests (rising, falling), each adjusted over everything tested.
    const adjustedGreater = adjustPValues(tested.map((t) => t.greater.pValue));
    const adjustedLess = adjustPValues(tested.map((t) => t.less.pValue));
    const alpha = DEFAULT_TREND_RULE.alpha;
    const views = tested.map(({ row, trend, greater, less }, i): ThemeTrendView & { significant: boolean } => {
      const rising = trend.direction === 'rising' || (trend.direction !== 'falling' && trend.recentCount >= trend.expected);
      const adjustedPValue = rising ? adjustedGreater[i] : adjustedLess[i];
      return {
        themeId: row.theme_id,
        name: row.name,
        organisationId: row.organisation_id,
        direction: trend.direction,
        recentCount: trend.recentCount,
        expected: trend.expected,
        baselineCount: Number(row.baseline),
        ratio: trend.ratio,
        pValue: rising ? greater.pValue : less.pValue,
        adjustedPValue,
        significant: adjustedPValue <= alpha,
      };
    });
    const listed = (direction: string) =>
      views
        .filter((v) => v.direction === direction && v.significant)
        .sort((a, b) => a.adjustedPValue - b.adjustedPValue || b.recentCount - a.recentCount)
        .map(({ significant: _s, ...v }) => v);
    return {
      recentFrom,
      recentTo,
      baselineFrom,
      baselineTo,
      alpha,
      minCount: DEFAULT_TREND_RULE.minCount,
      rising: listed('rising'),
      falling: listed('falling'),
      tested: views.length,
    };
  }

  /**
   * How many observations evidenced each theme in each date window, as of a moment, within a
   * scope. Without `themeIds`: every theme confirmed by then (neither still emerging nor merged),
   * zeros included; with them: exactly those themes, whatever their status. For feedback
   * reports and their change checks (libs/reports).
   */
  async evidenceCounts(at: string, windows: readonly DateWindow[], scope: EvidenceScope, themeIds?: readonly string[]): Promise<ThemeWindowCounts[]> {
    const params: unknown[] = [at];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const columns = windows.map((w, i) => `count(DISTINCT f.observation_id) FILTER (WHERE f.occurred_on BETWEEN ${param(w.from)}::date AND ${param(w.to)}::date) AS w${i}`);
    const inScope: string[] = [];
    if (scope.organisationIds) {
      const ids = new Set<string>();
      for (const id of scope.organisationIds) for (const below of [id, ...(await this.directory.organisationAndDescendants(id))]) ids.add(below);
      inScope.push(`AND f.organisation_id = ANY(${param([...ids])}::uuid[])`);
    }
    if (scope.areaIds) inScope.push(`AND f.area_id = ANY(${param([...scope.areaIds])}::uuid[])`);
    const which = themeIds ? `s.theme_id = ANY(${param([...themeIds])}::uuid[])` : `s.status NOT IN ('emerging', 'merged')`;
    const { rows } = await this.db.query<Record<string, string | number> & { theme_id: string; name: string; status: string }>(
      `WITH state AS (
         SELECT DISTINCT ON (theme_id) theme_id, status, name FROM themes_changes WHERE at <= $1 ORDER BY theme_id, revision DESC
       )
       SELECT s.theme_id, s.name, s.status${columns.map((c) => `, ${c}`).join('')}
         FROM state s
         LEFT JOIN themes_links l ON l.theme_id = s.theme_id AND l.linked_at <= $1 AND (l.unlinked_at IS NULL OR l.unlinked_at > $1)
         LEFT JOIN themes_facts f ON f.observation_id = l.observation_id AND f.valid_from <= $1 AND (f.valid_to IS NULL OR f.valid_to > $1)
              AND NOT f.retracted ${inScope.join(' ')}
        WHERE ${which}
        GROUP BY s.theme_id, s.name, s.status
        ORDER BY s.name, s.theme_id`,
      params,
    );
    return rows.map((row) => ({ themeId: row.theme_id, name: row.name, status: row.status, counts: windows.map((_, i) => Number(row[`w${i}`])) }));
  }

  /** SQL conditions (and their parameters, numbered from `from`) for a service and what is below it, or an area. */
  private async scope(filter: TrendFilter, from: number): Promise<{ sql: string; params: unknown[] }> {
    const check = new Check();
    const organisationId = filter.organisationId ? check.id('organisationId', filter.organisationId) : undefined;
    const areaId = filter.areaId ? check.id('areaId', filter.areaId) : undefined;
    check.done();
    const sql: string[] = [];
    const params: unknown[] = [];
    if (organisationId) {
      params.push([organisationId, ...(await this.directory.organisationAndDescendants(organisationId))]);
      sql.push(`AND f.organisation_id = ANY($${from + params.length - 1}::uuid[])`);
    }
    if (areaId) {
      params.push(areaId);
      sql.push(`AND f.area_id = $${from + params.length - 1}::uuid`);
    }
    return { sql: sql.join(' '), params };
  }
}

function view(row: ThemeRow, at: string): ThemeView {
  return {
    id: row.theme_id,
    name: row.name,
    description: row.description,
    status: row.status,
    categoryIds: row.category_ids,
    keyTerms: row.key_terms,
    observationCount: Number(row.observation_count),
    mergedInto: row.merged_into,
    splitFrom: row.split_from,
    proposedAt: row.proposed_at,
    asOf: at,
  };
}
