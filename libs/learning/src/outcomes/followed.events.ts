/**
 * The capture events the outcome dashboards follow, as this library reads them (capture owns
 * them: people/person.events.ts, coaching/coaching.events.ts, growth/growth.events.ts,
 * budgets/budget.events.ts, wellbeing/wellbeing.events.ts). Only the fields used here are named;
 * sealed words are never read.
 *
 * Streams: `person-<personId>`, `coaching-<personId>`, `growth-<personId>`, `budget-<teamId>`,
 * `wellbeing-<personId>`.
 */
export type FollowedEvent =
  | { type: 'person.joined'; data: { personId: string; areaId: string; teamId: string; joinedOn: string } }
  | { type: 'person.moved_area'; data: { areaId: string; teamId: string; movedOn: string } }
  | { type: 'coaching.started'; data: { personId: string; startedOn: string } }
  | { type: 'coaching.reopened'; data: { reopenedOn: string } }
  | { type: 'coaching.ended'; data: { ending: string; endedOn: string } }
  | { type: 'connection.made'; data: { connectionId: string; kind: string; madeOn: string } }
  /** Schema version 2 (version-1 events arrive upcast, with purposeCategory `unspecified`). */
  | { type: 'budget.requested'; data: { requestId: string; personId: string; purposeCategory: string } }
  | { type: 'budget.spent'; data: { requestId: string; spendId: string; amountPence: number; spentOn: string } }
  | { type: 'wellbeing.checked_in'; data: { checkInId: string; scale: string; checkedInOn: string; score: number } };

export const FOLLOWED_EVENT_TYPES = [
  'person.joined',
  'person.moved_area',
  'coaching.started',
  'coaching.reopened',
  'coaching.ended',
  'connection.made',
  'budget.requested',
  'budget.spent',
  'wellbeing.checked_in',
] as const satisfies readonly FollowedEvent['type'][];
