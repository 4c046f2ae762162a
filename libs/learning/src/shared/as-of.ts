import type { Check } from '#libs/capture';

/**
 * The moment a question is answered for: only events recorded by then count. Left out, it is
 * now. A moment that is not a real date is a problem named on `field`.
 */
export function asOfMoment(check: Check, asOf: Date | string | null | undefined, now: Date = new Date(), field = 'asOf'): Date {
  if (asOf === null || asOf === undefined) return now;
  const moment = asOf instanceof Date ? asOf : new Date(asOf);
  if (Number.isNaN(moment.getTime())) {
    check.problem(field, 'must be a date and time (ISO 8601)');
    return now;
  }
  return moment;
}

/** How a timestamp column is read back for cursors: microseconds, UTC, always the same width. */
export const TIMESTAMP_KEY = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${as}`;
