import { randomBytes, randomUUID } from 'node:crypto';
import { KeyedVault, UpcasterRegistry, ValidationError } from '#libs/kernel';
import { SqlKeyStore } from '#libs/database';
import { type EventStore, loadState, openEmbeddedEventStore, openPostgresEventStore } from '#libs/event-store';
import { ProjectionRunner } from '#libs/projections';
import { BACKENDS, openProjectionHarness, type ProjectionHarness, untilReadable } from '../../../projections/src/testing/index.js';
import { InMemoryDirectory } from '../observations/in-memory-directory.js';
import { commandContext } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { ChangeBudget, ChangeBudgetHandler } from './budget.commands.js';
import { budgetDecider } from './budget.decider.js';
import { budgetProjection } from './budget.projection.js';
import { BudgetQueries } from './budget.queries.js';
import { BUDGET_UPCASTERS } from './budget.upcasters.js';

/** Synthetic words, unlikely to appear anywhere by chance. */
const WORDS = { oldPurpose: 'old-request-synthetic-4417', newPurpose: 'bus-pass-synthetic-8820' };

/**
 * A pot whose first request was stored as version 1 of `budget.requested` (before purpose
 * categories), read through a store that has the budget upcasters registered: the stored row never
 * changes, and everything that reads it — the store, the read model, the decider's state — sees
 * version 2 with category `unspecified`. New requests are written at version 2 with their category.
 */
