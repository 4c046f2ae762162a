import { fold, type RecordedEvent, type Sealed, UpcasterRegistry } from '#libs/kernel';
import { budgetDecider } from './budget.decider.js';
import type { BudgetEvent } from './budget.events.js';
import { BUDGET_UPCASTERS } from './budget.upcasters.js';

const sealed = (label: string) => `pd1.p1.iv.tag.${label}` as Sealed;

/** A stored event as the store hands it to the registry, before upcasting. */
const stored = (type: string, schemaVersion: number, data: Record<string, unknown>, revision = 0): RecordedEvent => ({
  id: `00000000-0000-4000-8000-00000000000${revision}`,
  stream: 'budget-t1',
  revision,
  position: { commit: BigInt(revision + 1), prepare: BigInt(revision + 1) },
  type,
  schemaVersion,
  data,
  metadata: {
    actor: 'user:coach-1',
    commandId: 'c1',
    correlationId: 'c1',
    causationId: 'c1',
    occurredAt: '2026-01-10T09:00:00.000Z',
    recordedAt: '2026-01-10T09:00:00.000Z',
  },
});

const v1Data = { requestId: 'r1', personId: 'p1', purpose: sealed('purpose'), amountPence: 30_000, requestedOn: '2026-01-10' };

describe('budget event upcasting', () => {
  const registry = new UpcasterRegistry().register(...BUDGET_UPCASTERS);

  it('given a version-1 budget.requested, then it reads as version 2 with purpose category unspecified and everything else as stored', () => {
    const event = stored('budget.requested', 1, v1Data);
    const upcast = registry.upcast(event);
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1Data, purposeCategory: 'unspecified' });
    expect({ ...upcast, data: undefined, schemaVersion: undefined }).toEqual({ ...event, data: undefined, schemaVersion: undefined });
  });

  it('leaves the stored event itself as it was', () => {
    const event = stored('budget.requested', 1, { ...v1Data });
    registry.upcast(event);
    expect(event).toEqual(stored('budget.requested', 1, v1Data));
  });

  it('given a version-2 budget.requested, then it reads exactly as stored', () => {
    const event = stored('budget.requested', 2, { ...v1Data, purposeCategory: 'driving_lessons' });
    expect(registry.upcast(event)).toEqual(event);
  });

  it('writes new budget.requested events at version 2, and the other budget events still at version 1', () => {
    expect(registry.currentVersion('budget.requested')).toBe(2);
    for (const type of ['budget.funded', 'budget.request_approved', 'budget.request_declined', 'budget.spent', 'budget.request_closed']) {
      expect({ type, version: registry.currentVersion(type) }).toEqual({ type, version: 1 });
    }
  });

  it('given a pot whose request was stored at version 1, then the decider folds it with purpose category unspecified and can still approve it', () => {
    const history = [
      stored('budget.funded', 1, { amountPence: 50_000, source: 'Community grant', fundedOn: '2026-01-05' }, 0),
      stored('budget.requested', 1, v1Data, 1),
    ].map((e) => registry.upcast(e));
    const state = fold(
      budgetDecider,
      history.map((e) => ({ type: e.type, data: e.data }) as BudgetEvent),
    );
    expect(state.requests.get('r1')).toMatchObject({ purposeCategory: 'unspecified', status: 'requested', amountPence: 30_000 });
    expect(budgetDecider.decide({ kind: 'approve', requestId: 'r1', approvedOn: '2026-01-12' }, state)).toEqual([
      { type: 'budget.request_approved', data: { requestId: 'r1', amountPence: 30_000, approvedOn: '2026-01-12' } },
    ]);
  });
});
