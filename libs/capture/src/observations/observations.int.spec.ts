import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, KeyedVault, NotFoundError, START, UpcasterRegistry, ValidationError } from '#libs/kernel';
import { SqlKeyStore } from '#libs/database';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { commandContext } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { InMemoryDirectory } from './in-memory-directory.js';
import {
  AmendObservation,
  AmendObservationHandler,
  MatchObservationOrganisation,
  MatchObservationOrganisationHandler,
  RecordObservation,
  RecordObservationHandler,
  type RecordObservationInput,
  RetractObservation,
  RetractObservationHandler,
} from './observations.commands.js';
import { observationsProjection } from './observations.projection.js';
import { ObservationsQueries } from './observations.queries.js';
import { observationSubject } from './observation.events.js';

/** Synthetic words, unlikely to appear anywhere by chance. */
const WORDS = {
  what: 'asked-to-retell-synthetic-7731 at the third assessment',
  impact: 'stopped-attending-synthetic-2208 for a month',
  quote: 'felt-like-a-number-synthetic-5519',
  bright: 'warm-handover-synthetic-9046 by the housing officer',
  reason: 'wrong-service-synthetic-3380',
};

describe.each(BACKENDS)('recording and reading observations (%s)', (backend) => {
  let h: ProjectionHarness;
  let directory: InMemoryDirectory;
  let vault: KeyedVault;
  let queries: ObservationsQueries;
  let handlers: {
    record: RecordObservationHandler;
    amend: AmendObservationHandler;
    retract: RetractObservationHandler;
    match: MatchObservationOrganisationHandler;
  };
  const now = new Date('2026-03-20T10:00:00.000Z');
  const ids = {
    council: randomUUID(),
    housingTeam: randomUUID(),
    gp: randomUUID(),
    duplicateGp: randomUUID(),
    area: randomUUID(),
    otherArea: randomUUID(),
    person: randomUUID(),
    quietPerson: randomUUID(),
    interaction: randomUUID(),
  };
  const context = () => commandContext({ actor: 'user:coach-1', now, waitForReadModels: false });

  beforeEach(async () => {
    h = await openProjectionHarness(backend, [observationsProjection]);
    const keys = new SqlKeyStore(h.db, randomBytes(32));
    await keys.migrate();
    vault = new KeyedVault(keys);
    directory = new InMemoryDirectory()
      .addArea(ids.area)
      .addArea(ids.otherArea)
      .addOrganisation(ids.council)
      .addOrganisation(ids.housingTeam, { parentId: ids.council })
      .addOrganisation(ids.gp)
      .addOrganisation(ids.duplicateGp)
      .merge(ids.duplicateGp, ids.gp)
      .addCategory('retelling_trauma', 'barrier')
      .addCategory('eligibility_criteria', 'barrier')
      .addCategory('old_barrier', 'barrier', true)
      .addCategory('warm_handover', 'bright_spot');
    const executor = new CommandExecutor(h.store, h.runner, new UpcasterRegistry());
    handlers = {
      record: new RecordObservationHandler(executor, vault, directory),
      amend: new AmendObservationHandler(executor, vault, directory),
      retract: new RetractObservationHandler(executor, vault),
      match: new MatchObservationOrganisationHandler(executor, directory),
    };
    queries = new ObservationsQueries(h.db, vault, directory);
    const joined = (personId: string) => ({
      type: 'person.joined',
      data: {
        personId,
        displayName: 'pd1.x.iv.tag.name',
        contact: {},
        referralSource: 'gp',
        areaId: ids.area,
        teamId: randomUUID(),
        coachId: randomUUID(),
        joinedOn: '2026-01-05',
      },
    });
    const consent = (share: boolean) => ({
      type: 'person.consent_recorded',
      data: { toHoldInformation: true, toShareWordsAnonymised: share, recordedOn: '2026-01-05' },
    });
    await h.given(`person-${ids.person}`, joined(ids.person), consent(true));
    await h.given(`person-${ids.quietPerson}`, joined(ids.quietPerson), consent(false));
    await h.given(
      `coaching-${ids.person}`,
      { type: 'coaching.started', data: { personId: ids.person, coachId: randomUUID(), startedOn: '2026-01-05' } },
      {
        type: 'interaction.recorded',
        data: {
          interactionId: ids.interaction,
          occurredOn: '2026-02-01',
          channel: 'phone',
          initiatedBy: 'person',
          minutes: 20,
          whatMattered: 'pd1.x.iv.tag.m',
          strengthsNoticed: [],
          aspirationsMentioned: [],
          connectionsMade: [],
          organisationsIntroduced: [],
        },
      },
    );
  });
  afterEach(() => h.dispose());

  const barrier = (overrides: Partial<RecordObservationInput> = {}): RecordObservationInput => ({
    kind: 'barrier',
    organisationId: ids.housingTeam,
    areaId: ids.area,
    categoryId: 'retelling_trauma',
    whatHappened: WORDS.what,
    impact: WORDS.impact,
    impactTags: ['retraumatised', 'gave_up_on_the_service', 'retraumatised'],
    quote: WORDS.quote,
    severity: 4,
    occurredOn: '2026-02-01',
    personId: ids.person,
    interactionId: ids.interaction,
    ...overrides,
  });
  const record = async (input: RecordObservationInput) => (await handlers.record.execute(new RecordObservation(input, context()))).id;
  const refusal = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      return error as Error & { problems?: unknown };
    }
    throw new Error('expected a refusal');
  };
  const list = async (filter: Parameters<ObservationsQueries['list']>[0] = {}, first?: number, after?: string) => {
    await h.runner.catchUp();
    return queries.list(filter, first, after);
  };

  it('records a barrier with a quote and a bright spot without a person: words sealed in the events, open in the query', async () => {
    const barrierId = await record(barrier());
    const brightId = await record({
      kind: 'bright_spot',
      organisationId: ids.gp,
      areaId: ids.area,
      categoryId: 'warm_handover',
      whatHappened: WORDS.bright,
      impact: 'felt listened to',
      severity: 2,
      occurredOn: '2026-02-03',
    });

    const raw = JSON.stringify((await h.store.readAll({ after: START, limit: 1000 })).map((e) => e.data));
    for (const words of Object.values(WORDS)) expect(raw).not.toContain(words);
    const [recorded] = await h.store.readStream(`observation-${barrierId}`);
    expect((recorded.data as { quote: string }).quote).toMatch(new RegExp(`^pd1\\.${ids.person}\\.`));
    const [bright] = await h.store.readStream(`observation-${brightId}`);
    expect((bright.data as { whatHappened: string }).whatHappened).toMatch(new RegExp(`^pd1\\.${observationSubject(brightId)}\\.`));

    const page = await list();
    expect(page.totalCount).toBe(2);
    expect(page.edges.map((e) => e.node.id)).toEqual([brightId, barrierId]);
    expect(page.edges[1].node).toMatchObject({
      kind: 'barrier',
      status: 'recorded',
      organisationId: ids.housingTeam,
      whatHappened: WORDS.what,
      impact: WORDS.impact,
      quote: WORDS.quote,
      impactTags: ['retraumatised', 'gave_up_on_the_service'],
      severity: 4,
      occurredOn: '2026-02-01',
      personId: ids.person,
      interactionId: ids.interaction,
      recordedBy: 'user:coach-1',
      revision: 0,
    });
    expect(page.edges[0].node).toMatchObject({ kind: 'bright_spot', whatHappened: WORDS.bright, quote: null, personId: null });
  });

  it('answers a retried record (same command id, no observationId) with the same observation, recorded once', async () => {
    const { quote: _q, ...input } = barrier({ quote: null });
    const retry = { ...context(), commandId: 'b5a3c1e2-7d4f-4a6b-8c9d-0e1f2a3b4c5d' };
    const first = await handlers.record.execute(new RecordObservation(input, retry));
    const second = await handlers.record.execute(new RecordObservation(input, retry));
    expect(second).toEqual({ ...first, replayed: true });
    expect((await list()).totalCount).toBe(1);
  });

  it('refuses a quote when the person has not consented to share their words, and records nothing', async () => {
    const error = await refusal(() => record(barrier({ personId: ids.quietPerson, interactionId: null })));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('has not consented to their words being shared');
    expect(error.message).not.toContain(WORDS.quote);
    expect(await h.store.readAll({ after: START, limit: 1000 })).toHaveLength(6);
  });

  it('names every problem with the input at once, then every reference that is not known, without repeating what was typed', async () => {
    const error = await refusal(() =>
      record(
        barrier({
          organisationId: randomUUID(),
          unmatchedOrganisationName: 'Also a name',
          areaId: randomUUID(),
          categoryId: 'no_such_category',
          whatHappened: ' ',
          impactTags: ['sad'],
          severity: 6,
          occurredOn: '2026-03-21',
          personId: randomUUID(),
        }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([
      { field: 'unmatchedOrganisationName', message: 'is only for a service not listed: leave it out when organisationId is given' },
      { field: 'whatHappened', message: 'is required' },
      { field: 'impactTags[0]', message: expect.stringMatching(/^must be one of lost_or_risked_housing, /) },
      { field: 'severity', message: 'must be a whole number from 1 to 5' },
      { field: 'occurredOn', message: 'cannot be in the future' },
    ]);
    expect(JSON.stringify(error.problems)).not.toMatch(/no_such_category|sad|Also a name/);

    // Once the input is well formed, the things it refers to are looked up, all of them.
    const unknown = await refusal(() =>
      record(barrier({ organisationId: randomUUID(), areaId: randomUUID(), categoryId: 'no_such_category', personId: randomUUID() })),
    );
    expect(unknown.problems).toEqual([
      { field: 'organisationId', message: 'is not a known organisation (give its name as unmatchedOrganisationName instead)' },
      { field: 'areaId', message: 'is not a known area' },
      { field: 'categoryId', message: 'is not a category in the taxonomy' },
      { field: 'personId', message: 'no person with this id has joined' },
    ]);
    expect(JSON.stringify(unknown.problems)).not.toMatch(/no_such_category/);
  });

  it('refuses a retired category, one that does not fit the kind, and an interaction from someone else', async () => {
    expect((await refusal(() => record(barrier({ categoryId: 'old_barrier' })))).message).toBe('categoryId: is retired: choose a current category');
    expect((await refusal(() => record(barrier({ categoryId: 'warm_handover' })))).message).toBe(
      'categoryId: is a bright spot category: a barrier needs a barrier category',
    );
    const error = await refusal(() => record(barrier({ interactionId: randomUUID() })));
    expect(error.problems).toEqual([{ field: 'interactionId', message: 'is not an interaction recorded with this person' }]);
  });

  it('records against the survivor when the organisation chosen was merged', async () => {
    const id = await record(barrier({ organisationId: ids.duplicateGp }));
    const [page] = [await list({ organisationId: ids.gp })];
    expect(page.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id, organisationId: ids.gp, namedOrganisationId: ids.gp })]);
  });

  it('amends with a history, retracts with a reason, and then refuses to amend', async () => {
    const id = await record(barrier());
    const amended = await handlers.amend.execute(
      new AmendObservation({ observationId: id, severity: 5, categoryId: 'eligibility_criteria', impactTags: ['crisis'], reason: WORDS.reason }, context()),
    );
    expect(amended.revision).toBe(1);
    await handlers.retract.execute(new RetractObservation({ observationId: id, reason: 'recorded twice' }, context()));
    const refused = await refusal(() => handlers.amend.execute(new AmendObservation({ observationId: id, severity: 1 }, context())));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe('This observation was retracted: it cannot be amended.');

    await h.runner.catchUp();
    const one = await queries.one(id);
    expect(one).toMatchObject({ status: 'retracted', severity: 5, categoryId: 'eligibility_criteria', impactTags: ['crisis'], retractionReason: 'recorded twice' });
    expect((await queries.history(id)).map(({ revision, change, fields, reason, by }) => ({ revision, change, fields, reason, by }))).toEqual([
      { revision: 0, change: 'recorded', fields: [], reason: null, by: 'user:coach-1' },
      { revision: 1, change: 'amended', fields: ['categoryId', 'impactTags', 'severity'], reason: WORDS.reason, by: 'user:coach-1' },
      { revision: 2, change: 'retracted', fields: [], reason: 'recorded twice', by: 'user:coach-1' },
    ]);
    expect((await list()).totalCount).toBe(0);
    expect((await list({ includeRetracted: true })).totalCount).toBe(1);
  });

  it('says NOT_FOUND when amending or retracting an observation that was never recorded, and asks for a correction', async () => {
    await expect(handlers.amend.execute(new AmendObservation({ observationId: randomUUID(), severity: 2 }, context()))).rejects.toBeInstanceOf(NotFoundError);
    await expect(handlers.retract.execute(new RetractObservation({ observationId: randomUUID(), reason: 'x' }, context()))).rejects.toBeInstanceOf(NotFoundError);
    const empty = await refusal(() => handlers.amend.execute(new AmendObservation({ observationId: randomUUID() }, context())));
    expect(empty.problems).toEqual([{ field: 'input', message: 'give at least one correction' }]);
  });

  it('keeps an unmatched service name until an influencer matches it, then it counts for that organisation', async () => {
    const id = await record(barrier({ organisationId: null, unmatchedOrganisationName: 'Northgate Drop-in' }));
    expect((await list({ unmatched: true })).edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ id, organisationId: null, unmatchedOrganisationName: 'Northgate Drop-in' }),
    ]);
    expect((await list({ search: 'northgate' })).totalCount).toBe(1);
    await handlers.match.execute(new MatchObservationOrganisation({ observationId: id, organisationId: ids.duplicateGp }, context()));
    const matched = await list({ organisationId: ids.gp });
    expect(matched.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id, organisationId: ids.gp, unmatchedOrganisationName: 'Northgate Drop-in' })]);
    expect((await list({ unmatched: true })).totalCount).toBe(0);
    const again = await refusal(() => handlers.match.execute(new MatchObservationOrganisation({ observationId: id, organisationId: ids.council }, context())));
    expect(again).toBeInstanceOf(ConflictError);
  });

  it('filters by organisation (with what is below it), area, category, kind and dates, and pages newest first with stable cursors', async () => {
    const made: Record<string, string> = {};
    made.a = await record(barrier({ occurredOn: '2026-01-10', quote: null }));
    made.b = await record(barrier({ organisationId: ids.council, occurredOn: '2026-01-20', quote: null }));
    made.c = await record(barrier({ organisationId: ids.gp, areaId: ids.otherArea, categoryId: 'eligibility_criteria', occurredOn: '2026-02-15', quote: null }));
    made.d = await record({ ...barrier({ kind: 'bright_spot', categoryId: 'warm_handover', quote: null }), whatHappened: WORDS.bright, occurredOn: '2026-02-20' });
    made.e = await record(barrier({ occurredOn: '2026-01-20', quote: null }));

    const ids_ = async (filter: Parameters<ObservationsQueries['list']>[0]) => (await list(filter, 100)).edges.map((e) => e.node.id);
    expect(await ids_({})).toEqual([made.d, made.c, made.e, made.b, made.a]);
    expect(await ids_({ organisationId: ids.council })).toEqual([made.d, made.e, made.b, made.a]);
    expect(await ids_({ organisationId: ids.housingTeam })).toEqual([made.d, made.e, made.a]);
    expect(await ids_({ areaId: ids.otherArea })).toEqual([made.c]);
    expect(await ids_({ categoryId: 'eligibility_criteria' })).toEqual([made.c]);
    expect(await ids_({ kind: 'bright_spot' })).toEqual([made.d]);
    expect(await ids_({ from: '2026-01-15', to: '2026-02-15' })).toEqual([made.c, made.e, made.b]);
    expect(await ids_({ search: 'Housing OFFICER warm' })).toEqual([made.d]);
    expect(await ids_({ search: 'assessment', kind: 'barrier', organisationId: ids.council })).toEqual([made.e, made.b, made.a]);

    const first = await list({}, 2);
    expect(first).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    expect(first.edges.map((e) => e.node.id)).toEqual([made.d, made.c]);
    // A newer observation arriving between pages does not shift the next page.
    await record(barrier({ occurredOn: '2026-03-01', quote: null }));
    const second = await list({}, 2, first.pageInfo.endCursor!);
    expect(second.edges.map((e) => e.node.id)).toEqual([made.e, made.b]);
    const third = await list({}, 2, second.pageInfo.endCursor!);
    expect(third).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: false } });
    expect(third.edges.map((e) => e.node.id)).toEqual([made.a]);
    const searched = await list({ search: 'assessment' }, 2, first.edges[0].cursor);
    expect(searched.edges.map((e) => e.node.id)).toEqual([made.c, made.e]);
    expect(searched.pageInfo.hasNextPage).toBe(true);

    const bad = await refusal(() => queries.list({ from: '2026-02-01', to: '2026-01-01', areaId: 'x' }, 0, 'not-a-cursor'));
    expect((bad as ValidationError).problems.map((p) => p.field)).toEqual(['first', 'filter.areaId', 'filter.to', 'after']);
  });

  it('shows and searches a quote only while the person consents to share their words', async () => {
    const id = await record(barrier());
    expect((await list({ search: 'felt like a number' })).totalCount).toBe(1);
    await h.given(`person-${ids.person}`, {
      type: 'person.consent_recorded',
      data: { toHoldInformation: true, toShareWordsAnonymised: false, recordedOn: '2026-03-01' },
    });
    expect((await list({ search: 'felt like a number' })).totalCount).toBe(0);
    expect((await queries.one(id)).quote).toBeNull();
    const refused = await refusal(() => handlers.amend.execute(new AmendObservation({ observationId: id, quote: 'new words' }, context())));
    expect(refused).toBeInstanceOf(ConflictError);
    await handlers.amend.execute(new AmendObservation({ observationId: id, removeQuote: true }, context()));
    await h.runner.catchUp();
    expect((await queries.history(id)).at(-1)).toMatchObject({ change: 'amended', fields: ['quote'] });
  });

  it('shows a forgotten person\'s words as gone while their observations still count, and takes no more of their words', async () => {
    const id = await record(barrier());
    const kept = await record(barrier({ quote: null, interactionId: null, severity: 3 }));
    await vault.forget(ids.person);

    // Nothing more in their words; other corrections and a retraction still work.
    const again = await refusal(() => record(barrier({ quote: null, interactionId: null })));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe('This person has been forgotten: nothing more can be recorded in their words.');
    const words = await refusal(() => handlers.amend.execute(new AmendObservation({ observationId: id, impact: 'more words' }, context())));
    expect(words).toBeInstanceOf(ConflictError);
    await handlers.amend.execute(new AmendObservation({ observationId: id, severity: 2, reason: 'scored too high' }, context()));
    await handlers.retract.execute(new RetractObservation({ observationId: kept, reason: 'duplicate' }, context()));

    // The people slice records the forgetting (a later issue); the read model drops their quotes.
    await h.given(`person-${ids.person}`, { type: 'person.forgotten', data: { personId: ids.person } });
    expect((await list({ search: 'assessment' })).totalCount).toBe(0);
    expect((await list()).totalCount).toBe(1);
    expect(await queries.one(id)).toMatchObject({ whatHappened: null, impact: null, quote: null, severity: 2 });
    expect(await queries.one(kept)).toMatchObject({ status: 'retracted', retractionReason: 'duplicate' });
    expect((await queries.history(id)).at(-1)).toMatchObject({ change: 'amended', fields: ['severity'], reason: 'scored too high' });
    const [row] = await h.rows<{ quote: string | null }>('SELECT quote FROM observations_records WHERE observation_id = $1', [id]);
    expect(row.quote).toBeNull();
  });
});
