import { type DisclosedCount, suppressEach, suppressList } from '#libs/access';
import { classifyTrend } from '#libs/statistics';
import { addDays, daysBetween } from './change-check.js';
import type { ReportContent, SharedCount, SharedKeyedCount, SharedTheme } from './report.events.js';

/** The figures behind a report before anything is hidden: for the organisation's own eyes only. */
export interface RawFigures {
  /** Themes with evidence in the period or the one before. */
  readonly themes: readonly { readonly themeId: string; readonly name: string; readonly count: number; readonly previousCount: number }[];
  /** Every impact tag, zeros included. */
  readonly impacts: readonly { readonly key: string; readonly count: number }[];
  /** Categories with at least one bright spot. */
  readonly brightSpots: readonly { readonly key: string; readonly label: string; readonly count: number }[];
}

/** Plain words for the impact tags, as they appear in a report. */
export const IMPACT_LABELS: Readonly<Record<string, string>> = {
  lost_or_risked_housing: 'Lost, or came close to losing, their home',
  crisis: 'Reached a crisis',
  gave_up_on_the_service: 'Gave up on the service',
  mental_health_worse: 'Mental health got worse',
  financial_loss: 'Lost money',
  missed_opportunity: 'Missed an opportunity',
  retraumatised: 'Had to relive something painful',
};

/** The period of the same length just before `from`..`to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

const shared = (count: DisclosedCount): SharedCount => (count.suppressed ? { value: null, suppressed: true } : { value: count.value, suppressed: false });

/**
 * A report's content as it may leave the organisation: every count through small-number
 * suppression with threshold `k` (libs/access disclosure). Themes' counts (now and in the period
 * before) and impacts are shown with no total, and have none a reader could use: an observation
 * can evidence several themes and carry several impacts, and no count of observations is shown
 * beside them. So only their small counts are hidden (`suppressEach`): a small count last
 * period never hides a large one now, which is the news a rising theme brings. Bright spots are
 * shown with their total, so they are protected as a list (`suppressList`, with secondary
 * suppression). A trend is a direction, never a number: it is given wherever this period's count
 * is shown, and withheld otherwise.
 */
export function discloseFigures(raw: RawFigures, k: number, period: { from: string; to: string }, whatMightHelp: string): ReportContent {
  const previous = previousPeriod(period.from, period.to);
  const days = daysBetween(period.from, period.to) + 1;
  const now = suppressEach(raw.themes.map((t) => ({ key: t.themeId, count: t.count })), k).cells;
  const before = suppressEach(raw.themes.map((t) => ({ key: t.themeId, count: t.previousCount })), k).cells;
  const themes: SharedTheme[] = raw.themes.map((t, i) => {
    const count = now[i].count;
    const trend = count.suppressed
      ? null
      : classifyTrend({ recentCount: t.count, recentExposure: days, baselineCount: t.previousCount, baselineExposure: days }).direction;
    return { themeId: t.themeId, name: t.name, count: shared(count), previousCount: shared(before[i].count), trend };
  });
  const impactList = suppressEach(raw.impacts.map((i) => ({ key: i.key, count: i.count })), k);
  const impacts: SharedKeyedCount[] = impactList.cells.map((c) => ({ key: c.key, label: IMPACT_LABELS[c.key] ?? c.key, count: shared(c.count) }));
  const brightList = suppressList(raw.brightSpots.map((b) => ({ key: b.key, count: b.count })), k);
  const brightSpots: SharedKeyedCount[] = brightList.cells.map((c, i) => ({ key: c.key, label: raw.brightSpots[i].label, count: shared(c.count) }));
  return {
    threshold: k,
    from: period.from,
    to: period.to,
    previousFrom: previous.from,
    previousTo: previous.to,
    themes,
    impacts,
    brightSpots,
    brightSpotsTotal: shared(brightList.total),
    whatMightHelp,
  };
}

/** Every count in a report's content, for checks that nothing below K is shown. */
export function contentCounts(content: ReportContent): SharedCount[] {
  return [
    ...content.themes.flatMap((t) => [t.count, t.previousCount]),
    ...content.impacts.map((i) => i.count),
    ...content.brightSpots.map((b) => b.count),
    content.brightSpotsTotal,
  ];
}
