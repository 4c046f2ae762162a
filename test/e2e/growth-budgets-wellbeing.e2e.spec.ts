import { randomUUID } from 'node:crypto';
import { START } from '#libs/kernel';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * What grows in coaching, personal budgets and wellbeing check-ins, through the GraphQL API
 * against the real server, and how they show on the person's page. All words are synthetic.
 */
describe('growth, personal budgets and wellbeing through GraphQL', () => {
  let api: ApiHarness;
  const ids = { area: randomUUID(), team: randomUUID(), otherTeam: randomUUID(), coach: randomUUID(), person: randomUUID() };
  const WORDS = {
    aspiration: 'drive-to-the-coast-synthetic-5521',
    changedAspiration: 'pass-the-theory-test-synthetic-5522',
    letGo: 'run-a-marathon-synthetic-5523',
    progress: 'booked-first-lesson-synthetic-5524',
    strength: 'patient-with-animals-synthetic-5525',
    connection: 'allotment-group-synthetic-5526',
    endedConnection: 'choir-tuesdays-synthetic-5527',
    purpose: 'driving-lessons-block-synthetic-5528',
    declinedPurpose: 'new-phone-synthetic-5529',
    declineReason: 'covered-elsewhere-synthetic-5530',
    spentOn: 'ten-lessons-synthetic-5531',
  };
  const receipt = 'id revision replayed';

  beforeAll(async () => {
    api = await openApi();
    // Where the coaching happens: the area, the teams and the coach exist before anyone joins.
    await api.ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.area, name: 'Westmarsh' } });
    for (const [teamId, name] of [[ids.team, 'Harbour coaches'], [ids.otherTeam, 'Hillside coaches']]) {
      await api.ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId, areaId: ids.area, name } });
      await api.coachIn(teamId);
    }
    await api.ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, {
      i: { coachId: ids.coach, teamId: ids.team, displayName: 'Coach Synthetic', joinedOn: '2026-01-02' },
    });
    await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId: ids.person,
        displayName: 'Quillon Synthetic',
        referralSource: 'SOCIAL_PRESCRIBER',
        areaId: ids.area,
        teamId: ids.team,
        coachId: ids.coach,
        joinedOn: '2026-01-05',
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: false,
      },
    });
  });
  afterAll(() => api?.close());

  const events = () => api.runtime.store.readAll({ after: START, limit: 10_000 });

  it('records aspirations, strengths and connections in the person\'s words, and the person page shows them', async () => {
    const set = await api.ok(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { ${receipt} } }`, {
      i: { personId: ids.person, inPersonsWords: WORDS.aspiration, setOn: '2026-01-12' },
    });
    const first = set.setAspiration.id;
    await api.ok(`mutation($i: NoteAspirationProgressInput!) { noteAspirationProgress(input: $i) { id } }`, {
      i: { personId: ids.person, aspirationId: first, note: WORDS.progress, notedOn: '2026-02-01' },
    });
    const changed = await api.ok(`mutation($i: ChangeAspirationInput!) { changeAspiration(input: $i) { id } }`, {
      i: { personId: ids.person, aspirationId: first, inPersonsWords: WORDS.changedAspiration, changedOn: '2026-02-10' },
    });
    const second = changed.changeAspiration.id;
    await api.ok(`mutation($i: AchieveAspirationInput!) { achieveAspiration(input: $i) { id } }`, {
      i: { personId: ids.person, aspirationId: second, achievedOn: '2026-03-20' },
    });
    const other = await api.ok(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { id } }`, {
      i: { personId: ids.person, inPersonsWords: WORDS.letGo, setOn: '2026-01-12' },
    });
    await api.ok(`mutation($i: LetGoOfAspirationInput!) { letGoOfAspiration(input: $i) { id } }`, {
      i: { personId: ids.person, aspirationId: other.setAspiration.id, letGoOn: '2026-02-20' },
    });
    await api.ok(`mutation($i: NoticeStrengthInput!) { noticeStrength(input: $i) { id } }`, {
      i: { personId: ids.person, inPersonsWords: WORDS.strength, noticedOn: '2026-01-12', noticedBy: 'PERSON' },
    });
    await api.ok(`mutation($i: MakeConnectionInput!) { makeConnection(input: $i) { id } }`, {
      i: { personId: ids.person, kind: 'COMMUNITY_GROUP', description: WORDS.connection, madeOn: '2026-02-02' },
    });
    const choir = await api.ok(`mutation($i: MakeConnectionInput!) { makeConnection(input: $i) { id } }`, {
      i: { personId: ids.person, kind: 'ACTIVITY', description: WORDS.endedConnection, madeOn: '2026-01-20' },
    });
    await api.ok(`mutation($i: EndConnectionInput!) { endConnection(input: $i) { id } }`, {
      i: { personId: ids.person, connectionId: choir.makeConnection.id, endedOn: '2026-03-01' },
    });

    const page = await api.ok(
      `query($id: ID!) { person(id: $id) {
         aspirations { id inPersonsWords status setOn closedOn changedFrom changedTo history { occurredOn kind note } }
         strengths { inPersonsWords noticedOn noticedBy }
         connections { kind description madeOn endedOn current }
       } }`,
      { id: ids.person },
    );
    const byWords = (words: string) => page.person.aspirations.find((a: { inPersonsWords: string }) => a.inPersonsWords === words);
    expect(byWords(WORDS.aspiration)).toMatchObject({ status: 'CHANGED', setOn: '2026-01-12', closedOn: '2026-02-10', changedTo: second });
    expect(byWords(WORDS.aspiration).history).toEqual([
      { occurredOn: '2026-01-12', kind: 'aspiration.set', note: WORDS.aspiration },
      { occurredOn: '2026-02-01', kind: 'aspiration.progress_noted', note: WORDS.progress },
      { occurredOn: '2026-02-10', kind: 'aspiration.changed', note: null },
    ]);
    expect(byWords(WORDS.changedAspiration)).toMatchObject({ status: 'ACHIEVED', changedFrom: first, closedOn: '2026-03-20' });
    expect(byWords(WORDS.letGo)).toMatchObject({ status: 'LET_GO', closedOn: '2026-02-20' });
    expect(page.person.strengths).toEqual([{ inPersonsWords: WORDS.strength, noticedOn: '2026-01-12', noticedBy: 'PERSON' }]);
    expect(page.person.connections).toEqual([
      { kind: 'COMMUNITY_GROUP', description: WORDS.connection, madeOn: '2026-02-02', endedOn: null, current: true },
      { kind: 'ACTIVITY', description: WORDS.endedConnection, madeOn: '2026-01-20', endedOn: '2026-03-01', current: false },
    ]);

    const closedAgain = await api.graphql(`mutation($i: AchieveAspirationInput!) { achieveAspiration(input: $i) { id } }`, {
      i: { personId: ids.person, aspirationId: second, achievedOn: '2026-03-21' },
    });
    expect(closedAgain.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('refuses growth for a person who never joined, and bad input naming each field', async () => {
    const missing = await api.graphql(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { id } }`, {
      i: { personId: randomUUID(), inPersonsWords: 'anything', setOn: '2026-01-12' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const bad = await api.graphql(`mutation($i: MakeConnectionInput!) { makeConnection(input: $i) { id } }`, {
      i: { personId: ids.person, kind: 'FAITH', description: '  ', madeOn: '2999-01-01' },
    });
    expect(bad.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'description', message: 'is required' },
        { field: 'madeOn', message: 'cannot be in the future' },
      ],
    });
  });

  describe('a personal budget pot', () => {
    const pot = `query($t: ID!) { budgetPot(teamId: $t) {
      teamId fundedPence spentPence committedPence balancePence availablePence awaitingDecisionPence awaitingDecisionCount
      fundings { amountPence source fundedOn }
      requests { id personId purpose purposeCategory amountPence status approvedPence spentPence committedPence declineReason spends { amountPence onWhat spentOn } }
    } }`;
    let requestId: string;

    it('is funded, and a request within it is approved and partly spent', async () => {
      await api.ok(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, {
        i: { teamId: ids.team, amountPence: 20_000, source: 'Community foundation grant', fundedOn: '2026-01-06' },
      });
      const requested = await api.ok(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: ids.person, purpose: WORDS.purpose, purposeCategory: 'DRIVING_LESSONS', amountPence: 15_000, requestedOn: '2026-01-15' },
      });
      requestId = requested.requestBudget.id;
      await api.ok(`mutation($i: ApproveBudgetRequestInput!) { approveBudgetRequest(input: $i) { id } }`, {
        i: { teamId: ids.team, requestId, approvedOn: '2026-01-16' },
      });
      await api.ok(`mutation($i: RecordBudgetSpendInput!) { recordBudgetSpend(input: $i) { id } }`, {
        i: { teamId: ids.team, requestId, amountPence: 10_000, onWhat: WORDS.spentOn, spentOn: '2026-01-20' },
      });
      const seen = await api.ok(pot, { t: ids.team });
      expect(seen.budgetPot).toMatchObject({
        teamId: ids.team,
        fundedPence: 20_000,
        spentPence: 10_000,
        committedPence: 5_000,
        balancePence: 10_000,
        availablePence: 5_000,
        awaitingDecisionPence: 0,
        awaitingDecisionCount: 0,
        fundings: [{ amountPence: 20_000, source: 'Community foundation grant', fundedOn: '2026-01-06' }],
      });
      expect(seen.budgetPot.requests).toEqual([
        {
          id: requestId,
          personId: ids.person,
          purpose: WORDS.purpose,
          purposeCategory: 'DRIVING_LESSONS',
          amountPence: 15_000,
          status: 'APPROVED',
          approvedPence: 15_000,
          spentPence: 10_000,
          committedPence: 5_000,
          declineReason: null,
          spends: [{ amountPence: 10_000, onWhat: WORDS.spentOn, spentOn: '2026-01-20' }],
        },
      ]);
    });

    it('a budget request over the pot balance is refused', async () => {
      const before = (await events()).length;
      const refused = await api.graphql(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: ids.person, purpose: 'a synthetic purpose', purposeCategory: 'TRAVEL', amountPence: 6_000, requestedOn: '2026-01-21' },
      });
      expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(refused.errors?.[0].message).toContain('its balance is £100.00, of which £50.00 is approved and not yet spent, so £50.00 is available');
      expect(refused.errors?.[0].message).not.toContain('synthetic purpose');
      expect((await events()).length).toBe(before);
    });

    it('refuses spending more than was approved', async () => {
      const refused = await api.graphql(`mutation($i: RecordBudgetSpendInput!) { recordBudgetSpend(input: $i) { id } }`, {
        i: { teamId: ids.team, requestId, amountPence: 5_001, onWhat: 'more lessons', spentOn: '2026-01-22' },
      });
      expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(refused.errors?.[0].message).toContain('£50.00 of the £150.00 approved is left to spend');
    });

    it('declines a request with a reason, and the person page lists the person\'s requests', async () => {
      const asked = await api.ok(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: ids.person, purpose: WORDS.declinedPurpose, purposeCategory: 'PHONE_AND_DATA', amountPence: 3_000, requestedOn: '2026-01-25' },
      });
      // Waiting for a decision, it is shown apart from what is available, and not taken from it.
      expect((await api.ok(pot, { t: ids.team })).budgetPot).toMatchObject({ availablePence: 5_000, awaitingDecisionPence: 3_000, awaitingDecisionCount: 1 });
      await api.ok(`mutation($i: DeclineBudgetRequestInput!) { declineBudgetRequest(input: $i) { id } }`, {
        i: { teamId: ids.team, requestId: asked.requestBudget.id, declinedOn: '2026-01-26', reason: WORDS.declineReason },
      });
      expect((await api.ok(pot, { t: ids.team })).budgetPot).toMatchObject({ awaitingDecisionPence: 0, awaitingDecisionCount: 0 });
      const page = await api.ok(`query($id: ID!) { person(id: $id) { budgets { purpose purposeCategory amountPence status declineReason spentPence } } }`, { id: ids.person });
      expect(page.person.budgets).toEqual([
        { purpose: WORDS.declinedPurpose, purposeCategory: 'PHONE_AND_DATA', amountPence: 3_000, status: 'DECLINED', declineReason: WORDS.declineReason, spentPence: 0 },
        { purpose: WORDS.purpose, purposeCategory: 'DRIVING_LESSONS', amountPence: 15_000, status: 'APPROVED', declineReason: null, spentPence: 10_000 },
      ]);
    });

    it('closing a request gives what was not spent back to the pot', async () => {
      await api.ok(`mutation($i: CloseBudgetRequestInput!) { closeBudgetRequest(input: $i) { id } }`, {
        i: { teamId: ids.team, requestId, closedOn: '2026-02-01' },
      });
      const seen = await api.ok(pot, { t: ids.team });
      expect(seen.budgetPot).toMatchObject({ balancePence: 10_000, committedPence: 0, availablePence: 10_000 });
    });

    it('refuses a request from another team\'s pot, amounts that are not above zero, and a person who never joined', async () => {
      const otherTeam = await api.graphql(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.otherTeam, personId: ids.person, purpose: 'x', purposeCategory: 'OTHER', amountPence: 100, requestedOn: '2026-01-21' },
      });
      expect(otherTeam.errors?.[0].extensions?.code).toBe('CONFLICT');
      const zero = await api.graphql(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, {
        i: { teamId: ids.team, amountPence: 0, source: 'Grant', fundedOn: '2026-01-06' },
      });
      expect(zero.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'amountPence', message: 'must be more than zero' }] });
      const stranger = await api.graphql(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: randomUUID(), purpose: 'x', purposeCategory: 'OTHER', amountPence: 100, requestedOn: '2026-01-21' },
      });
      expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses a request whose purpose category is UNSPECIFIED (only for requests recorded before categories) or left out, appending nothing', async () => {
      const before = (await events()).length;
      const unspecified = await api.graphql(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: ids.person, purpose: 'a synthetic purpose', purposeCategory: 'UNSPECIFIED', amountPence: 100, requestedOn: '2026-01-21' },
      });
      expect(unspecified.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(unspecified.errors?.[0].extensions?.problems).toEqual([{ field: 'purposeCategory', message: expect.stringContaining('cannot be unspecified') }]);
      const missing = await api.graphql(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: ids.person, purpose: 'a synthetic purpose', amountPence: 100, requestedOn: '2026-01-21' },
      });
      expect(missing.errors?.[0].message).toContain('purposeCategory');
      expect((await events()).length).toBe(before);
    });

    it('writes new requests at schema version 2 with their category in clear; a version-1 request stored before categories reads as UNSPECIFIED', async () => {
      const stored = await api.runtime.readModels.query<{ schema_version: number; category: string | null }>(
        `SELECT schema_version, data->>'purposeCategory' AS category FROM events WHERE type = 'budget.requested' AND stream = $1 ORDER BY revision`,
        [`budget-${ids.team}`],
      );
      expect(stored.rows).toEqual([
        { schema_version: 2, category: 'driving_lessons' },
        { schema_version: 2, category: 'phone_and_data' },
      ]);

      // An event as the product stored it before categories existed, appended raw.
      const oldRequest = randomUUID();
      const commandId = randomUUID();
      const appended = await api.runtime.store.append(
        `budget-${ids.team}`,
        [
          {
            type: 'budget.requested',
            schemaVersion: 1,
            data: { requestId: oldRequest, personId: ids.person, purpose: await api.runtime.vault.seal(ids.person, 'old-request-synthetic-5532'), amountPence: 500, requestedOn: '2026-01-27' },
            metadata: { actor: 'system:test', commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-01-27T10:00:00.000Z' },
          },
        ],
        'any',
      );
      expect(await api.runtime.projections.waitFor(appended.position, { projections: ['budgets'], timeoutMs: 5000 })).toBe(true);
      const seen = await api.ok(pot, { t: ids.team });
      expect(seen.budgetPot.requests.find((r: { id: string }) => r.id === oldRequest)).toMatchObject({ purposeCategory: 'UNSPECIFIED', amountPence: 500, status: 'REQUESTED' });
      const raw = await api.runtime.readModels.query<{ schema_version: number; category: string | null }>(
        `SELECT schema_version, data->>'purposeCategory' AS category FROM events WHERE type = 'budget.requested' AND data->>'requestId' = $1`,
        [oldRequest],
      );
      expect(raw.rows).toEqual([{ schema_version: 1, category: null }]);
      // The old request can still be decided on.
      await api.ok(`mutation($i: DeclineBudgetRequestInput!) { declineBudgetRequest(input: $i) { id } }`, {
        i: { teamId: ids.team, requestId: oldRequest, declinedOn: '2026-01-28', reason: 'synthetic reason' },
      });
    });

    it('shows leadership the spend by purpose category on the outcome dashboard, as aggregates', async () => {
      expect(await api.runtime.projections.waitFor(await api.runtime.store.headPosition(), { projections: ['learning_outcomes'], timeoutMs: 5000 })).toBe(true);
      const dashboard = await api.ok(
        `query($t: ID!) { outcomeDashboard(period: MONTH, from: "2026-01-01", to: "2026-02-28", teamId: $t) {
          periods { label budgetSpend { spentPence spends people small } budgetSpendByCategory { category spentPence spends people small } }
        } }`,
        { t: ids.team },
      );
      expect(dashboard.outcomeDashboard.periods).toEqual([
        {
          label: '2026-01',
          budgetSpend: { spentPence: 10_000, spends: 1, people: 1, small: true },
          budgetSpendByCategory: [{ category: 'DRIVING_LESSONS', spentPence: 10_000, spends: 1, people: 1, small: true }],
        },
        { label: '2026-02', budgetSpend: { spentPence: 0, spends: 0, people: 0, small: false }, budgetSpendByCategory: [] },
      ]);
    });

    it('reads a pot never funded as empty, and funds no pot for a team that was never formed', async () => {
      const seen = await api.ok(pot, { t: ids.otherTeam });
      expect(seen.budgetPot).toMatchObject({ fundedPence: 0, balancePence: 0, availablePence: 0, requests: [], fundings: [] });
      const noTeam = await api.graphql(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, {
        i: { teamId: randomUUID(), amountPence: 1_000, source: 'Grant', fundedOn: '2026-01-06' },
      });
      expect(noTeam.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('wellbeing check-ins', () => {
    const checkIn = `mutation($i: CheckInWellbeingInput!) { checkInWellbeing(input: $i) { id } }`;

    it('records a complete WEMWBS and two SWEMWBS check-ins, and the person page shows the trend', async () => {
      await api.ok(checkIn, {
        i: { personId: ids.person, scale: 'WEMWBS', answers: [3, 3, 2, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3], checkedInOn: '2026-01-12', personChoseToCheckIn: true },
      });
      await api.ok(checkIn, {
        i: { personId: ids.person, scale: 'SWEMWBS', answers: [4, 3, 3, 3, 4, 3, 3], checkedInOn: '2026-01-12', personChoseToCheckIn: true },
      });
      await api.ok(checkIn, {
        i: { personId: ids.person, scale: 'SWEMWBS', answers: [4, 4, 4, 4, 4, 4, 4], checkedInOn: '2026-04-12', personChoseToCheckIn: true },
      });
      const page = await api.ok(
        `query($id: ID!) { person(id: $id) { wellbeingTrend {
           checkIns { checkedInOn scale rawScore score }
           changes { scale checkIns change first { score } latest { score checkedInOn } }
         } } }`,
        { id: ids.person },
      );
      expect(page.person.wellbeingTrend.checkIns).toEqual([
        { checkedInOn: '2026-01-12', scale: 'WEMWBS', rawScore: 40, score: 40 },
        { checkedInOn: '2026-01-12', scale: 'SWEMWBS', rawScore: 23, score: 20.73 },
        { checkedInOn: '2026-04-12', scale: 'SWEMWBS', rawScore: 28, score: 25.03 },
      ]);
      expect(page.person.wellbeingTrend.changes).toEqual([
        { scale: 'WEMWBS', checkIns: 1, change: 0, first: { score: 40 }, latest: { score: 40, checkedInOn: '2026-01-12' } },
        { scale: 'SWEMWBS', checkIns: 2, change: 4.3, first: { score: 20.73 }, latest: { score: 25.03, checkedInOn: '2026-04-12' } },
      ]);
    });

    it('refuses an incomplete or out-of-range check-in, naming each item, and records nothing', async () => {
      const before = (await events()).length;
      const incomplete = await api.graphql(checkIn, {
        i: { personId: ids.person, scale: 'SWEMWBS', answers: [3, 3, null, 3, 7], checkedInOn: '2026-04-13', personChoseToCheckIn: true },
      });
      expect(incomplete.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'answers.item3', message: 'is required (feeling relaxed)' },
          { field: 'answers.item5', message: 'must be a whole number from 1 to 5' },
          { field: 'answers.item6', message: 'is required (feeling close to other people)' },
          { field: 'answers.item7', message: 'is required (able to make up my own mind)' },
        ],
      });
      const notChosen = await api.graphql(checkIn, {
        i: { personId: ids.person, scale: 'WEMWBS', answers: Array(14).fill(3), checkedInOn: '2026-04-13', personChoseToCheckIn: false },
      });
      expect(notChosen.errors?.[0].extensions?.problems).toEqual([
        { field: 'personChoseToCheckIn', message: 'a wellbeing check-in is only recorded when the person chooses to do one' },
      ]);
      expect((await events()).length).toBe(before);
    });
  });

  it('keeps no plain-text aspiration, purpose or other words, nor item answers, in the raw events', async () => {
    const all = await events();
    const raw = JSON.stringify(all.map((e) => [e.stream, e.data, e.metadata]));
    for (const secret of Object.values(WORDS)) expect(raw).not.toContain(secret);
    const checkIns = all.filter((e) => e.type === 'wellbeing.checked_in');
    expect(checkIns).toHaveLength(3);
    for (const e of checkIns) {
      const data = e.data as Record<string, unknown>;
      expect(Object.keys(data).sort()).toEqual(['answers', 'checkInId', 'checkedInOn', 'rawScore', 'scale', 'score']);
      expect(data.answers).toMatch(/^pd1\./);
    }
    const growth = all.filter((e) => e.stream === `growth-${ids.person}`);
    expect(growth.length).toBeGreaterThan(5);
    const budget = all.filter((e) => e.type === 'budget.requested').map((e) => (e.data as { purpose: string }).purpose);
    expect(budget.every((p) => p.startsWith('pd1.'))).toBe(true);
  });
});
