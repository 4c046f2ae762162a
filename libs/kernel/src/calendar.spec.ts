import { calendarDate, DEFAULT_TIME_ZONE, isCalendarDate, isTimeZone, organisationTimeZone, setOrganisationTimeZone } from './calendar.js';

describe("the organisation's calendar", () => {
  afterEach(() => setOrganisationTimeZone(DEFAULT_TIME_ZONE));

  it('counts days in Europe/London unless told otherwise', () => {
    expect(organisationTimeZone()).toBe('Europe/London');
  });

  it('in a British summer, half past midnight is already the next day, while UTC is still on the day before', () => {
    const halfPastMidnightBst = new Date('2026-07-01T23:30:00Z');
    expect(calendarDate(halfPastMidnightBst)).toBe('2026-07-02');
    expect(calendarDate(halfPastMidnightBst, 'UTC')).toBe('2026-07-01');
  });

  it('in a British winter, the organisation’s day and UTC’s are the same', () => {
    expect(calendarDate(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(calendarDate(new Date('2026-01-16T00:30:00Z'))).toBe('2026-01-16');
  });

  it('follows the zone it is set to', () => {
    setOrganisationTimeZone('Pacific/Auckland');
    expect(calendarDate(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01-16');
  });

  it('tells a real calendar date from text that only looks like one', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2026-02-30', '2027-02-29', '2026-13-01', '26-01-01', '2026-1-1', ''].map(isCalendarDate)).toEqual([false, false, false, false, false, false]);
  });

  it('refuses a time zone it does not know, and keeps the one it had', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => setOrganisationTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(organisationTimeZone()).toBe('Europe/London');
  });
});
