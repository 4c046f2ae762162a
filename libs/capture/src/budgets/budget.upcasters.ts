import type { Upcaster } from '#libs/kernel';
import type { BudgetRequestedData, BudgetRequestedV1Data } from './budget.events.js';
import { UNSPECIFIED_PURPOSE } from './budget.purposes.js';

/**
 * `budget.requested` version 1 -> 2: requests recorded before purpose categories existed read as
 * `unspecified` (a category nobody can choose). The stored event is left as it is; only what is
 * read changes. Registering this makes 2 the version new `budget.requested` events are written with.
 */
export const budgetRequestedV1ToV2: Upcaster = {
  type: 'budget.requested',
  fromVersion: 1,
  upcast(data: unknown): BudgetRequestedData {
    return { ...(data as BudgetRequestedV1Data), purposeCategory: UNSPECIFIED_PURPOSE };
  },
};

/** Every upcaster of the budget events, oldest shape first. */
export const BUDGET_UPCASTERS: readonly Upcaster[] = [budgetRequestedV1ToV2];
