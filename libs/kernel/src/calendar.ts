/**
 * The organisation's calendar. People record what happened "today" in their own time zone, not
 * in UTC: in a British summer, from midnight to one in the morning the calendar date is already
 * tomorrow's in UTC's eyes. Every "today" and every "not in the future" on a calendar date is
 * therefore counted in one time zone, the organisation's (TIME_ZONE, by default Europe/London).
 * Instants (occurredAt, asOf) stay in UTC.
 */
export const DEFAULT_TIME_ZONE = 'Europe/London';

let organisationZone = DEFAULT_TIME_ZONE;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether the text is a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).toISOString().slice(0, 10) === text;
}

/** Whether the runtime knows this IANA time zone (e.g. Europe/London, UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Sets the organisation's time zone for this process; done once, at start, from the configuration. */
export function setOrganisationTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}".`);
  organisationZone = zone;
}

export function organisationTimeZone(): string {
  return organisationZone;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: the organisation's unless named. */
export function calendarDate(instant: Date, zone: string = organisationZone): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
