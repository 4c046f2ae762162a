/**
 * The UK's bank holidays, worked out from their rules (gov.uk, "UK bank holidays"), so that
 * "within 20 working days" does not count Christmas or Easter Monday as working days.
 *
 * A fixed-date holiday falling on a Saturday or Sunday moves to the next weekday that is not
 * already a holiday (Christmas on a Saturday: Monday 27th, Boxing Day on the Sunday: Tuesday 28th).
 * The one-off changes made by proclamation since 2012 (jubilees, the coronation, a state
 * funeral, a moved May holiday) are listed below; any later ones, and days the organisation itself
 * is closed, come from the configuration (CLOSED_DAYS).
 */

export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

/** One-off changes: a rule's day moved elsewhere, or a day added, across the UK. */
const MOVED: Readonly<Record<string, string>> = {
  '2012-05-28': '2012-06-04', // spring holiday moved for the Diamond Jubilee
  '2020-05-04': '2020-05-08', // early May holiday moved to VE Day's 75th anniversary
  '2022-05-30': '2022-06-02', // spring holiday moved for the Platinum Jubilee
};
const ADDED: readonly string[] = [
  '2012-06-05', // Diamond Jubilee
  '2022-06-03', // Platinum Jubilee
  '2022-09-19', // the state funeral of Queen Elizabeth II
  '2023-05-08', // the coronation of King Charles III
];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month - 1, date));
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;

/** Easter Sunday in the Gregorian calendar (the anonymous, "Meeus/Jones/Butcher", algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(day(year, month, date));
}

/** The first Monday of a month, or (n = -1) its last Monday. */
function monday(year: number, month: number, n: 1 | -1): Date {
  if (n === 1) {
    const first = day(year, month, 1);
    return plusDays(first, (8 - first.getUTCDay()) % 7);
  }
  const last = day(year, month + 1, 0);
  return plusDays(last, -((last.getUTCDay() + 6) % 7));
}

/** A region's bank holidays in one year, in date order. */
export function bankHolidays(region: BankHolidayRegion, year: number): string[] {
  const easter = new Date(`${easterSunday(year)}T00:00:00Z`);
  const fixed: Date[] = [day(year, 1, 1)];
  if (region === 'scotland') fixed.push(day(year, 1, 2));
  if (region === 'northern-ireland') fixed.push(day(year, 3, 17), day(year, 7, 12));
  if (region === 'scotland') fixed.push(day(year, 11, 30));
  fixed.push(day(year, 12, 25), day(year, 12, 26));

  const holidays = new Set<string>([iso(plusDays(easter, -2)), iso(monday(year, 5, 1)), iso(monday(year, 5, -1))]);
  if (region !== 'scotland') holidays.add(iso(plusDays(easter, 1)));
  holidays.add(iso(region === 'scotland' ? monday(year, 8, 1) : monday(year, 8, -1)));
  // Fixed dates on weekdays first, then each weekend one moves to the next free weekday, in date order.
  for (const date of fixed) if (!isWeekend(date)) holidays.add(iso(date));
  for (const date of fixed) {
    if (!isWeekend(date)) continue;
    let substitute = plusDays(date, 1);
    while (isWeekend(substitute) || holidays.has(iso(substitute))) substitute = plusDays(substitute, 1);
    holidays.add(iso(substitute));
  }

  for (const [from, to] of Object.entries(MOVED)) {
    if (holidays.delete(from)) holidays.add(to);
  }
  for (const added of ADDED) if (added.startsWith(`${year}-`)) holidays.add(added);
  return [...holidays].sort();
}

/** A region's bank holidays over a span of years, as a set for working-day arithmetic. */
export function bankHolidaysBetween(region: BankHolidayRegion, fromYear: number, toYear: number): Set<string> {
  const all = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) for (const holiday of bankHolidays(region, year)) all.add(holiday);
  return all;
}
