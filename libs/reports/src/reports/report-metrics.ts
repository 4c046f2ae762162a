import { median, workingDaysBetween } from '#libs/statistics';
import { daysBetween } from './change-check.js';
import type { Audience, ChangeOutcome } from './report.events.js';

/** A shared report, as the metrics count it. */
export interface SharedReportFacts {
  readonly organisationId: string | null;
  readonly audience: Audience;
  readonly sharedOn: string;
  readonly respondedOn: string | null;
  readonly actions: number;
  /** The latest change check's outcome of each action checked. */
  readonly checkedOutcomes: readonly ChangeOutcome[];
}

export interface MetricsRow {
  readonly organisationId: string | null;
  readonly audience: Audience | null;
  readonly reportsShared: number;
  readonly responded: number;
  readonly responseRate: number | null;
  readonly medianDaysToRespond: number | null;
  readonly medianWorkingDaysToRespond: number | null;
  readonly withAgreedChange: number;
  readonly agreedChangeRate: number | null;
  readonly changesChecked: number;
  readonly changesFollowedByFall: number;
  readonly fallRate: number | null;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function row(reports: readonly SharedReportFacts[], organisationId: string | null, audience: Audience | null): MetricsRow {
  const responded = reports.filter((r) => r.respondedOn !== null);
  const withAgreedChange = reports.filter((r) => r.actions > 0).length;
  const outcomes = reports.flatMap((r) => r.checkedOutcomes);
  const fell = outcomes.filter((o) => o === 'closed').length;
  return {
    organisationId,
    audience,
    reportsShared: reports.length,
    responded: responded.length,
    responseRate: rate(responded.length, reports.length),
    medianDaysToRespond: median(responded.map((r) => daysBetween(r.sharedOn, r.respondedOn!))),
    medianWorkingDaysToRespond: median(responded.map((r) => workingDaysBetween(r.sharedOn, r.respondedOn!))),
    withAgreedChange,
    agreedChangeRate: rate(withAgreedChange, reports.length),
    changesChecked: outcomes.length,
    changesFollowedByFall: fell,
    fallRate: rate(fell, outcomes.length),
  };
}

/**
 * How services answer feedback, overall and per service (commissioner reports together in one
 * row): the share of shared reports responded to, the median days to respond, the share with
 * an agreed change, and the share of checked changes whose latest check found a significant fall.
 */
export function reportMetrics(reports: readonly SharedReportFacts[]): { overall: MetricsRow; byService: MetricsRow[] } {
  const groups = new Map<string, SharedReportFacts[]>();
  for (const report of reports) {
    const key = report.audience === 'organisation' ? `organisation:${report.organisationId}` : 'commissioner';
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  const byService = [...groups.values()]
    .map((group) => row(group, group[0].audience === 'organisation' ? group[0].organisationId : null, group[0].audience))
    .sort((a, b) => b.reportsShared - a.reportsShared || String(a.organisationId).localeCompare(String(b.organisationId)));
  return { overall: row(reports, null, null), byService };
}