describe.each(BACKENDS)('budget requests stored before purpose categories (%s)', (backend) => {
  let h: ProjectionHarness;
  let store: EventStore;
  let runner: ProjectionRunner;
  let handler: ChangeBudgetHandler;
  let queries: BudgetQueries;
  const upcasters = new UpcasterRegistry().register(...BUDGET_UPCASTERS);
  const now = new Date('2026-03-20T10:00:00.000Z');
  const ids = { team: randomUUID(), person: randomUUID(), oldRequest: randomUUID(), newRequest: randomUUID() };
  const stream = `budget-${ids.team}`;
  const context = () => commandContext({ actor: 'user:coach-1', now, waitForReadModels: false });

  beforeEach(async () => {
    // The harness's own store has no upcasters: it appends what it is given, as version 1, raw.
    h = await openProjectionHarness(backend, []);
    store = backend === 'embedded' ? await openEmbeddedEventStore({ database: h.db, upcasters }) : await openPostgresEventStore({ database: h.db, upcasters });
    runner = new ProjectionRunner(store, h.db, [budgetProjection], { idleWaitMs: 200 });
    await runner.prepare();
    const keys = new SqlKeyStore(h.db, randomBytes(32));
    await keys.migrate();
    const vault = new KeyedVault(keys);
    const directory = new InMemoryDirectory().addArea(randomUUID());
    directory.teams.set(ids.team, { id: ids.team, name: 'Test Team', areaId: '' });
    handler = new ChangeBudgetHandler(new CommandExecutor(store, runner, upcasters), vault, directory);
    queries = new BudgetQueries(h.db, vault);

    await h.given(`person-${ids.person}`, {
      type: 'person.joined',
      data: {
        personId: ids.person,
        displayName: 'pd1.x.iv.tag.name',
        contact: {},
        referralSource: 'gp',
        areaId: randomUUID(),
        teamId: ids.team,
        coachId: randomUUID(),
        joinedOn: '2026-01-05',
      },
    });
    await h.given(
      stream,
      { type: 'budget.funded', data: { amountPence: 50_000, source: 'Community grant', fundedOn: '2026-01-06' } },
      {
        type: 'budget.requested',
        data: { requestId: ids.oldRequest, personId: ids.person, purpose: await vault.seal(ids.person, WORDS.oldPurpose), amountPence: 20_000, requestedOn: '2026-01-10' },
      },
    );
  });

  afterEach(async () => {
    await runner.stop();
    await h.dispose();
  });

  const storedRows = () =>
    h.rows<{ revision: number; schema_version: number; data: Record<string, unknown> }>(
      'SELECT revision, schema_version, data FROM events WHERE stream = $1 AND type = $2 ORDER BY revision',
      [stream, 'budget.requested'],
    );

  it('given a version-1 request stored raw, then the store reads it as version 2 with category unspecified, and the stored row is unchanged', async () => {
    const before = await storedRows();
    expect(before).toEqual([{ revision: 1, schema_version: 1, data: expect.not.objectContaining({ purposeCategory: expect.anything() }) }]);

    const read = (await store.readStream(stream)).filter((e) => e.type === 'budget.requested');
    expect(read.map((e) => ({ version: e.schemaVersion, category: (e.data as { purposeCategory?: string }).purposeCategory, amount: (e.data as { amountPence: number }).amountPence }))).toEqual([
      { version: 2, category: 'unspecified', amount: 20_000 },
    ]);
    await runner.catchUp();
    expect(await storedRows()).toEqual(before);
  });

  it('given a version-1 request stored raw, then the read model and the decider\'s state show its category as unspecified', async () => {
    await runner.catchUp();
    const pot = await queries.pot(ids.team);
    expect(pot.requests.map((r) => ({ purpose: r.purpose, purposeCategory: r.purposeCategory, amountPence: r.amountPence }))).toEqual([
      { purpose: WORDS.oldPurpose, purposeCategory: 'unspecified', amountPence: 20_000 },
    ]);
    const { state } = await loadState(store, stream, budgetDecider);
    expect(state.requests.get(ids.oldRequest)).toMatchObject({ purposeCategory: 'unspecified', amountPence: 20_000, status: 'requested' });
  });

  it('when a request is made now, then it is written as version 2 with its category, and the old one can still be approved beside it', async () => {
    const request = (requestId: string) =>
      handler.execute(
        new ChangeBudget(
          { kind: 'request', teamId: ids.team, personId: ids.person, requestId, purpose: WORDS.newPurpose, purposeCategory: 'travel', amountPence: 5_000, requestedOn: '2026-03-01' },
          context(),
        ),
      );
    await request(ids.newRequest);
    await handler.execute(new ChangeBudget({ kind: 'approve', teamId: ids.team, requestId: ids.oldRequest, approvedOn: '2026-03-02' }, context()));

    const rows = await storedRows();
    expect(rows.map((r) => ({ version: r.schema_version, category: r.data.purposeCategory ?? null }))).toEqual([
      { version: 1, category: null },
      { version: 2, category: 'travel' },
    ]);
    // The words are sealed in the stored event; the category is in clear.
    expect(JSON.stringify(rows)).not.toContain(WORDS.newPurpose);

    const written = await store.readStream(stream);
    await untilReadable(store, written[written.length - 1].position);
    await runner.catchUp();
    const pot = await queries.pot(ids.team);
    expect(pot.requests.map((r) => ({ purpose: r.purpose, purposeCategory: r.purposeCategory, status: r.status }))).toEqual([
      { purpose: WORDS.newPurpose, purposeCategory: 'travel', status: 'requested' },
      { purpose: WORDS.oldPurpose, purposeCategory: 'unspecified', status: 'approved' },
    ]);
  });

  it('refuses unspecified, or a category not on the list, for a new request, naming the field and what to choose; nothing is appended', async () => {
    const attempt = async (purposeCategory: string) => {
      const error = await handler
        .execute(
          new ChangeBudget(
            { kind: 'request', teamId: ids.team, personId: ids.person, purpose: WORDS.newPurpose, purposeCategory, amountPence: 5_000, requestedOn: '2026-03-01' },
            context(),
          ),
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems;
    };
    const unspecified = await attempt('unspecified');
    expect(unspecified.map((p) => p.field)).toEqual(['purposeCategory']);
    expect(unspecified[0].message).toMatch(/cannot be unspecified.*choose one of travel, driving_lessons, .*other when none fits/);
    expect((await attempt('groceries')).map((p) => p.field)).toEqual(['purposeCategory']);
    expect((await attempt('')).map((p) => `${p.field} ${p.message}`)).toEqual(['purposeCategory is required']);
    expect((await storedRows()).length).toBe(1);
  });
});
