import { randomUUID } from 'node:crypto';
import { parsePosition, START } from '#libs/kernel';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * Observations through GraphQL against the real server: reference data is made through the
 * reference-data mutations, then a coach records what services did, an influencer matches an
 * unmatched service and reads across them. All names and words here are synthetic.
 */
describe('observations through GraphQL', () => {
  let api: ApiHarness;
  const ids = {
    person: randomUUID(),
    quietPerson: randomUUID(),
    council: randomUUID(),
    housingTeam: randomUUID(),
    gp: randomUUID(),
    duplicateGp: randomUUID(),
  } as Record<string, string>;
  const barrierCategory = `e2e_retelling_${randomUUID().slice(0, 8)}`;
  const brightCategory = `e2e_handover_${randomUUID().slice(0, 8)}`;
  const WORDS = {
    what: 'asked-to-retell-e2e-6612 at a fourth assessment',
    impact: 'missed-appointments-e2e-4410 after that',
    quote: 'said-it-all-before-e2e-8823',
    bright: 'warm-introduction-e2e-3157 to the tenancy officer',
    brightImpact: 'kept-the-flat-e2e-2290',
    amended: 'corrected-account-e2e-9901 of the assessment',
    reason: 'coach-misheard-e2e-1174',
    retraction: 'recorded-in-error-e2e-5536',
  };
  const made: Record<string, string> = {};

  const receipt = 'id revision position replayed';
  const NODE = `id kind status organisationId namedOrganisationId unmatchedOrganisationName areaId categoryId whatHappened impact impactTags
    quote severity occurredOn personId interactionId recordedBy revision retractionReason`;
  const record = (input: Record<string, unknown>) =>
    api.graphql(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { ${receipt} } }`, { i: input });
  const list = async (filter: Record<string, unknown> = {}, first?: number, after?: string) =>
    (
      await api.ok(
        `query($f: ObservationFilter, $first: Int, $after: String) { observations(filter: $f, first: $first, after: $after) {
           totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } } }`,
        { f: filter, first, after },
      )
    ).observations;

  beforeAll(async () => {
    api = await openApi();
    const area = await api.ok(`mutation { registerArea(input: { name: "Observation Test Borough" }) { id } }`);
    ids.area = area.registerArea.id;
    const team = await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Riverside Coaches" }) { id } }`, { a: ids.area });
    await api.coachIn(team.formTeam.id);
    const coach = await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Coach Testfield", joinedOn: "2026-01-02" }) { id } }`, {
      t: team.formTeam.id,
    });
    ids.team = team.formTeam.id;
    ids.coach = coach.addCoach.id;
    for (const [key, share] of [['person', true], ['quietPerson', false]] as const) {
      await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
        i: {
          personId: ids[key],
          displayName: `Synthetic Person ${key}`,
          referralSource: 'SELF',
          areaId: ids.area,
          teamId: team.formTeam.id,
          coachId: coach.addCoach.id,
          joinedOn: '2026-01-05',
          consentToHoldInformation: true,
          consentToShareWordsAnonymised: share,
        },
      });
    }
    await api.ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, {
      i: { personId: ids.person, coachId: coach.addCoach.id, startedOn: '2026-01-05' },
    });
    const talk = await api.ok(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`, {
      i: { personId: ids.person, occurredOn: '2026-02-02', channel: 'PHONE', initiatedBy: 'PERSON', minutes: 30, whatMattered: 'synthetic chat' },
    });
    ids.interaction = talk.recordInteraction.id;
    const organisations: Array<[string, string, string | null]> = [
      ['council', 'Testshire Council', null],
      ['housingTeam', 'Testshire Housing Options', 'council'],
      ['gp', 'Testfield Surgery', null],
      ['duplicateGp', 'Testfield Surgery (duplicate)', null],
    ];
    for (const [key, name, parent] of organisations) {
      await api.ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, {
        i: { organisationId: ids[key], name, kind: 'OTHER', areaId: ids.area, parentId: parent ? ids[parent] : null },
      });
    }
    for (const [categoryId, polarity] of [[barrierCategory, 'BARRIER'], [brightCategory, 'BRIGHT_SPOT']]) {
      await api.ok(`mutation($i: AddCategoryInput!) { addCategory(input: $i) { id } }`, { i: { categoryId, name: categoryId, polarity } });
    }
  }, 60_000);
  afterAll(() => api?.close());

  const barrier = (overrides: Record<string, unknown> = {}) => ({
    kind: 'BARRIER',
    organisationId: ids.housingTeam,
    areaId: ids.area,
    categoryId: barrierCategory,
    whatHappened: WORDS.what,
    impact: WORDS.impact,
    impactTags: ['RETRAUMATISED', 'MISSED_OPPORTUNITY'],
    severity: 4,
    occurredOn: '2026-02-02',
    personId: ids.person,
    ...overrides,
  });

  it('records a barrier in the person\'s words with their consent, and a bright spot, and reads them back', async () => {
    const recorded = await record(barrier({ quote: WORDS.quote, interactionId: ids.interaction }));
    expect(recorded.errors).toBeUndefined();
    made.barrier = recorded.data.recordObservation.id;
    expect(recorded.data.recordObservation).toMatchObject({ revision: 0, replayed: false });

    const bright = await record({
      kind: 'BRIGHT_SPOT',
      organisationId: ids.gp,
      areaId: ids.area,
      categoryId: brightCategory,
      whatHappened: WORDS.bright,
      impact: WORDS.brightImpact,
      severity: 3,
      occurredOn: '2026-02-05',
    });
    expect(bright.errors).toBeUndefined();
    made.bright = bright.data.recordObservation.id;

    // The mutation waited for the read model: the query already sees it.
    const one = await api.ok(`query($id: ID!) { observation(id: $id) { ${NODE} history { revision change fields reason by } } }`, { id: made.barrier });
    expect(one.observation).toMatchObject({
      kind: 'BARRIER',
      status: 'RECORDED',
      organisationId: ids.housingTeam,
      categoryId: barrierCategory,
      whatHappened: WORDS.what,
      impact: WORDS.impact,
      impactTags: ['RETRAUMATISED', 'MISSED_OPPORTUNITY'],
      quote: WORDS.quote,
      severity: 4,
      occurredOn: '2026-02-02',
      personId: ids.person,
      interactionId: ids.interaction,
      recordedBy: `user:${api.userId}`,
      history: [{ revision: 0, change: 'RECORDED', fields: [], reason: null, by: `user:${api.userId}` }],
    });
    const page = await list();
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made.bright, made.barrier]);
    expect(page.edges[0].node).toMatchObject({ kind: 'BRIGHT_SPOT', whatHappened: WORDS.bright, quote: null, personId: null });
  });

  it('refuses a quote from a person who has not consented to share their words, with a clear message', async () => {
    const refused = await record(barrier({ personId: ids.quietPerson, quote: 'words-without-consent-e2e-0042' }));
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toBe(
      'The person has not consented to their words being shared anonymised: leave the quote out, or record their consent first.',
    );
    const raw = JSON.stringify((await api.runtime.store.readAll({ after: START, limit: 10_000 })).map((e) => e.data));
    expect(raw).not.toContain('words-without-consent-e2e-0042');
  });

  it('refuses bad input naming every field, and a category that does not fit the kind, appending nothing', async () => {
    const before = (await api.runtime.store.readAll({ after: START, limit: 10_000 })).length;
    const bad = await record(barrier({ severity: 9, occurredOn: '2999-01-01', whatHappened: ' ', organisationId: null, areaId: randomUUID() }));
    expect(bad.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'organisationId', message: 'is required: choose the organisation, or give its name as unmatchedOrganisationName' },
        { field: 'whatHappened', message: 'is required' },
        { field: 'severity', message: 'must be a whole number from 1 to 5' },
        { field: 'occurredOn', message: 'cannot be in the future' },
      ],
    });
    const unknownArea = await record(barrier({ areaId: randomUUID() }));
    expect(unknownArea.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'areaId', message: 'is not a known area' }] });
    const misfiled = await record(barrier({ categoryId: brightCategory }));
    expect(misfiled.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'categoryId', message: 'is a bright spot category: a barrier needs a barrier category' }],
    });
    expect((await api.runtime.store.readAll({ after: START, limit: 10_000 })).length).toBe(before);
  });

  it('amends with a history, retracts with a reason, and refuses to amend what was retracted', async () => {
    const stale = await api.graphql(
      `mutation($i: AmendObservationInput!) { amendObservation(input: $i, expectedRevision: 5) { revision } }`,
      { i: { observationId: made.barrier, severity: 5 } },
    );
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');

    const amended = await api.ok(`mutation($i: AmendObservationInput!) { amendObservation(input: $i, expectedRevision: 0) { revision } }`, {
      i: { observationId: made.barrier, whatHappened: WORDS.amended, severity: 5, impactTags: ['CRISIS'], reason: WORDS.reason },
    });
    expect(amended.amendObservation.revision).toBe(1);

    const extra = await record(barrier({ organisationId: ids.council, occurredOn: '2026-01-15' }));
    made.toRetract = extra.data.recordObservation.id;
    await api.ok(`mutation($i: RetractObservationInput!) { retractObservation(input: $i) { revision } }`, {
      i: { observationId: made.toRetract, reason: WORDS.retraction },
    });
    const refused = await api.graphql(`mutation($i: AmendObservationInput!) { amendObservation(input: $i) { revision } }`, {
      i: { observationId: made.toRetract, severity: 1 },
    });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This observation was retracted: it cannot be amended.',
      extensions: { code: 'CONFLICT' },
    });

    const one = await api.ok(`query($id: ID!) { observation(id: $id) { status whatHappened severity impactTags history { revision change fields reason } } }`, {
      id: made.barrier,
    });
    expect(one.observation).toEqual({
      status: 'AMENDED',
      whatHappened: WORDS.amended,
      severity: 5,
      impactTags: ['CRISIS'],
      history: [
        { revision: 0, change: 'RECORDED', fields: [], reason: null },
        { revision: 1, change: 'AMENDED', fields: ['whatHappened', 'impactTags', 'severity'], reason: WORDS.reason },
      ],
    });
    const retracted = await api.ok(`query($id: ID!) { observation(id: $id) { status retractionReason history { change reason } } }`, { id: made.toRetract });
    expect(retracted.observation).toMatchObject({ status: 'RETRACTED', retractionReason: WORDS.retraction });
    expect(retracted.observation.history.at(-1)).toEqual({ change: 'RETRACTED', reason: WORDS.retraction });
  });

  it('filters by organisation (and what is below it), kind, category, dates and words, and pages newest first', async () => {
    made.older = (await record(barrier({ occurredOn: '2026-01-03' }))).data.recordObservation.id;
    made.gpBarrier = (await record(barrier({ organisationId: ids.gp, occurredOn: '2026-01-25' }))).data.recordObservation.id;
    const idsOf = (page: { edges: Array<{ node: { id: string } }> }) => page.edges.map((e) => e.node.id);

    expect(idsOf(await list({ organisationId: ids.council }))).toEqual([made.barrier, made.older]);
    expect(idsOf(await list({ organisationId: ids.council, includeRetracted: true }))).toEqual([made.barrier, made.toRetract, made.older]);
    expect(idsOf(await list({ kind: 'BRIGHT_SPOT' }))).toEqual([made.bright]);
    expect(idsOf(await list({ categoryId: barrierCategory, from: '2026-01-20', to: '2026-02-03' }))).toEqual([made.barrier, made.gpBarrier]);
    expect(idsOf(await list({ search: 'corrected ASSESSMENT' }))).toEqual([made.barrier]);
    expect(idsOf(await list({ search: 'tenancy officer', organisationId: ids.gp }))).toEqual([made.bright]);

    const pages: string[][] = [];
    let after: string | undefined;
    let page;
    do {
      page = await list({}, 2, after);
      expect(page.totalCount).toBe(4);
      pages.push(idsOf(page));
      after = page.pageInfo.endCursor;
    } while (page.pageInfo.hasNextPage);
    expect(pages).toEqual([
      [made.bright, made.barrier],
      [made.gpBarrier, made.older],
    ]);

    const bad = await api.graphql(`query { observations(first: 500, after: "nonsense") { totalCount } }`);
    expect(bad.errors?.[0].extensions?.problems).toEqual([
      { field: 'first', message: 'must be a whole number from 1 to 100' },
      { field: 'after', message: 'is not a cursor from this list' },
    ]);
  });

  it('keeps an unmatched service name until an influencer matches it, and follows merged organisations', async () => {
    const unmatched = await record(barrier({ organisationId: null, unmatchedOrganisationName: 'Hillside Wellbeing Drop-in', occurredOn: '2026-01-30' }));
    made.unmatched = unmatched.data.recordObservation.id;
    const open = await list({ unmatched: true });
    expect(open.edges.map((e: { node: unknown }) => e.node)).toEqual([
      expect.objectContaining({ id: made.unmatched, organisationId: null, unmatchedOrganisationName: 'Hillside Wellbeing Drop-in' }),
    ]);

    await api.ok(`mutation($i: MatchObservationOrganisationInput!) { matchObservationOrganisation(input: $i) { revision } }`, {
      i: { observationId: made.unmatched, organisationId: ids.duplicateGp },
    });
    expect((await list({ unmatched: true })).totalCount).toBe(0);
    const again = await api.graphql(`mutation($i: MatchObservationOrganisationInput!) { matchObservationOrganisation(input: $i) { revision } }`, {
      i: { observationId: made.unmatched, organisationId: ids.gp },
    });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const merged = await api.ok(`mutation($i: MergeOrganisationsInput!) { mergeOrganisations(input: $i) { position } }`, {
      i: { organisationId: ids.duplicateGp, intoOrganisationId: ids.gp },
    });
    await api.runtime.projections.waitFor(parsePosition(merged.mergeOrganisations.position), { projections: ['observations'] });
    const forGp = await list({ organisationId: ids.gp });
    expect(forGp.edges.map((e: { node: { id: string; organisationId: string } }) => [e.node.id, e.node.organisationId])).toEqual([
      [made.bright, ids.gp],
      [made.unmatched, ids.gp],
      [made.gpBarrier, ids.gp],
    ]);
    const later = await record(barrier({ organisationId: ids.duplicateGp, occurredOn: '2026-01-01' }));
    const one = await api.ok(`query($id: ID!) { observation(id: $id) { organisationId namedOrganisationId } }`, { id: later.data.recordObservation.id });
    expect(one.observation).toEqual({ organisationId: ids.gp, namedOrganisationId: ids.gp });
  });

  it('keeps no plain-text words, quote or reasons in the raw event data or the read model', async () => {
    const events = await api.runtime.store.readAll({ after: START, limit: 10_000 });
    const observationEvents = events.filter((e) => e.type.startsWith('observation.'));
    expect(observationEvents.length).toBeGreaterThanOrEqual(8);
    const raw = JSON.stringify(events.map((e) => [e.data, e.metadata]));
    for (const words of Object.values(WORDS)) expect(raw).not.toContain(words);
    const { rows } = await api.runtime.readModels.query<{ dump: string }>(
      `SELECT string_agg(t::text, ' ') AS dump FROM observations_records t`,
    );
    const history = await api.runtime.readModels.query<{ dump: string }>(`SELECT string_agg(t::text, ' ') AS dump FROM observations_history t`);
    expect(rows[0].dump.length).toBeGreaterThan(100);
    for (const words of Object.values(WORDS)) {
      expect(rows[0].dump).not.toContain(words);
      expect(history.rows[0].dump).not.toContain(words);
    }
  });

  it('shares a quote only as an influencer approved it, redacted, while the person consents and the quote is unchanged', async () => {
    const sharer = randomUUID();
    await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId: sharer,
        displayName: 'Synthetic Person sharer',
        referralSource: 'SELF',
        areaId: ids.area,
        teamId: ids.team,
        coachId: ids.coach,
        joinedOn: '2026-01-05',
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: true,
      },
    });
    const quote = 'At Quotefield-e2e-7731 office they told me to come back Monday';
    const id = (await record(barrier({ personId: sharer, quote }))).data.recordObservation.id;
    const approve = (text: string) =>
      api.graphql(`mutation($i: ApproveQuoteInput!) { approveQuote(input: $i) { revision } }`, { i: { observationId: id, text } });
    const approvedQuote = async () => (await api.ok(`query($id: ID!) { observation(id: $id) { quote approvedQuote } }`, { id })).observation;
    const pending = async () =>
      (await list({ quoteApproval: 'PENDING' }, 100)).edges.map((e: { node: { id: string } }) => e.node.id) as string[];

    expect(await pending()).toContain(id);
    expect((await approvedQuote()).approvedQuote).toBeNull();

    // Words the person did not say are refused, without echoing them.
    const invented = await approve('At [a place] they told me to never come back');
    expect(invented.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(invented.errors?.[0].extensions?.problems).toEqual([
      { field: 'text', message: 'may only take words out of the quote, or put a short placeholder such as [name] or [a town] where they were' },
    ]);
    expect(JSON.stringify(invented.errors)).not.toContain('never');

    const redacted = 'At [a place] they told me to come back Monday';
    expect((await approve(redacted)).errors).toBeUndefined();
    expect(await approvedQuote()).toEqual({ quote, approvedQuote: redacted });
    const approvedList = await list({ quoteApproval: 'APPROVED' }, 100);
    expect(approvedList.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);
    const history = await api.ok(`query($id: ID!) { observation(id: $id) { history { change } } }`, { id });
    expect(history.observation.history.map((h: { change: string }) => h.change)).toEqual(['RECORDED', 'QUOTE_APPROVED']);

    // The quote changes: the approval lapses and it waits for approval again.
    await api.ok(`mutation($i: AmendObservationInput!) { amendObservation(input: $i) { revision } }`, {
      i: { observationId: id, quote: 'They told me to come back Monday' },
    });
    expect((await approvedQuote()).approvedQuote).toBeNull();
    expect(await pending()).toContain(id);
    expect((await approve('They told me to come back [day]')).errors).toBeUndefined();
    expect((await approvedQuote()).approvedQuote).toBe('They told me to come back [day]');

    // The person withdraws consent: neither the quote nor the approved text is shown, and no new approval is possible.
    await api.ok(`mutation($i: RecordConsentInput!) { recordConsent(input: $i) { revision } }`, {
      i: { personId: sharer, consentToHoldInformation: true, consentToShareWordsAnonymised: false, recordedOn: '2026-03-01' },
    });
    expect(await approvedQuote()).toEqual({ quote: null, approvedQuote: null });
    expect((await approve('They told me to come back')).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await pending()).not.toContain(id);

    // Withdrawing the approval is recorded with its reason.
    const withdrawn = await api.graphql(`mutation($i: WithdrawQuoteApprovalInput!) { withdrawQuoteApproval(input: $i) { revision } }`, {
      i: { observationId: id, reason: 'synthetic reason for withdrawing' },
    });
    expect(withdrawn.errors).toBeUndefined();
    const again = await api.graphql(`mutation($i: WithdrawQuoteApprovalInput!) { withdrawQuoteApproval(input: $i) { revision } }`, {
      i: { observationId: id, reason: 'twice' },
    });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    // None of the words, approved or not, is stored in plain text.
    const raw = JSON.stringify((await api.runtime.store.readAll({ after: START, limit: 100_000 })).map((e) => e.data));
    expect(raw).not.toContain('Quotefield-e2e-7731');
    expect(raw).not.toContain('come back [day]');
  });
});
