import { ConflictError, type Decider, NotFoundError, type Sealed } from '#libs/kernel';
import { type BudgetEvent, pounds, type RequestStatus } from './budget.events.js';
import type { BudgetPurposeCategory, ChoosablePurposeCategory } from './budget.purposes.js';

export type BudgetCommand =
  | { kind: 'fund'; amountPence: number; source: string; fundedOn: string }
  | {
      kind: 'request';
      requestId: string;
      personId: string;
      purpose: Sealed;
      /** Never `unspecified`: that is only what requests recorded before categories read as. */
      purposeCategory: ChoosablePurposeCategory;
      amountPence: number;
      requestedOn: string;
    }
  | { kind: 'approve'; requestId: string; approvedOn: string }
  | { kind: 'decline'; requestId: string; declinedOn: string; reason: Sealed }
  | { kind: 'spend'; requestId: string; spendId: string; amountPence: number; onWhat: Sealed; spentOn: string }
  | { kind: 'close'; requestId: string; closedOn: string };

export interface RequestState {
  readonly personId: string;
  readonly purposeCategory: BudgetPurposeCategory;
  readonly amountPence: number;
  readonly status: RequestStatus;
  readonly requestedOn: string;
  /** The latest date in its history: later steps cannot be dated before it. */
  readonly latest: string;
  readonly approvedPence: number;
  readonly spentPence: number;
}

export interface BudgetState {
  readonly fundedPence: number;
  readonly spentPence: number;
  readonly requests: ReadonlyMap<string, RequestState>;
  readonly spendIds: ReadonlySet<string>;
}

/** Money in the pot: funded minus spent. */
export function balanceOf(state: BudgetState): number {
  return state.fundedPence - state.spentPence;
}

/** Approved and not yet spent (nor released by closing the request). */
export function committedOf(state: BudgetState): number {
  let committed = 0;
  for (const r of state.requests.values()) if (r.status === 'approved') committed += r.approvedPence - r.spentPence;
  return committed;
}

/** What new requests and approvals can draw on: the balance minus what is committed. */
export function availableOf(state: BudgetState): number {
  return balanceOf(state) - committedOf(state);
}

const later = (a: string, b: string) => (a > b ? a : b);

function withRequest(state: BudgetState, id: string, change: (r: RequestState) => RequestState): BudgetState {
  const current = state.requests.get(id);
  if (!current) return state;
  return { ...state, requests: new Map(state.requests).set(id, change(current)) };
}

export const budgetDecider: Decider<BudgetCommand, BudgetEvent, BudgetState> = {
  initialState: { fundedPence: 0, spentPence: 0, requests: new Map(), spendIds: new Set() },

  evolve(state, event) {
    switch (event.type) {
      case 'budget.funded':
        return { ...state, fundedPence: state.fundedPence + event.data.amountPence };
      case 'budget.requested': {
        const d = event.data;
        const request: RequestState = {
          personId: d.personId,
          purposeCategory: d.purposeCategory,
          amountPence: d.amountPence,
          status: 'requested',
          requestedOn: d.requestedOn,
          latest: d.requestedOn,
          approvedPence: 0,
          spentPence: 0,
        };
        return { ...state, requests: new Map(state.requests).set(d.requestId, request) };
      }
      case 'budget.request_approved':
        return withRequest(state, event.data.requestId, (r) => ({
          ...r,
          status: 'approved',
          approvedPence: event.data.amountPence,
          latest: later(r.latest, event.data.approvedOn),
        }));
      case 'budget.request_declined':
        return withRequest(state, event.data.requestId, (r) => ({ ...r, status: 'declined', latest: later(r.latest, event.data.declinedOn) }));
      case 'budget.spent': {
        const spent = withRequest(state, event.data.requestId, (r) => ({
          ...r,
          spentPence: r.spentPence + event.data.amountPence,
          latest: later(r.latest, event.data.spentOn),
        }));
        return { ...spent, spentPence: state.spentPence + event.data.amountPence, spendIds: new Set([...state.spendIds, event.data.spendId]) };
      }
      case 'budget.request_closed':
        return withRequest(state, event.data.requestId, (r) => ({ ...r, status: 'closed', latest: later(r.latest, event.data.closedOn) }));
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'fund': {
        const { kind: _kind, ...data } = command;
        return [{ type: 'budget.funded', data }];
      }
      case 'request': {
        if (state.requests.has(command.requestId)) throw new ConflictError('This budget request is already recorded.');
        requireAvailable(state, command.amountPence, 'This request');
        const { kind: _kind, ...data } = command;
        return [{ type: 'budget.requested', data }];
      }
      case 'approve': {
        const request = requestIn(state, command.requestId, ['requested'], 'Only a request waiting for a decision can be approved.');
        notBefore(command.approvedOn, request.latest, 'The approval');
        requireAvailable(state, request.amountPence, 'Approving this request');
        return [{ type: 'budget.request_approved', data: { requestId: command.requestId, amountPence: request.amountPence, approvedOn: command.approvedOn } }];
      }
      case 'decline': {
        const request = requestIn(state, command.requestId, ['requested'], 'Only a request waiting for a decision can be declined.');
        notBefore(command.declinedOn, request.latest, 'Declining it');
        const { kind: _kind, ...data } = command;
        return [{ type: 'budget.request_declined', data }];
      }
      case 'spend': {
        const request = requestIn(state, command.requestId, ['approved'], 'Money can only be spent on an approved request that is still open.');
        if (state.spendIds.has(command.spendId)) throw new ConflictError('This spend is already recorded.');
        notBefore(command.spentOn, request.latest, 'The spend');
        const left = request.approvedPence - request.spentPence;
        if (command.amountPence > left) {
          throw new ConflictError(
            `Spending ${pounds(command.amountPence)} is more than was approved: ${pounds(left)} of the ${pounds(request.approvedPence)} approved is left to spend.`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'budget.spent', data }];
      }
      case 'close': {
        const request = requestIn(state, command.requestId, ['approved'], 'Only an approved request that is still open can be closed.');
        notBefore(command.closedOn, request.latest, 'Closing it');
        return [
          {
            type: 'budget.request_closed',
            data: { requestId: command.requestId, closedOn: command.closedOn, releasedPence: request.approvedPence - request.spentPence },
          },
        ];
      }
    }
  },
};

function requestIn(state: BudgetState, id: string, allowed: RequestStatus[], message: string): RequestState {
  const request = state.requests.get(id);
  if (!request) throw new NotFoundError('No budget request with this id in this team\'s pot.');
  if (!allowed.includes(request.status)) throw new ConflictError(`${message} This one is ${request.status}.`);
  return request;
}

/** Refuses, naming the pot's balance, anything the pot cannot cover without going below what it has promised. */
function requireAvailable(state: BudgetState, amountPence: number, what: string): void {
  const available = availableOf(state);
  if (amountPence <= available) return;
  const committed = committedOf(state);
  const promised = committed > 0 ? `, of which ${pounds(committed)} is approved and not yet spent,` : '';
  throw new ConflictError(
    `${what} (${pounds(amountPence)}) is more than the pot can cover: its balance is ${pounds(balanceOf(state))}${promised} so ${pounds(available)} is available. Add funding to the pot first.`,
  );
}

function notBefore(date: string, earliest: string, what: string): void {
  if (date < earliest) throw new ConflictError(`${what} cannot be dated before ${earliest}, the last step recorded for this request.`);
}
