import type { Sealed } from '#libs/kernel';
import type { WellbeingScale } from './wellbeing.scales.js';

/**
 * A wellbeing check-in the person chose to do. Stream: `wellbeing-<personId>`.
 *
 * What is kept, and how: the item answers are health data about one person, so they are sealed
 * with the person's key (a JSON array, in item order) and become unreadable if the person is
 * forgotten. The totals (raw and, for SWEMWBS, the metric score) stay in clear, because the
 * anonymous outcome statistics need them; nothing identifying sits beside them in the event (no
 * name, no words, no contact details: only the stream's pseudonymous person id).
 */
export interface WellbeingCheckedIn {
  readonly checkInId: string;
  readonly scale: WellbeingScale;
  readonly checkedInOn: string;
  /** The plain total of the answers: WEMWBS 14-70, SWEMWBS 7-35. */
  readonly rawScore: number;
  /** The score to compare: the WEMWBS total, or the SWEMWBS metric score (7.00-35.00). */
  readonly score: number;
  /** The answers, item by item, sealed with the person's key. */
  readonly answers: Sealed;
}

export type WellbeingEvent = { type: 'wellbeing.checked_in'; data: WellbeingCheckedIn };

export const WELLBEING_EVENT_TYPES = ['wellbeing.checked_in'] as const;

export function wellbeingStream(personId: string): string {
  return `wellbeing-${personId}`;
}
