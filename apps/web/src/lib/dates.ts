/** Dates as the API speaks them (YYYY-MM-DD, calendar days) and as people read them. */

const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Today in the browser's own time zone, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "3 Mar 2026" for 2026-03-03; the text itself when it is not a date. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const parsed = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed) ? day : LONG.format(parsed);
}

/** "today", "yesterday", "1 day", "12 days" for a number of days. */
export function daysAgo(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** A client-made UUID for commands (works where crypto.randomUUID does not: plain-HTTP hosts). */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
