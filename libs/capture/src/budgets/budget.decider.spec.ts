import { ConflictError, fold, NotFoundError, type Sealed } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { availableOf, balanceOf, budgetDecider, committedOf } from './budget.decider.js';
import { type BudgetEvent, pounds } from './budget.events.js';

const sealed = (label: string) => `pd1.p1.iv.tag.${label}` as Sealed;
const funded = (amountPence: number): BudgetEvent => ({ type: 'budget.funded', data: { amountPence, source: 'Community grant', fundedOn: '2026-01-05' } });
const requested = (requestId: string, amountPence: number): BudgetEvent => ({
  type: 'budget.requested',
  data: { requestId, personId: 'p1', purpose: sealed('purpose'), purposeCategory: 'driving_lessons', amountPence, requestedOn: '2026-01-10' },
});
const approved = (requestId: string, amountPence: number): BudgetEvent => ({
  type: 'budget.request_approved',
  data: { requestId, amountPence, approvedOn: '2026-01-12' },
});
const spent = (requestId: string, spendId: string, amountPence: number): BudgetEvent => ({
  type: 'budget.spent',
  data: { requestId, spendId, amountPence, onWhat: sealed('what'), spentOn: '2026-01-20' },
});

describe('a personal budget pot', () => {
  it('given nothing, when the pot is funded, then the funding is recorded', () => {
    given(budgetDecider).when({ kind: 'fund', amountPence: 50_000, source: 'Community grant', fundedOn: '2026-01-05' }).then([funded(50_000)]);
  });

  it('given a funded pot, when a request fits what is available, then it is recorded', () => {
    given(budgetDecider, funded(50_000))
      .when({ kind: 'request', requestId: 'r1', personId: 'p1', purpose: sealed('purpose'), purposeCategory: 'driving_lessons', amountPence: 30_000, requestedOn: '2026-01-10' })
      .then([requested('r1', 30_000)]);
  });

  it('given a request recorded with its purpose category, then the state keeps the category beside the request', () => {
    const state = fold(budgetDecider, [funded(50_000), requested('r1', 30_000)]);
    expect(state.requests.get('r1')).toMatchObject({ purposeCategory: 'driving_lessons', amountPence: 30_000, status: 'requested' });
  });

  it('given a pot of £200 with £80 committed, when a request for £150 arrives, then it is refused naming the balance', () => {
    given(budgetDecider, funded(20_000), requested('r1', 8_000), approved('r1', 8_000))
      .when({ kind: 'request', requestId: 'r2', personId: 'p1', purpose: sealed('purpose'), purposeCategory: 'driving_lessons', amountPence: 15_000, requestedOn: '2026-01-13' })
      .thenThrows(ConflictError, 'its balance is £200.00, of which £80.00 is approved and not yet spent, so £120.00 is available');
  });

  it('given a pot never funded, when a request arrives, then it is refused', () => {
    given(budgetDecider)
      .when({ kind: 'request', requestId: 'r1', personId: 'p1', purpose: sealed('purpose'), purposeCategory: 'driving_lessons', amountPence: 1, requestedOn: '2026-01-10' })
      .thenThrows(ConflictError, 'its balance is £0.00');
  });

  it('given two waiting requests that together exceed the pot, when both are approved, then the second is refused', () => {
    const h = given(budgetDecider, funded(50_000), requested('r1', 30_000), requested('r2', 30_000), approved('r1', 30_000));
    h.when({ kind: 'approve', requestId: 'r2', approvedOn: '2026-01-12' }).thenThrows(
      ConflictError,
      'Approving this request (£300.00) is more than the pot can cover: its balance is £500.00, of which £300.00 is approved and not yet spent, so £200.00 is available',
    );
  });

  it('given a waiting request, when it is approved, then the approval commits the requested amount', () => {
    const h = given(budgetDecider, funded(50_000), requested('r1', 30_000));
    h.when({ kind: 'approve', requestId: 'r1', approvedOn: '2026-01-12' }).then([approved('r1', 30_000)]);
    const state = fold(budgetDecider, [funded(50_000), requested('r1', 30_000), approved('r1', 30_000)]);
    expect({ balance: balanceOf(state), committed: committedOf(state), available: availableOf(state) }).toEqual({ balance: 50_000, committed: 30_000, available: 20_000 });
  });

  it('given a waiting request, when it is declined with a reason, then it is declined and cannot then be approved', () => {
    const declined: BudgetEvent = { type: 'budget.request_declined', data: { requestId: 'r1', declinedOn: '2026-01-11', reason: sealed('reason') } };
    given(budgetDecider, funded(50_000), requested('r1', 30_000))
      .when({ kind: 'decline', requestId: 'r1', declinedOn: '2026-01-11', reason: sealed('reason') })
      .then([declined]);
    given(budgetDecider, funded(50_000), requested('r1', 30_000), declined)
      .when({ kind: 'approve', requestId: 'r1', approvedOn: '2026-01-12' })
      .thenThrows(ConflictError, 'This one is declined');
  });

  it('given an approved request, when money is spent within it, then the spend moves money out of the pot and out of the commitment', () => {
    const history = [funded(50_000), requested('r1', 30_000), approved('r1', 30_000)];
    given(budgetDecider, ...history)
      .when({ kind: 'spend', requestId: 'r1', spendId: 's1', amountPence: 12_000, onWhat: sealed('what'), spentOn: '2026-01-20' })
      .then([spent('r1', 's1', 12_000)]);
    const state = fold(budgetDecider, [...history, spent('r1', 's1', 12_000)]);
    expect({ balance: balanceOf(state), committed: committedOf(state), available: availableOf(state) }).toEqual({ balance: 38_000, committed: 18_000, available: 20_000 });
  });

  it('given an approved request partly spent, when more than what is left is spent, then it is refused', () => {
    given(budgetDecider, funded(50_000), requested('r1', 30_000), approved('r1', 30_000), spent('r1', 's1', 25_000))
      .when({ kind: 'spend', requestId: 'r1', spendId: 's2', amountPence: 5_001, onWhat: sealed('what'), spentOn: '2026-01-21' })
      .thenThrows(ConflictError, 'more than was approved: £50.00 of the £300.00 approved is left to spend');
  });

  it('given a request not yet approved, when money is spent on it, then it is refused', () => {
    given(budgetDecider, funded(50_000), requested('r1', 30_000))
      .when({ kind: 'spend', requestId: 'r1', spendId: 's1', amountPence: 100, onWhat: sealed('what'), spentOn: '2026-01-20' })
      .thenThrows(ConflictError, 'only be spent on an approved request');
  });

  it('given a spend recorded, when the same spend id is recorded again, then it is refused', () => {
    given(budgetDecider, funded(50_000), requested('r1', 30_000), approved('r1', 30_000), spent('r1', 's1', 100))
      .when({ kind: 'spend', requestId: 'r1', spendId: 's1', amountPence: 100, onWhat: sealed('what'), spentOn: '2026-01-20' })
      .thenThrows(ConflictError, 'already recorded');
  });

  it('given an approved request partly spent, when it is closed, then what is left goes back to the pot', () => {
    const history = [funded(50_000), requested('r1', 30_000), approved('r1', 30_000), spent('r1', 's1', 25_000)];
    const closed: BudgetEvent = { type: 'budget.request_closed', data: { requestId: 'r1', closedOn: '2026-02-01', releasedPence: 5_000 } };
    given(budgetDecider, ...history).when({ kind: 'close', requestId: 'r1', closedOn: '2026-02-01' }).then([closed]);
    const state = fold(budgetDecider, [...history, closed]);
    expect({ balance: balanceOf(state), committed: committedOf(state), available: availableOf(state) }).toEqual({ balance: 25_000, committed: 0, available: 25_000 });
  });

  it('given an approval, when a spend is dated before it, then it is refused', () => {
    given(budgetDecider, funded(50_000), requested('r1', 30_000), approved('r1', 30_000))
      .when({ kind: 'spend', requestId: 'r1', spendId: 's1', amountPence: 100, onWhat: sealed('what'), spentOn: '2026-01-11' })
      .thenThrows(ConflictError, 'before 2026-01-12');
  });

  it('given no such request, when it is approved, then it is not found', () => {
    given(budgetDecider, funded(50_000)).when({ kind: 'approve', requestId: 'r9', approvedOn: '2026-01-12' }).thenThrows(NotFoundError, 'No budget request');
  });

  it('never lets the balance go below what it has promised, whatever is tried', () => {
    let state = fold(budgetDecider, [funded(10_000)]);
    const attempts = [
      { kind: 'request', requestId: 'a', personId: 'p1', purpose: sealed('x'), purposeCategory: 'household', amountPence: 6_000, requestedOn: '2026-01-10' },
      { kind: 'request', requestId: 'b', personId: 'p1', purpose: sealed('x'), purposeCategory: 'household', amountPence: 6_000, requestedOn: '2026-01-10' },
      { kind: 'approve', requestId: 'a', approvedOn: '2026-01-11' },
      { kind: 'approve', requestId: 'b', approvedOn: '2026-01-11' },
      { kind: 'spend', requestId: 'a', spendId: 's1', amountPence: 7_000, onWhat: sealed('x'), spentOn: '2026-01-12' },
      { kind: 'spend', requestId: 'a', spendId: 's2', amountPence: 6_000, onWhat: sealed('x'), spentOn: '2026-01-12' },
      { kind: 'spend', requestId: 'b', spendId: 's3', amountPence: 1, onWhat: sealed('x'), spentOn: '2026-01-12' },
    ] as const;
    for (const attempt of attempts) {
      try {
        state = budgetDecider.decide(attempt, state).reduce(budgetDecider.evolve, state);
      } catch {
        // refused: the state stays as it was
      }
      expect(balanceOf(state)).toBeGreaterThanOrEqual(committedOf(state));
      expect(committedOf(state)).toBeGreaterThanOrEqual(0);
    }
    expect({ balance: balanceOf(state), committed: committedOf(state) }).toEqual({ balance: 4_000, committed: 0 });
  });

  it('writes pence as pounds for people to read', () => {
    expect(pounds(0)).toBe('£0.00');
    expect(pounds(12_050)).toBe('£120.50');
    expect(pounds(1_234_567)).toBe('£12,345.67');
  });
});
