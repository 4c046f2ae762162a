import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { calendarDate } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import { Check } from '#libs/capture';
import { ThemesQueries } from '#libs/themes';
import { DASHBOARD_PERIODS, type DashboardPeriod, periodCount, periodsBetween, type Window } from '../outcomes/outcomes.calculations.js';
import type { LoopDashboardView, LoopPeriodView } from './loop-dashboard.graphql.js';

/** Most periods in one answer: each runs the theme rate test once. */
export const MAX_LOOP_PERIODS = 36;

interface LoopRow {
  kind: string;
  happened_on: string;
  to_status: string | null;
  outcome: string | null;
}

/**
 * The learning loop by month or quarter for leadership: themes rising and falling (the rate test
 * of `themeTrends` over each period against the year before), themes confirmed, raised, resolved
 * and re-opened, reports shared, responses, changes agreed, checked and closed. Everything as it
 * had been recorded by `asOf`: the loop's steps from the learning timeline (versions valid then),
 * responses from the reports read model (read-only, by its view name, with when each was
 * recorded), the trends from the themes read model as of that moment.
 */
@Injectable()
export class LoopDashboardQueries {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    private readonly themes: ThemesQueries,
  ) {}

  async dashboard(args: { period: string; from: string; to: string; asOf?: Date | string | null }, now = new Date()): Promise<LoopDashboardView> {
    const check = new Check(now);
    const period = check.oneOf<DashboardPeriod>('period', args.period?.toLowerCase(), DASHBOARD_PERIODS);
    const from = check.date('from', args.from, { allowFuture: true });
    const to = check.date('to', args.to, { allowFuture: true });
    const asOf = check.asOf(args.asOf);
    check.done();
    if (from > to) check.problem('to', 'cannot be before from');
    else if (periodCount(period, from, to) > MAX_LOOP_PERIODS) check.problem('to', `is too far from from: at most ${MAX_LOOP_PERIODS} periods at a time`);
    check.done();

    const at = asOf.toISOString();
    const steps = await this.db.query<LoopRow>(
      `SELECT kind, to_char(happened_on, 'YYYY-MM-DD') AS happened_on, detail->>'to' AS to_status, detail->>'outcome' AS outcome
         FROM learning_timeline_entries
        WHERE kind <> 'reflection' AND valid_from <= $1::timestamptz AND (valid_to IS NULL OR valid_to > $1::timestamptz)
          AND happened_on >= $2::date AND happened_on <= $3::date`,
      [at, from, to],
    );
    const responses = await this.db.query<{ responded_on: string }>(
      `SELECT to_char(responded_on, 'YYYY-MM-DD') AS responded_on FROM reports_reports
        WHERE responded_at <= $1::timestamptz AND responded_on >= $2::date AND responded_on <= $3::date`,
      [at, from, to],
    );

    const periods: LoopPeriodView[] = [];
    for (const window of periodsBetween(period, from, to)) {
      const within = (day: string) => day >= window.start && day <= window.end;
      const inWindow = steps.rows.filter((r) => within(r.happened_on));
      const count = (kind: string, test: (r: LoopRow) => boolean = () => true) => inWindow.filter((r) => r.kind === kind && test(r)).length;
      const trends = await this.trendsOver(window, at);
      periods.push({
        label: window.label,
        start: window.start,
        end: window.end,
        themesRising: trends.rising,
        themesFalling: trends.falling,
        themesConfirmed: count('theme_confirmed'),
        themesRaised: count('theme_status_changed', (r) => r.to_status === 'raised_with_services'),
        themesResolved: count('theme_status_changed', (r) => r.to_status === 'resolved'),
        themesReopened: count('theme_status_changed', (r) => r.to_status === 'reopened'),
        reportsShared: count('report_shared'),
        responses: responses.rows.filter((r) => within(r.responded_on)).length,
        changesAgreed: count('action_agreed'),
        changesChecked: count('change_checked'),
        changesClosed: count('change_checked', (r) => r.outcome === 'closed'),
      });
    }
    return { period, asOf, periods };
  }

  /** The themes the rate test calls rising or falling over a period (its weeks against the 52 before). */
  private async trendsOver(window: Window, at: string): Promise<{ rising: string[]; falling: string[] }> {
    const days = (Date.parse(window.end) - Date.parse(window.start)) / 86_400_000 + 1;
    if (window.start > calendarDate(new Date(at))) return { rising: [], falling: [] };
    const result = await this.themes.trends({ asOf: at, endOn: window.end, recentWeeks: Math.max(1, Math.round(days / 7)) });
    return { rising: result.rising.map((t) => t.name), falling: result.falling.map((t) => t.name) };
  }
}
