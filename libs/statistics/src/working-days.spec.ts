import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import { addWorkingDays, workingDaysBetween } from './working-days.js';

/** A plainly different reference: walk real Date objects one day at a time, reading the weekday from getUTCDay. */
function referenceCount(from: string, to: string, holidays: ReadonlySet<string>): number {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const [a, b, sign] = from <= to ? [day(from), day(to), 1] : [day(to), day(from), -1];
  let count = 0;
  for (const d = new Date(a.getTime() + 86_400_000); d <= b; d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(d.toISOString().slice(0, 10))) count++;
  }
  return count === 0 ? 0 : sign * count;
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Dates from 1990 to 2060, written 'YYYY-MM-DD'. */
const dates = fc.integer({ min: 7305, max: 32874 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
const holidaySets = fc.array(dates, { maxLength: 40 }).map((list) => new Set(list));

// Synthetic closures (a winter break and a spring day), not any real calendar.
const closures = new Set(['2024-12-25', '2024-12-26', '2025-04-18']);

describe('addWorkingDays', () => {
  it('counts 20 working days from Monday 2024-01-01 to Monday 2024-01-29', () => {
    expect(addWorkingDays('2024-01-01', 20)).toBe('2024-01-29');
  });

  it('skips the weekend: Friday + 1 and Saturday + 1 are both the next Monday', () => {
    expect(addWorkingDays('2024-03-08', 1)).toBe('2024-03-11');
    expect(addWorkingDays('2024-03-09', 1)).toBe('2024-03-11');
    expect(addWorkingDays('2024-03-10', 1)).toBe('2024-03-11');
  });

  it('skips closures: from Friday 2024-12-20, 5 working days with 25 and 26 December closed is 2024-12-31', () => {
    expect(addWorkingDays('2024-12-20', 5)).toBe('2024-12-27');
    expect(addWorkingDays('2024-12-20', 5, closures)).toBe('2024-12-31');
  });

  it('crosses a leap day and a year end', () => {
    expect(addWorkingDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addWorkingDays('2023-12-29', 1)).toBe('2024-01-01');
  });

  it('returns the date itself for 0, and counts back for negative numbers', () => {
    expect(addWorkingDays('2024-03-09', 0)).toBe('2024-03-09');
    expect(addWorkingDays('2024-03-11', -1)).toBe('2024-03-08');
    expect(addWorkingDays('2024-03-09', -1)).toBe('2024-03-08');
    expect(addWorkingDays('2024-12-31', -5, closures)).toBe('2024-12-20');
  });

  it('names what to fix', () => {
    expect(() => addWorkingDays('2024-02-30', 1)).toThrow(ValidationError);
    expect(() => addWorkingDays('2024-02-30', 1)).toThrow(/^date: /);
    expect(() => addWorkingDays('2024-3-1', 1)).toThrow(/^date: /);
    expect(() => addWorkingDays('2024-03-01T00:00:00Z', 1)).toThrow(/^date: /);
    expect(() => addWorkingDays('2024-03-01', 1.5)).toThrow(/^days: /);
    expect(() => addWorkingDays('2024-03-01', 1, new Set(['25/12/2024']))).toThrow(/^holidays: /);
    expect(() => addWorkingDays('9999-12-30', 5)).toThrow(/^days: /);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2024-01-01', '2024-01-29')).toBe(20);
    expect(workingDaysBetween('2024-03-08', '2024-03-11')).toBe(1); // Friday to Monday
    expect(workingDaysBetween('2024-03-09', '2024-03-10')).toBe(0); // Saturday to Sunday
    expect(workingDaysBetween('2024-03-10', '2024-03-09')).toBe(0); // and back: 0, not −0
    expect(workingDaysBetween('2024-03-11', '2024-03-11')).toBe(0);
    expect(workingDaysBetween('2024-12-20', '2024-12-31', closures)).toBe(5);
  });

  it('is negative when `to` comes first: a response due Monday 2024-03-11 checked on Wednesday the 13th is 2 working days overdue', () => {
    expect(workingDaysBetween('2024-03-13', '2024-03-11')).toBe(-2);
  });

  it('names what to fix', () => {
    expect(() => workingDaysBetween('2024-13-01', '2024-03-11')).toThrow(/^from: /);
    expect(() => workingDaysBetween('2024-03-11', '')).toThrow(/^to: /);
  });

  describe('properties', () => {
    it('matches a day-by-day count on Date objects', () => {
      fc.assert(
        fc.property(dates, dates, holidaySets, (from, to, holidays) => {
          fc.pre(Math.abs(Date.parse(from) - Date.parse(to)) < 800 * 86_400_000);
          expect(workingDaysBetween(from, to, holidays)).toBe(referenceCount(from, to, holidays));
        }),
      );
    });

    it('adds up: between(a, b) + between(b, c) = between(a, c), and between(a, b) = −between(b, a)', () => {
      fc.assert(
        fc.property(dates, fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 }), holidaySets, (a, s, t, holidays) => {
          const b = addWorkingDays(a, s);
          const c = addWorkingDays(b, t);
          expect(workingDaysBetween(a, b, holidays) + workingDaysBetween(b, c, holidays)).toBe(workingDaysBetween(a, c, holidays));
          expect(workingDaysBetween(b, a, holidays) + workingDaysBetween(a, b, holidays)).toBe(0);
        }),
      );
    });

    it('round-trips: n working days on from any date is n working days away, and lands on a working day', () => {
      fc.assert(
        fc.property(dates, fc.integer({ min: 0, max: 600 }), holidaySets, (date, n, holidays) => {
          const due = addWorkingDays(date, n, holidays);
          expect(workingDaysBetween(date, due, holidays)).toBe(n);
          if (n > 0) {
            expect(isWeekend(due)).toBe(false);
            expect(holidays.has(due)).toBe(false);
          }
        }),
      );
    });

    it('round-trips backwards from a working day, and forwards again to the same day', () => {
      fc.assert(
        fc.property(dates, fc.integer({ min: -600, max: 600 }), holidaySets, (date, n, holidays) => {
          const start = addWorkingDays(date, 1, holidays); // always a working day
          const moved = addWorkingDays(start, n, holidays);
          expect(workingDaysBetween(start, moved, holidays)).toBe(n);
          expect(addWorkingDays(moved, -n, holidays)).toBe(start);
        }),
      );
    });
  });
});
