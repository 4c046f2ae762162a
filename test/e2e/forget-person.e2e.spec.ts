import { randomUUID } from 'node:crypto';
import { START } from '#libs/kernel';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * Forgetting a person (crypto-shredding): given a person whose record, conversations, growth,
 * wellbeing, budget request and observation carry unique words, when an influencer forgets
 * them, then none of those words can be read anywhere (API, subject access export, event store,
 * read models) and the anonymous counts stay as they were.
 */
describe('forgetting a person', () => {
  let api: ApiHarness;
  const tag = randomUUID().slice(0, 8);
  const SECRETS = {
    name: `Forgettable-${tag}`,
    phone: '+44 7700 900456',
    email: `forgettable-${tag}@example.test`,
    mattered: `mattered-${tag}`,
    aspiration: `aspiration-${tag}`,
    purpose: `purpose-${tag}`,
    what: `what-happened-${tag}`,
    impact: `impact-${tag}`,
    quote: `quote-${tag}`,
  };
  const ids = { person: randomUUID(), area: '', team: '', theme: '' };

  beforeAll(async () => {
    api = await openApi();
    ids.area = (await api.ok(`mutation { registerArea(input: { name: "Forget Test Area" }) { id } }`)).registerArea.id;
    ids.team = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Forget Test Team" }) { id } }`, { a: ids.area })).formTeam.id;
    await api.coachIn(ids.team);
    const coach = (await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Coach Forgetful", joinedOn: "2026-01-02" }) { id } }`, { t: ids.team }))
      .addCoach.id;
    await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId: ids.person,
        displayName: SECRETS.name,
        phone: SECRETS.phone,
        email: SECRETS.email,
        referralSource: 'SELF',
        areaId: ids.area,
        teamId: ids.team,
        coachId: coach,
        joinedOn: '2026-01-05',
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: true,
      },
    });
    await api.ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, { i: { personId: ids.person, coachId: coach, startedOn: '2026-01-05' } });
    await api.ok(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`, {
      i: { personId: ids.person, occurredOn: '2026-02-02', channel: 'PHONE', initiatedBy: 'PERSON', minutes: 30, whatMattered: SECRETS.mattered },
    });
    await api.ok(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { id } }`, {
      i: { personId: ids.person, inPersonsWords: SECRETS.aspiration, setOn: '2026-02-02' },
    });
    await api.ok(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, { i: { teamId: ids.team, amountPence: 10_000, source: 'Grant', fundedOn: '2026-01-06' } });
    await api.ok(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
      i: { teamId: ids.team, personId: ids.person, purpose: SECRETS.purpose, purposeCategory: 'TRAVEL', amountPence: 2_000, requestedOn: '2026-02-03' },
    });
    const observed = await api.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
      i: {
        kind: 'BARRIER',
        unmatchedOrganisationName: 'Some Service',
        areaId: ids.area,
        categoryId: 'waiting_times',
        whatHappened: SECRETS.what,
        impact: SECRETS.impact,
        impactTags: ['CRISIS'],
        quote: SECRETS.quote,
        severity: 3,
        occurredOn: '2026-02-04',
        personId: ids.person,
      },
    });
    // The quote approved for sharing (as it is) and the observation evidencing a theme.
    await api.ok(`mutation($i: ApproveQuoteInput!) { approveQuote(input: $i) { id } }`, { i: { observationId: observed.recordObservation.id, text: SECRETS.quote } });
    ids.theme = (
      await api.ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, {
        i: { name: 'Synthetic waits theme', categoryIds: ['waiting_times'], observationIds: [observed.recordObservation.id] },
      })
    ).proposeTheme.id;
  }, 60_000);
  afterAll(() => api?.close());

  /** Every row of every table (event store and read models), and every event, as text. */
  async function dumpEverything(): Promise<string> {
    const db = api.runtime.readModels;
    const { rows: tables } = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const parts: string[] = [];
    for (const t of tables) {
      const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${t.schema}"."${t.name}" t`);
      parts.push(...rows.map((r) => r.row));
    }
    const events = await api.runtime.store.readAll({ after: START, limit: 100_000 });
    parts.push(JSON.stringify(events.map((e) => [e.stream, e.type, e.data, e.metadata])));
    return parts.join('\n');
  }

  const countsByCategory = async () =>
    (await api.runtime.readModels.query<{ category_id: string; n: string }>(
      `SELECT category_id, count(*)::text AS n FROM observations_records GROUP BY category_id ORDER BY category_id`,
    )).rows;

  it('given words recorded for a person, they are readable only by opening them, never stored in plain text', async () => {
    const exported = await api.ok(`query($p: ID!) { personRecord(personId: $p) { json } }`, { p: ids.person });
    for (const secret of Object.values(SECRETS)) expect(exported.personRecord.json).toContain(secret);
    const dump = await dumpEverything();
    for (const secret of Object.values(SECRETS)) expect(dump).not.toContain(secret);
  });

  const themeCount = async () => (await api.ok(`query($t: ID!) { theme(id: $t) { observationCount } }`, { t: ids.theme })).theme.observationCount as number;

  it('when the person is forgotten, nothing of theirs can be read anywhere and the counts stay', async () => {
    const before = await countsByCategory();
    expect(await themeCount()).toBe(1);
    const coachView = await api.ok(`query($p: ID!) { person(id: $p) { displayName } }`, { p: ids.person });
    expect(coachView.person.displayName).toBe(SECRETS.name);

    const forgotten = await api.ok(`mutation($i: ForgetPersonInput!) { forgetPerson(input: $i) { id revision } }`, {
      i: { personId: ids.person, reason: 'PERSON_ASKED' },
    });
    expect(forgotten.forgetPerson.id).toBe(ids.person);

    const page = await api.ok(`query($p: ID!) { person(id: $p) { displayName phone email interactions { whatMattered } } }`, { p: ids.person });
    expect(page.person).toMatchObject({ displayName: null, phone: null, email: null, interactions: [{ whatMattered: null }] });
    const exported = await api.ok(`query($p: ID!) { personRecord(personId: $p) { json } }`, { p: ids.person });
    const dump = await dumpEverything();
    for (const secret of Object.values(SECRETS)) {
      expect(exported.personRecord.json).not.toContain(secret);
      expect(dump).not.toContain(secret);
    }
    const key = await api.runtime.readModels.query<{ wrapped_key: unknown; forgotten_at: unknown }>(
      'SELECT wrapped_key, forgotten_at FROM personal_data_keys WHERE subject = $1',
      [ids.person],
    );
    expect(key.rows).toEqual([{ wrapped_key: null, forgotten_at: expect.anything() }]);
    expect(await countsByCategory()).toEqual(before);
    expect(await themeCount()).toBe(1);
  });

  it('refuses to record anything more about a forgotten person, and to forget them twice', async () => {
    const more = await api.graphql(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`, {
      i: { personId: ids.person, occurredOn: '2026-03-02', channel: 'PHONE', initiatedBy: 'PERSON', minutes: 10, whatMattered: 'more' },
    });
    expect(more.errors?.[0].extensions?.code).toBe('CONFLICT');
    const again = await api.graphql(`mutation($i: ForgetPersonInput!) { forgetPerson(input: $i) { id } }`, { i: { personId: ids.person, reason: 'OTHER' } });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('records each read of the person\'s record in the audit log', async () => {
    const log = await api.ok(`query($p: ID!) { auditLog(filter: { personId: $p }, first: 100) { entries { eventType actor } } }`, { p: ids.person });
    const reads = log.auditLog.entries.filter((e: { eventType: string }) => e.eventType === 'person_record.read');
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(log.auditLog.entries.map((e: { eventType: string }) => e.eventType)).toContain('person.forgotten');
  });
});
