import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { Check } from '#libs/capture';
import { TIMESTAMP_KEY } from '../shared/as-of.js';
import {
  type CheckIn,
  DASHBOARD_PERIODS,
  type DashboardPeriod,
  type Fact,
  type FactSummary,
  MAX_PERIODS,
  periodCount,
  periodsBetween,
  summariseFacts,
  type WellbeingChange,
  wellbeingChanges,
  type Window,
} from './outcomes.calculations.js';
import type { FactKind } from './outcomes.projection.js';

export interface OutcomeDashboardArgs {
  period: string;
  from: string;
  to: string;
  asOf?: Date | string | null;
  teamId?: string | null;
  areaId?: string | null;
}

export interface OutcomePeriod extends Window, FactSummary {
  readonly wellbeing: readonly WellbeingChange[];
}

export interface OutcomeDashboard {
  readonly period: DashboardPeriod;
  readonly from: string;
  readonly to: string;
  readonly asOf: Date;
  readonly teamId: string | null;
  readonly areaId: string | null;
  readonly periods: readonly OutcomePeriod[];
  readonly total: OutcomePeriod;
}

/**
 * The person's team and area on a day, from what had been recorded by the moment asked about:
 * their latest placement starting on or before the day, or else (a fact dated before they
 * joined) their first.
 */
const PLACEMENT = (personColumn: string, dayColumn: string, asOfParam: string) => `LEFT JOIN LATERAL (
    SELECT p.team_id, p.area_id FROM learning_outcomes_placements p
     WHERE p.person_id = ${personColumn} AND p.recorded_at <= ${asOfParam}::timestamptz
     ORDER BY (p.from_on <= ${dayColumn}) DESC,
              CASE WHEN p.from_on <= ${dayColumn} THEN p.from_on END DESC NULLS LAST,
              p.from_on ASC, p.recorded_at DESC
     LIMIT 1) pl ON true`;

/**
 * Outcome dashboards for leadership: per month or quarter, people joined, coaching relationships
 * started and ended (and how they ended, and their median length), connections made, personal
 * budget spend (in all and by purpose category), and wellbeing change. Aggregates only — no names, no person ids — answered from
 * what had been recorded by `asOf`, bucketed by when things happened.
 */
@Injectable()
export class OutcomeDashboardQueries {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async dashboard(args: OutcomeDashboardArgs, now: Date = new Date()): Promise<OutcomeDashboard> {
    const check = new Check(now);
    const period = check.oneOf<DashboardPeriod>('period', args.period?.toLowerCase(), DASHBOARD_PERIODS);
    const from = check.date('from', args.from, { allowFuture: true });
    const to = check.date('to', args.to, { allowFuture: true });
    const asOf = check.asOf(args.asOf);
    const teamId = check.id('teamId', args.teamId, true);
    const areaId = check.id('areaId', args.areaId, true);
    check.done();
    if (from > to) check.problem('to', 'cannot be before from');
    else if (periodCount(period, from, to) > MAX_PERIODS) check.problem('to', `is too far from from: at most ${MAX_PERIODS} periods at a time`);
    check.done();

    const [facts, checkIns] = await Promise.all([this.facts(from, to, asOf, teamId, areaId), this.checkIns(to, asOf)]);
    const filter = { ...(teamId ? { teamId } : {}), ...(areaId ? { areaId } : {}) };
    const summarise = (window: Window): OutcomePeriod => ({ ...window, ...summariseFacts(facts, window), wellbeing: wellbeingChanges(checkIns, window, filter) });
    return {
      period,
      from,
      to,
      asOf,
      teamId: teamId ?? null,
      areaId: areaId ?? null,
      periods: periodsBetween(period, from, to).map(summarise),
      total: summarise({ label: `${from}/${to}`, start: from, end: to }),
    };
  }

  /** Facts that happened from..to, recorded by asOf, in the team (a budget's pot team, else the person's) and area asked for. */
  private async facts(from: string, to: string, asOf: Date, teamId: string | undefined, areaId: string | undefined): Promise<Fact[]> {
    const params: unknown[] = [asOf.toISOString(), from, to];
    const where = ['f.recorded_at <= $1::timestamptz', 'f.happened_on >= $2::date', 'f.happened_on <= $3::date'];
    if (teamId) {
      params.push(teamId);
      where.push(`coalesce(f.team_id, pl.team_id) = $${params.length}::uuid`);
    }
    if (areaId) {
      params.push(areaId);
      where.push(`pl.area_id = $${params.length}::uuid`);
    }
    const { rows } = await this.db.query<{
      kind: FactKind;
      happened_on: string;
      person_id: string | null;
      ending: string | null;
      length_days: number | null;
      amount_pence: string | number | null;
      purpose_category: string | null;
    }>(
      `SELECT f.kind, to_char(f.happened_on, 'YYYY-MM-DD') AS happened_on, f.person_id, f.ending, f.length_days, f.amount_pence, f.purpose_category
         FROM learning_outcomes_facts f ${PLACEMENT('f.person_id', 'f.happened_on', '$1')}
        WHERE ${where.join(' AND ')}`,
      params,
    );
    return rows.map((r) => ({
      kind: r.kind,
      happenedOn: r.happened_on,
      personId: r.person_id,
      ending: r.ending,
      lengthDays: r.length_days === null ? null : Number(r.length_days),
      amountPence: r.amount_pence === null ? null : Number(r.amount_pence),
      purposeCategory: r.purpose_category,
    }));
  }

  /** Every check-in on or before `to` recorded by asOf (earlier ones are the baselines), with the person's team and area that day. */
  private async checkIns(to: string, asOf: Date): Promise<CheckIn[]> {
    const { rows } = await this.db.query<{
      person_id: string;
      scale: string;
      checked_in_on: string;
      recorded_key: string;
      score: number | string;
      team_id: string | null;
      area_id: string | null;
    }>(
      `SELECT c.person_id, c.scale, to_char(c.checked_in_on, 'YYYY-MM-DD') AS checked_in_on, ${TIMESTAMP_KEY('c.recorded_at', 'recorded_key')},
              c.score::float8 AS score, pl.team_id, pl.area_id
         FROM learning_outcomes_checkins c ${PLACEMENT('c.person_id', 'c.checked_in_on', '$1')}
        WHERE c.recorded_at <= $1::timestamptz AND c.checked_in_on <= $2::date`,
      [asOf.toISOString(), to],
    );
    return rows.map((r) => ({
      personId: r.person_id,
      scale: r.scale,
      checkedInOn: r.checked_in_on,
      recordedAt: r.recorded_key,
      score: Number(r.score),
      teamId: r.team_id,
      areaId: r.area_id,
    }));
  }
}
