/** The influencer's screens' words for the API's codes, and small pure helpers they share. */
import type { ChangeableThemeStatus, ThemeStatus } from '../../gql/graphql.js';
import { humanise } from '../../lib/words.js';

const THEME_STATUS: Record<ThemeStatus, string> = {
  EMERGING: 'Emerging',
  CONFIRMED: 'Confirmed',
  RAISED_WITH_SERVICES: 'Raised with services',
  CHANGE_AGREED: 'Change agreed',
  IMPROVING: 'Improving',
  RESOLVED: 'Resolved',
  REOPENED: 'Re-opened',
  MERGED: 'Merged',
};
export const themeStatusLabel = (status: ThemeStatus | string) => THEME_STATUS[status as ThemeStatus] ?? humanise(status);

/** What each step of the loop means, for the "move along the loop" choices. */
export const THEME_STATUS_HINT: Partial<Record<ThemeStatus, string>> = {
  RAISED_WITH_SERVICES: 'You have raised it with the services concerned, for example in a feedback report or a meeting.',
  CHANGE_AGREED: 'A service has agreed to change something.',
  IMPROVING: 'Later observations suggest it is getting better.',
  RESOLVED: 'It no longer happens, as far as coaches see.',
  REOPENED: 'It has come back, or the change did not hold.',
};

/** The order of the loop; a theme moves forward (steps may be skipped) or is re-opened. */
const ORDER: readonly ThemeStatus[] = ['EMERGING', 'CONFIRMED', 'RAISED_WITH_SERVICES', 'CHANGE_AGREED', 'IMPROVING', 'RESOLVED'];
const CHANGEABLE: readonly ChangeableThemeStatus[] = ['RAISED_WITH_SERVICES', 'CHANGE_AGREED', 'IMPROVING', 'RESOLVED', 'REOPENED'];

/** The statuses a theme may move to from `from` (the API's lifecycle rule, so only allowed steps are offered). */
export function nextStatuses(from: ThemeStatus): ChangeableThemeStatus[] {
  if (from === 'MERGED' || from === 'EMERGING') return [];
  return CHANGEABLE.filter((to) => {
    if (to === 'REOPENED') return from !== 'CONFIRMED' && from !== 'REOPENED';
    if (from === 'REOPENED') return true;
    return ORDER.indexOf(to) > ORDER.indexOf(from);
  });
}

const CHANGES: Record<string, string> = {
  proposed: 'Proposed',
  confirmed: 'Confirmed',
  redefined: 'Renamed or redefined',
  linked: 'Observations added',
  unlinked: 'Observations taken out',
  status_changed: 'Moved along the loop',
  merged: 'Merged into another theme',
  absorbed: 'Another theme merged into it',
  split: 'Observations split off into a new theme',
  split_off: 'Split off from another theme',
};
export const themeChangeLabel = (change: string) => CHANGES[change] ?? humanise(change);

const OBSERVATION_CHANGES: Record<string, string> = {
  RECORDED: 'Recorded',
  AMENDED: 'Corrected',
  RETRACTED: 'Withdrawn',
  ORGANISATION_MATCHED: 'Matched to a listed service',
  QUOTE_APPROVED: 'Their words approved for sharing',
  QUOTE_APPROVAL_WITHDRAWN: 'Approval of their words withdrawn',
};
export const observationChangeLabel = (change: string) => OBSERVATION_CHANGES[change] ?? humanise(change);

export const kindLabel = (kind: string) => (kind === 'BRIGHT_SPOT' ? 'Bright spot' : kind === 'BARRIER' ? 'Barrier' : humanise(kind));

const REPORT_TRENDS: Record<string, string> = {
  RISING: 'Rising',
  FALLING: 'Falling',
  STEADY: 'Steady',
  TOO_FEW: 'Too few to say',
};
export const reportTrendLabel = (trend: string | null | undefined) => (trend ? (REPORT_TRENDS[trend] ?? humanise(trend)) : 'Not shown');

/** "0.0004" → "< 0.001"; other p-values to 3 significant figures. */
export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p.toPrecision(2);
}

/** A ratio with one decimal, or "no baseline" when there was nothing before to compare with. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return 'no baseline';
  return `${ratio.toFixed(1)}×`;
}

/** The first `max` characters of a text, cut at a word, with an ellipsis when cut. */
export function excerpt(text: string | null | undefined, max = 160): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,.;:]$/, '')}…`;
}

/** YYYY-MM-DD, `days` before `from` (a YYYY-MM-DD day, counted in UTC). */
export function dayBefore(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every week (from its Monday) or month (from its first day) from `from` to `to`, with the count
 * the API gave or zero: the API lists only periods that have evidence.
 */
export function fillPeriods(points: readonly { period: string; count: number }[], period: 'WEEK' | 'MONTH', from: string, to: string): { period: string; count: number }[] {
  const counts = new Map(points.map((p) => [p.period.slice(0, 10), p.count]));
  const start = new Date(`${from}T00:00:00Z`);
  if (period === 'MONTH') start.setUTCDate(1);
  else start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const end = Date.parse(`${to}T00:00:00Z`);
  const filled: { period: string; count: number }[] = [];
  for (const at = start; at.getTime() <= end && filled.length < 600; ) {
    const key = at.toISOString().slice(0, 10);
    filled.push({ period: key, count: counts.get(key) ?? 0 });
    if (period === 'MONTH') at.setUTCMonth(at.getUTCMonth() + 1);
    else at.setUTCDate(at.getUTCDate() + 7);
  }
  return filled;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const SHORT_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const WEEK = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Mar 2026" for a month, "w/c 2 Mar" for a week. */
export function periodLabel(period: string, kind: 'WEEK' | 'MONTH', short = false): string {
  const at = Date.parse(`${period.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(at)) return period;
  if (kind === 'MONTH') return short ? SHORT_MONTH.format(at) : MONTH.format(at);
  return short ? WEEK.format(at) : `week of ${WEEK.format(at)}`;
}

/**
 * Whether `approved` only takes words out of `original`, or puts a short [placeholder] where they
 * were, keeping the rest in order (the API checks the same rule and has the last word). Gives
 * the first word that breaks the rule, so the page can name it.
 */
export function redactionProblem(original: string, approved: string): string | undefined {
  const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
  const tokens = (text: string) => (text.normalize('NFKC').match(WORD) ?? []).map((w) => w.toLocaleLowerCase('en-GB').replace(/’/g, "'"));
  const source = tokens(original);
  let at = 0;
  for (const word of tokens(approved.replace(/\[[^[\]]{1,30}\]/gu, ' '))) {
    while (at < source.length && source[at] !== word) at += 1;
    if (at === source.length) return word;
    at += 1;
  }
  return undefined;
}
