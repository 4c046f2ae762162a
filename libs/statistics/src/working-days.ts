import { ValidationError } from '#libs/kernel';

/**
 * Working-day arithmetic on calendar dates written 'YYYY-MM-DD', with no time of day and no
 * time zone: a working day is a Monday to Friday that is not in `holidays` (also
 * 'YYYY-MM-DD'). Dates are turned into day numbers (days since 1970-01-01, a Thursday) and
 * back, so no clock or zone ever enters.
 *
 * The two functions agree: think of W(d) as the number of working days up to and including
 * d (counted from any fixed point). workingDaysBetween(from, to) = W(to) − W(from), and
 * addWorkingDays(date, n) for n > 0 is the first day d with W(d) = W(date) + n, so
 *   workingDaysBetween(date, addWorkingDays(date, n)) === n   for every date and n ≥ 0,
 * and for n < 0 whenever `date` is itself a working day.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function toDayNumber(value: string, field: string): number {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return Math.round(date.getTime() / MS_PER_DAY);
    }
  }
  throw new ValidationError("must be a calendar date written 'YYYY-MM-DD'", field);
}

/** Day numbers of 0000-01-01 and 9999-12-31, the range 'YYYY-MM-DD' can write. */
const FIRST_DAY = -719_528;
const LAST_DAY = 2_932_896;

function toDateString(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  const year = date.getUTCFullYear();
  return `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function holidayDayNumbers(holidays: ReadonlySet<string> | undefined): ReadonlySet<number> {
  const numbers = new Set<number>();
  for (const h of holidays ?? []) numbers.add(toDayNumber(h, 'holidays'));
  return numbers;
}

function isWorkingDay(dayNumber: number, holidays: ReadonlySet<number>): boolean {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday; day 0 was a Thursday
  return weekday !== 0 && weekday !== 6 && !holidays.has(dayNumber);
}

/**
 * The date `days` working days after `date` (before it, for negative `days`), e.g. the due
 * date of a response "within 20 working days" of `date`. The start date itself is not
 * counted, so a positive count always lands on a working day: Friday + 1 is the next
 * Monday, Saturday + 1 also the next Monday. With days = 0 the date comes back unchanged.
 * With days < 0 the result is the |days|-th working day strictly before `date`.
 */
export function addWorkingDays(date: string, days: number, holidays?: ReadonlySet<string>): string {
  let day = toDayNumber(date, 'date');
  if (!Number.isSafeInteger(days)) throw new ValidationError('must be a whole number of working days', 'days');
  const closed = holidayDayNumbers(holidays);
  const step = days < 0 ? -1 : 1;
  for (let remaining = Math.abs(days); remaining > 0; ) {
    day += step;
    if (day < FIRST_DAY || day > LAST_DAY) throw new ValidationError('is too large: the result would fall outside the years 0000–9999', 'days');
    if (isWorkingDay(day, closed)) remaining--;
  }
  return toDateString(day);
}

/**
 * Working days from `from` to `to`: the number of working days d with from < d ≤ to, or
 * minus the number with to < d ≤ from when `to` is earlier. So a response due on `to` and
 * checked on `from` has that many working days left (negative: that many overdue), and
 * workingDaysBetween(a, b) + workingDaysBetween(b, c) = workingDaysBetween(a, c).
 */
export function workingDaysBetween(from: string, to: string, holidays?: ReadonlySet<string>): number {
  const start = toDayNumber(from, 'from');
  const end = toDayNumber(to, 'to');
  const closed = holidayDayNumbers(holidays);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) if (isWorkingDay(day, closed)) count++;
  return count === 0 ? 0 : sign * count; // never −0
}
