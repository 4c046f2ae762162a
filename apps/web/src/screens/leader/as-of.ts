/**
 * The "as of" view of the learning page: which day's knowledge it shows, how figures are grouped
 * and from when. Kept in the address (?asOf=…&by=…&from=…&area=…), so a view can be shared and
 * the browser's back button returns to the last one.
 */
import { today } from '../../lib/dates.js';

export type Grouping = 'MONTH' | 'QUARTER';

export interface LearningView {
  /** The day whose end the figures are as known at (YYYY-MM-DD); today means "now". */
  readonly asOf: string;
  readonly by: Grouping;
  /** The first day counted (YYYY-MM-DD). */
  readonly from: string;
  /** An area to narrow the outcomes to; empty for all. */
  readonly areaId: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the month or quarter `back` periods before the one `day` falls in. */
export function periodStart(day: string, by: Grouping, back: number): string {
  const [year, month] = day.split('-').map(Number);
  const months = by === 'QUARTER' ? 3 : 1;
  const first = by === 'QUARTER' ? month - ((month - 1) % 3) : month;
  const date = new Date(Date.UTC(year, first - 1 - back * months, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-01`;
}

/** The default range: the last 12 months, or the last 8 quarters, up to the as-of day. */
export function defaultFrom(asOf: string, by: Grouping): string {
  return periodStart(asOf, by, by === 'QUARTER' ? 7 : 11);
}

/** The view the address asks for, with anything missing or malformed filled in. */
export function readView(params: URLSearchParams, now: string = today()): LearningView {
  const asked = params.get('asOf') ?? '';
  const asOf = DAY.test(asked) && asked <= now ? asked : now;
  const by: Grouping = params.get('by') === 'QUARTER' ? 'QUARTER' : 'MONTH';
  const from = params.get('from') ?? '';
  return { asOf, by, from: DAY.test(from) && from <= asOf ? from : defaultFrom(asOf, by), areaId: params.get('area') ?? '' };
}

export function writeView(view: LearningView, now: string = today()): URLSearchParams {
  const params = new URLSearchParams();
  if (view.asOf !== now) params.set('asOf', view.asOf);
  if (view.by !== 'MONTH') params.set('by', view.by);
  if (view.from !== defaultFrom(view.asOf, view.by)) params.set('from', view.from);
  if (view.areaId) params.set('area', view.areaId);
  return params;
}

/**
 * The moment the API is asked to answer for: the end of the as-of day in this browser's time
 * zone, or nothing (now) for today.
 */
export function asOfMoment(asOf: string, now: string = today()): string | undefined {
  if (asOf >= now) return undefined;
  const [year, month, day] = asOf.split('-').map(Number);
  return new Date(new Date(year, month - 1, day + 1).getTime() - 1).toISOString();
}
