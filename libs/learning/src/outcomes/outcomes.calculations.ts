import { meanWithConfidenceInterval, median } from '#libs/statistics';
import { isKnownScale, NATIONAL_AVERAGE, WELLBEING_SCALE_NAMES, type WellbeingScaleName } from './national-averages.js';
import type { FactKind } from './outcomes.projection.js';

/**
 * The outcome dashboards' arithmetic, pure: bucketing into calendar periods, and each period's
 * aggregates from the facts that happened in it. Nothing here returns a person id.
 */

export const DASHBOARD_PERIODS = ['month', 'quarter'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

/** At most this many periods in one answer (ten years of months). */
export const MAX_PERIODS = 120;

/** Aggregates of 1 to 4 are marked small: shown here (an internal view), flagged so no one over-reads them or shares them on. */
export const SMALL_BELOW = 5;

export const isSmall = (n: number): boolean => n > 0 && n < SMALL_BELOW;

export interface Window {
  /** `2026-03` for a month, `2026-Q1` for a quarter, `from/to` for the whole range. */
  readonly label: string;
  /** First and last day counted, YYYY-MM-DD (a calendar period clipped to the range asked for). */
  readonly start: string;
  readonly end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar months or quarters from the one containing `from` to the one containing `to`, each clipped to from..to. */
export function periodsBetween(period: DashboardPeriod, from: string, to: string): Window[] {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  const step = period === 'month' ? 1 : 3;
  // Months counted from year 0, January = 0; a quarter starts at a month divisible by 3.
  let index = fromYear * 12 + (fromMonth - 1);
  index -= index % step;
  const last = toYear * 12 + (toMonth - 1);
  const windows: Window[] = [];
  for (; index <= last; index += step) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const endMonth = month + step - 1;
    const start = `${year}-${pad(month)}-01`;
    const end = `${year}-${pad(endMonth)}-${pad(lastDayOfMonth(year, endMonth))}`;
    windows.push({
      label: period === 'month' ? `${year}-${pad(month)}` : `${year}-Q${(month + 2) / 3}`,
      start: start < from ? from : start,
      end: end > to ? to : end,
    });
  }
  return windows;
}

/** How many periods `periodsBetween` would make, without making them. */
export function periodCount(period: DashboardPeriod, from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  const step = period === 'month' ? 1 : 3;
  const first = Math.floor((fromYear * 12 + fromMonth - 1) / step);
  const last = Math.floor((toYear * 12 + toMonth - 1) / step);
  return last - first + 1;
}

/** One counted fact, as the queries read it (already filtered by team, area and asOf). */
export interface Fact {
  readonly kind: FactKind;
  readonly happenedOn: string;
  /** Pseudonymous: used to count distinct people, never returned. */
  readonly personId: string | null;
  readonly ending: string | null;
  readonly lengthDays: number | null;
  readonly amountPence: number | null;
  /** A spend's request's purpose category (a slug; null when its request is not known). */
  readonly purposeCategory: string | null;
}

export interface Count {
  readonly count: number;
  readonly small: boolean;
}

export interface EndingCount extends Count {
  readonly ending: string;
}

export interface RelationshipLength {
  /** Ended relationships whose start is known. */
  readonly ended: number;
  readonly medianDays: number | null;
  readonly small: boolean;
}

export interface Connections {
  readonly made: number;
  readonly people: number;
  readonly small: boolean;
}

export interface BudgetSpend {
  readonly spentPence: number;
  readonly spends: number;
  readonly people: number;
  readonly small: boolean;
}

/** Spend for one purpose category; its request's category, `unspecified` when not recorded. */
export interface CategorySpend extends BudgetSpend {
  readonly category: string;
}

/** What spends whose request's category is not known count as. */
export const UNKNOWN_CATEGORY = 'unspecified';

export interface FactSummary {
  readonly peopleJoined: Count;
  readonly relationshipsStarted: Count;
  readonly relationshipsEnded: Count;
  readonly endings: readonly EndingCount[];
  readonly relationshipLength: RelationshipLength;
  readonly connections: Connections;
  readonly budgetSpend: BudgetSpend;
  /** Spend split by purpose category, most spent first. Amounts and payments add up to `budgetSpend`; a person helped in two categories counts in each. */
  readonly budgetSpendByCategory: readonly CategorySpend[];
}

const count = (n: number): Count => ({ count: n, small: isSmall(n) });

const distinctPeople = (list: readonly Fact[]) => new Set(list.map((f) => f.personId).filter((id) => id !== null)).size;

function spendOf(spends: readonly Fact[]): BudgetSpend {
  const people = distinctPeople(spends);
  return { spentPence: spends.reduce((sum, f) => sum + (f.amountPence ?? 0), 0), spends: spends.length, people, small: isSmall(people) };
}

function spendByCategory(spends: readonly Fact[]): CategorySpend[] {
  const byCategory = new Map<string, Fact[]>();
  for (const f of spends) {
    const category = f.purposeCategory ?? UNKNOWN_CATEGORY;
    const list = byCategory.get(category) ?? [];
    list.push(f);
    byCategory.set(category, list);
  }
  return [...byCategory.entries()]
    .map(([category, list]) => ({ category, ...spendOf(list) }))
    .sort((a, b) => b.spentPence - a.spentPence || (a.category < b.category ? -1 : 1));
}

/** The aggregates of the facts that happened within the window. */
export function summariseFacts(facts: readonly Fact[], window: Window): FactSummary {
  const inside = facts.filter((f) => f.happenedOn >= window.start && f.happenedOn <= window.end);
  const of = (kind: FactKind) => inside.filter((f) => f.kind === kind);
  const people = distinctPeople;

  const ended = of('ended');
  const endings = new Map<string, number>();
  for (const f of ended) if (f.ending) endings.set(f.ending, (endings.get(f.ending) ?? 0) + 1);
  const lengths = ended.flatMap((f) => (f.lengthDays === null ? [] : [f.lengthDays]));
  const connections = of('connection');
  const spends = of('spend');
  const connectedPeople = people(connections);

  return {
    peopleJoined: count(people(of('joined'))),
    relationshipsStarted: count(of('started').length),
    relationshipsEnded: count(ended.length),
    endings: [...endings.entries()]
      .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))
      .map(([ending, n]) => ({ ending, ...count(n) })),
    relationshipLength: { ended: lengths.length, medianDays: median(lengths), small: isSmall(lengths.length) },
    connections: { made: connections.length, people: connectedPeople, small: isSmall(connectedPeople) },
    budgetSpend: spendOf(spends),
    budgetSpendByCategory: spendByCategory(spends),
  };
}

