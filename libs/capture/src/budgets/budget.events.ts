import type { Sealed } from '#libs/kernel';
import type { BudgetPurposeCategory } from './budget.purposes.js';

/**
 * A team's personal budget pot: money in (funding), requests for a person (in their words),
 * decisions on them, and what was spent. One pot per team; stream `budget-<teamId>`. Amounts are
 * whole pence above zero. A request's purpose, a decline's reason and what money was spent on are
 * about one person, so they are sealed with that person's key; the funding source is not
 * personal and stays in clear.
 *
 * Money in the pot (the balance) is funded minus spent. An approved request commits its amount
 * until it is spent or closed. What is available for new requests and approvals is the balance
 * minus what is committed, so the balance can never go below what has been promised, and never
 * below zero.
 *
 * Shapes are the current schema version of each type. `budget.requested` is at version 2: its
 * purpose category (in clear; see budget.purposes.ts) was added, and version-1 events are upcast
 * on read (budget.upcasters.ts), never rewritten.
 */
export type BudgetEvent =
  | { type: 'budget.funded'; data: { amountPence: number; source: string; fundedOn: string } }
  | { type: 'budget.requested'; data: BudgetRequestedData }
  | { type: 'budget.request_approved'; data: { requestId: string; amountPence: number; approvedOn: string } }
  | { type: 'budget.request_declined'; data: { requestId: string; declinedOn: string; reason: Sealed } }
  | { type: 'budget.spent'; data: { requestId: string; spendId: string; amountPence: number; onWhat: Sealed; spentOn: string } }
  /** Nothing more will be spent on it: what was approved and not spent goes back to the pot. */
  | { type: 'budget.request_closed'; data: { requestId: string; closedOn: string; releasedPence: number } };

/** `budget.requested` at schema version 2. */
export interface BudgetRequestedData {
  readonly requestId: string;
  readonly personId: string;
  readonly purpose: Sealed;
  readonly purposeCategory: BudgetPurposeCategory;
  readonly amountPence: number;
  readonly requestedOn: string;
}

/** `budget.requested` as version 1 stored it, before purpose categories. */
export type BudgetRequestedV1Data = Omit<BudgetRequestedData, 'purposeCategory'>;

export const BUDGET_EVENT_TYPES = [
  'budget.funded',
  'budget.requested',
  'budget.request_approved',
  'budget.request_declined',
  'budget.spent',
  'budget.request_closed',
] as const;

export const REQUEST_STATUSES = ['requested', 'approved', 'declined', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export function budgetStream(teamId: string): string {
  return `budget-${teamId}`;
}

/** Pence as pounds for messages, e.g. 12050 -> "£120.50". */
export function pounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}
