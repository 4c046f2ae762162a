import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { applyAgain } from '../growth/testing/apply-again.js';
import { budgetProjection } from './budget.projection.js';

const sealed = (label: string) => `pd1.subject.iv.tag.${label}`;

describe.each(BACKENDS)('personal budget read models (%s)', (backend) => {
  let h: ProjectionHarness;
  const team = randomUUID();
  const person = randomUUID();
  const ids = { r1: randomUUID(), r2: randomUUID(), r3: randomUUID(), s1: randomUUID(), s2: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [budgetProjection]);
  });
  afterEach(() => h.dispose());

  const story = () =>
    h.given(
      `budget-${team}`,
      { type: 'budget.funded', data: { amountPence: 50_000, source: 'Community grant', fundedOn: '2026-01-05' } },
      { type: 'budget.funded', data: { amountPence: 10_000, source: 'Local fundraising', fundedOn: '2026-02-05' } },
      { type: 'budget.requested', data: { requestId: ids.r1, personId: person, purpose: sealed('r1'), purposeCategory: 'driving_lessons', amountPence: 30_000, requestedOn: '2026-01-10' } },
      { type: 'budget.request_approved', data: { requestId: ids.r1, amountPence: 30_000, approvedOn: '2026-01-12' } },
      { type: 'budget.spent', data: { requestId: ids.r1, spendId: ids.s1, amountPence: 12_000, onWhat: sealed('s1'), spentOn: '2026-01-20' } },
      { type: 'budget.spent', data: { requestId: ids.r1, spendId: ids.s2, amountPence: 3_000, onWhat: sealed('s2'), spentOn: '2026-01-25' } },
      { type: 'budget.requested', data: { requestId: ids.r2, personId: person, purpose: sealed('r2'), purposeCategory: 'phone_and_data', amountPence: 5_000, requestedOn: '2026-02-10' } },
      { type: 'budget.request_declined', data: { requestId: ids.r2, declinedOn: '2026-02-11', reason: sealed('reason') } },
      { type: 'budget.requested', data: { requestId: ids.r3, personId: person, purpose: sealed('r3'), purposeCategory: 'household', amountPence: 8_000, requestedOn: '2026-02-12' } },
      { type: 'budget.request_approved', data: { requestId: ids.r3, amountPence: 8_000, approvedOn: '2026-02-13' } },
      { type: 'budget.request_closed', data: { requestId: ids.r3, closedOn: '2026-03-01', releasedPence: 8_000 } },
    );

  const snapshot = async () => ({
    pot: await h.rows(
      `SELECT funded_pence::int AS funded, spent_pence::int AS spent, committed_pence::int AS committed,
              (funded_pence - spent_pence)::int AS balance FROM budgets_pots WHERE team_id = $1`,
      [team],
    ),
    requests: await h.rows(
      `SELECT request_id, person_id, purpose, purpose_category, amount_pence::int AS amount, status, approved_pence::int AS approved,
              spent_pence::int AS spent, decline_reason, released_pence::int AS released
         FROM budgets_requests WHERE team_id = $1 ORDER BY requested_on`,
      [team],
    ),
    spends: await h.rows(`SELECT spend_id, amount_pence::int AS amount, on_what FROM budgets_spends WHERE request_id = $1 ORDER BY spent_on`, [ids.r1]),
    fundings: await h.rows(`SELECT amount_pence::int AS amount, source FROM budgets_fundings WHERE team_id = $1 ORDER BY funded_on`, [team]),
  });

  it('given a pot funded twice, requests approved, spent, declined and closed, then balance, committed and spent add up, and each request keeps its purpose category', async () => {
    await story();
    await h.runner.catchUp();
    const seen = await snapshot();
    expect(seen.pot).toEqual([{ funded: 60_000, spent: 15_000, committed: 15_000, balance: 45_000 }]);
    expect(seen.requests).toEqual([
      { request_id: ids.r1, person_id: person, purpose: sealed('r1'), purpose_category: 'driving_lessons', amount: 30_000, status: 'approved', approved: 30_000, spent: 15_000, decline_reason: null, released: 0 },
      { request_id: ids.r2, person_id: person, purpose: sealed('r2'), purpose_category: 'phone_and_data', amount: 5_000, status: 'declined', approved: 0, spent: 0, decline_reason: sealed('reason'), released: 0 },
      { request_id: ids.r3, person_id: person, purpose: sealed('r3'), purpose_category: 'household', amount: 8_000, status: 'closed', approved: 8_000, spent: 0, decline_reason: null, released: 8_000 },
    ]);
    expect(seen.spends).toEqual([
      { spend_id: ids.s1, amount: 12_000, on_what: sealed('s1') },
      { spend_id: ids.s2, amount: 3_000, on_what: sealed('s2') },
    ]);
    expect(seen.fundings).toEqual([
      { amount: 50_000, source: 'Community grant' },
      { amount: 10_000, source: 'Local fundraising' },
    ]);
  });

  it('given the same events delivered twice, then no money is counted twice', async () => {
    const events = await story();
    await h.runner.catchUp();
    const once = await snapshot();
    expect(await h.runner.deliver('budgets', events)).toBe(0);
    await applyAgain(h, budgetProjection, events);
    expect(await snapshot()).toEqual(once);
  });

  it('keeps each team\'s pot to itself', async () => {
    const other = randomUUID();
    await story();
    await h.given(`budget-${other}`, { type: 'budget.funded', data: { amountPence: 1_000, source: 'Grant', fundedOn: '2026-01-05' } });
    await h.runner.catchUp();
    const pots = await h.rows<{ team_id: string; funded: number }>('SELECT team_id, funded_pence::int AS funded FROM budgets_pots ORDER BY funded_pence');
    expect(pots).toEqual([
      { team_id: other, funded: 1_000 },
      { team_id: team, funded: 60_000 },
    ]);
  });
});