/** One wellbeing check-in, as the queries read it (recorded by asOf, on or before the range's end). */
export interface CheckIn {
  /** Pseudonymous: pairs a person's first and latest scores, never returned. */
  readonly personId: string;
  readonly scale: string;
  readonly checkedInOn: string;
  /** Orders check-ins on the same day. */
  readonly recordedAt: string;
  readonly score: number;
  /** The person's team and area on the day of this check-in. */
  readonly teamId: string | null;
  readonly areaId: string | null;
}

export interface WellbeingChange {
  readonly scale: WellbeingScaleName;
  /** People counted: with at least two check-ins on this scale, the latest in the window. */
  readonly people: number;
  readonly meanFirst: number;
  readonly meanLatest: number;
  /** Mean of (latest - first), with its confidence interval (null with fewer than two people). */
  readonly meanChange: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number;
  readonly nationalAverage: number;
  /** People whose latest score is nearer the national average than their first. */
  readonly movingTowardsNationalAverage: number;
  readonly shareMovingTowardsNationalAverage: number;
  readonly small: boolean;
}

export interface WellbeingFilter {
  readonly teamId?: string;
  readonly areaId?: string;
}

const byDate = (a: CheckIn, b: CheckIn) =>
  a.checkedInOn !== b.checkedInOn ? (a.checkedInOn < b.checkedInOn ? -1 : 1) : a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0;

/**
 * Wellbeing change for a window, per scale: for each person whose latest check-in up to the
 * window's end falls within it, that latest score against their first ever on the same scale
 * (people with only one check-in on that scale are not counted). A team or area filter applies
 * to where the person was at that latest check-in. Scores on different scales are never mixed:
 * WEMWBS totals run 14-70, SWEMWBS metric scores 7-35.
 */
export function wellbeingChanges(checkIns: readonly CheckIn[], window: Window, filter: WellbeingFilter = {}, level = 0.95): WellbeingChange[] {
  const byPerson = new Map<string, CheckIn[]>();
  for (const c of checkIns) {
    if (c.checkedInOn > window.end || !isKnownScale(c.scale)) continue;
    const list = byPerson.get(c.personId) ?? [];
    list.push(c);
    byPerson.set(c.personId, list);
  }
  const pairs = new Map<WellbeingScaleName, { first: number; latest: number }[]>();
  for (const list of byPerson.values()) {
    list.sort(byDate);
    const latest = list[list.length - 1];
    if (latest.checkedInOn < window.start) continue;
    if (filter.teamId && latest.teamId !== filter.teamId) continue;
    if (filter.areaId && latest.areaId !== filter.areaId) continue;
    const sameScale = list.filter((c) => c.scale === latest.scale);
    if (sameScale.length < 2) continue;
    const scale = latest.scale as WellbeingScaleName;
    const found = pairs.get(scale) ?? [];
    found.push({ first: sameScale[0].score, latest: latest.score });
    pairs.set(scale, found);
  }

  const changes: WellbeingChange[] = [];
  for (const scale of WELLBEING_SCALE_NAMES) {
    const found = pairs.get(scale);
    if (!found || found.length === 0) continue;
    const reference = NATIONAL_AVERAGE[scale];
    const estimate = meanWithConfidenceInterval(
      found.map((p) => p.latest - p.first),
      level,
    );
    if (!estimate) continue;
    const towards = found.filter((p) => Math.abs(p.latest - reference) < Math.abs(p.first - reference)).length;
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const interval = found.length >= 2 && Number.isFinite(estimate.lower) && Number.isFinite(estimate.upper);
    changes.push({
      scale,
      people: found.length,
      meanFirst: mean(found.map((p) => p.first)),
      meanLatest: mean(found.map((p) => p.latest)),
      meanChange: estimate.mean,
      lower: interval ? estimate.lower : null,
      upper: interval ? estimate.upper : null,
      level: estimate.level,
      nationalAverage: reference,
      movingTowardsNationalAverage: towards,
      shareMovingTowardsNationalAverage: towards / found.length,
      small: isSmall(found.length),
    });
  }
  return changes;
}
