import { randomUUID } from 'node:crypto';
import { START } from '#libs/kernel';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * A coach's main journey through the GraphQL API: a person joins, the relationship starts,
 * conversations are recorded, the person asks for a pause, the relationship ends as planned,
 * and the person comes back. All names and words here are synthetic.
 */
describe('a coach records a coaching relationship through GraphQL', () => {
  let api: ApiHarness;
  const ids = { area: randomUUID(), team: randomUUID(), coach: randomUUID(), person: randomUUID(), org: randomUUID() };
  const NAME = 'Zephyrine Testperson';
  const WORDS = 'wants-to-learn-to-drive-synthetic-4471';

  beforeAll(async () => {
    api = await openApi();
    // Where the coaching happens: the area, the team and the coach exist before anyone joins.
    await api.ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.area, name: 'Northshire' } });
    await api.ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' } });
    await api.coachIn(ids.team);
    await api.ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, {
      i: { coachId: ids.coach, teamId: ids.team, displayName: 'Coach Synthetic', joinedOn: '2026-01-02' },
    });
  });
  afterAll(() => api?.close());

  const receipt = 'commandId id revision position replayed';

  it('walks the whole journey and the person page shows it', async () => {
    const joinCommand = randomUUID();
    const joined = await api.ok(
      `mutation($input: JoinPersonInput!, $commandId: ID) { joinPerson(input: $input, commandId: $commandId) { ${receipt} } }`,
      {
        commandId: joinCommand,
        input: {
          personId: ids.person,
          displayName: NAME,
          phone: '+44 7700 900123',
          referralSource: 'GP',
          areaId: ids.area,
          teamId: ids.team,
          coachId: ids.coach,
          joinedOn: '2026-01-05',
          consentToHoldInformation: true,
          consentToShareWordsAnonymised: false,
        },
      },
    );
    expect(joined.joinPerson).toMatchObject({ id: ids.person, revision: 1, replayed: false, commandId: joinCommand });

    await api.ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { revision } }`, {
      i: { personId: ids.person, coachId: ids.coach, startedOn: '2026-01-05' },
    });
    const talk = await api.ok(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id revision } }`, {
      i: {
        personId: ids.person,
        occurredOn: '2026-01-12',
        channel: 'IN_PERSON',
        initiatedBy: 'PERSON',
        place: 'CAFE',
        minutes: 50,
        whatMattered: WORDS,
        strengthsNoticed: ['good with people'],
        aspirationsMentioned: ['driving lessons'],
        organisationsIntroduced: [ids.org],
      },
    });
    expect(talk.recordInteraction.revision).toBe(1);
    await api.ok(`mutation($i: PauseCoachingInput!) { pauseCoaching(input: $i) { revision } }`, {
      i: { personId: ids.person, requestedBy: 'PERSON', pausedOn: '2026-02-01', reason: 'moving house' },
    });
    await api.ok(`mutation($i: ResumeCoachingInput!) { resumeCoaching(input: $i) { revision } }`, {
      i: { personId: ids.person, resumedOn: '2026-03-01' },
    });
    const MEETING = `query($id: ID!) { person(id: $id) { relationship { meeting { frequency preferredChannel agreedOn } } } }`;
    // Until coaching is varied, no way of meeting has been agreed.
    expect((await api.ok(MEETING, { id: ids.person })).person.relationship.meeting).toBeNull();
    await api.ok(`mutation($i: VaryCoachingInput!) { varyCoaching(input: $i) { revision } }`, {
      i: { personId: ids.person, frequency: 'FORTNIGHTLY', preferredChannel: 'PHONE', variedOn: '2026-03-01' },
    });
    await api.ok(`mutation($i: EndCoachingInput!) { endCoaching(input: $i) { revision } }`, {
      i: { personId: ids.person, ending: 'PLANNED_WITH_PERSON', endedOn: '2026-06-30', endingConversationHeld: true, inPersonsWords: 'ready to go it alone' },
    });

    // The mutations waited for their read models: this query already sees everything.
    const page = await api.ok(
      `query($id: ID!) { person(id: $id) {
         displayName phone referralSource consent { toHoldInformation toShareWordsAnonymised }
         relationship { status since meeting { frequency preferredChannel agreedOn } } lastContactOn interactionCount
         timeline { occurredOn kind note detail }
         interactions { occurredOn channel place minutes whatMattered strengthsNoticed aspirationsMentioned organisationsIntroduced }
       } }`,
      { id: ids.person },
    );
    expect(page.person).toMatchObject({
      displayName: NAME,
      phone: '+44 7700 900123',
      referralSource: 'GP',
      consent: { toHoldInformation: true, toShareWordsAnonymised: false },
      relationship: { status: 'ended', since: '2026-06-30', meeting: { frequency: 'FORTNIGHTLY', preferredChannel: 'PHONE', agreedOn: '2026-03-01' } },
      lastContactOn: '2026-01-12',
      interactionCount: 1,
    });
    expect(page.person.timeline.map((t: { kind: string }) => t.kind)).toEqual([
      'person.joined',
      'coaching.started',
      'interaction.recorded',
      'coaching.paused',
      'coaching.resumed',
      'coaching.varied',
      'coaching.ended',
    ]);
    expect(page.person.timeline[3]).toMatchObject({ note: 'moving house', detail: 'person' });
    expect(page.person.timeline[6]).toMatchObject({ note: 'ready to go it alone', detail: 'planned_with_person' });
    expect(page.person.interactions[0]).toEqual({
      occurredOn: '2026-01-12',
      channel: 'IN_PERSON',
      place: 'CAFE',
      minutes: 50,
      whatMattered: WORDS,
      strengthsNoticed: ['good with people'],
      aspirationsMentioned: ['driving lessons'],
      organisationsIntroduced: [ids.org],
    });

    // An ended relationship takes no new conversation until the person comes back.
    const refused = await api.graphql(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`, {
      i: { personId: ids.person, occurredOn: '2026-07-02', channel: 'PHONE', initiatedBy: 'PERSON', minutes: 10, whatMattered: 'hello' },
    });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(refused.errors?.[0].message).toContain('re-open');

    // Ended, they leave the caseload; asked for, they are listed after it, to be re-opened.
    const CASELOAD = `query($c: ID!, $e: Boolean) { caseload(coachId: $c, includeEnded: $e) { personId status } }`;
    expect((await api.ok(CASELOAD, { c: ids.coach })).caseload).toEqual([]);
    expect((await api.ok(CASELOAD, { c: ids.coach, e: true })).caseload).toEqual([{ personId: ids.person, status: 'ended' }]);

    await api.ok(`mutation($i: ReopenCoachingInput!) { reopenCoaching(input: $i) { revision } }`, {
      i: { personId: ids.person, coachId: ids.coach, reopenedOn: '2026-09-01' },
    });
    const caseload = await api.ok(`query($c: ID!) { caseload(coachId: $c) { personId displayName status lastContactOn } }`, { c: ids.coach });
    expect(caseload.caseload).toEqual([{ personId: ids.person, displayName: NAME, status: 'active', lastContactOn: '2026-01-12' }]);
    // The same relationship carries on, with the way of meeting agreed before.
    expect((await api.ok(MEETING, { id: ids.person })).person.relationship.meeting).toEqual({ frequency: 'FORTNIGHTLY', preferredChannel: 'PHONE', agreedOn: '2026-03-01' });

    // Retrying the join with the same command id records nothing new.
    const retried = await api.ok(
      `mutation($input: JoinPersonInput!, $commandId: ID) { joinPerson(input: $input, commandId: $commandId) { ${receipt} } }`,
      {
        commandId: joinCommand,
        input: {
          personId: ids.person,
          displayName: NAME,
          referralSource: 'GP',
          areaId: ids.area,
          teamId: ids.team,
          coachId: ids.coach,
          joinedOn: '2026-01-05',
          consentToHoldInformation: true,
          consentToShareWordsAnonymised: false,
        },
      },
    );
    expect(retried.joinPerson).toMatchObject({ replayed: true, revision: 1 });
  });

  it('changes contact details: what is given replaces, what is left out stays, and what they no longer want held is removed', async () => {
    const DETAILS = `query($id: ID!) { person(id: $id) { displayName phone email } }`;
    const CHANGE = `mutation($i: ChangePersonDetailsInput!) { changePersonDetails(input: $i) { revision } }`;
    await api.ok(CHANGE, { i: { personId: ids.person, email: 'synthetic.person@example.test' } });
    expect((await api.ok(DETAILS, { id: ids.person })).person).toEqual({ displayName: NAME, phone: '+44 7700 900123', email: 'synthetic.person@example.test' });

    await api.ok(CHANGE, { i: { personId: ids.person, removePhone: true } });
    expect((await api.ok(DETAILS, { id: ids.person })).person).toEqual({ displayName: NAME, phone: null, email: 'synthetic.person@example.test' });

    // Given and removed at once is refused, naming the field, and nothing is appended.
    const before = (await api.runtime.store.readStream(`person-${ids.person}`)).length;
    const both = await api.graphql(CHANGE, { i: { personId: ids.person, email: 'another@example.test', removeEmail: true } });
    expect(both.errors?.[0]?.extensions?.problems).toEqual([{ field: 'removeEmail', message: 'cannot be asked for together with a new email address' }]);
    expect((await api.runtime.store.readStream(`person-${ids.person}`)).length).toBe(before);

    await api.ok(CHANGE, { i: { personId: ids.person, removeEmail: true, phone: '+44 7700 900124' } });
    expect((await api.ok(DETAILS, { id: ids.person })).person).toEqual({ displayName: NAME, phone: '+44 7700 900124', email: null });
  });

  it('keeps no plain-text name, contact or words in the raw event data', async () => {
    const events = await api.runtime.store.readAll({ after: START, limit: 10_000 });
    expect(events.length).toBeGreaterThan(5);
    const raw = JSON.stringify(events.map((e) => [e.data, e.metadata]));
    for (const secret of [NAME, 'Zephyrine', '7700 900123', WORDS, 'good with people', 'driving lessons', 'moving house', 'ready to go it alone']) {
      expect(raw).not.toContain(secret);
    }
    const { rows } = await api.runtime.readModels.query<{ dump: string }>(
      `SELECT string_agg(t::text, ' ') AS dump FROM (SELECT * FROM people_directory) t`,
    );
    expect(rows[0].dump).not.toContain('Zephyrine');
  });

  it('refuses bad input naming every field, and appends nothing', async () => {
    const before = (await api.runtime.store.readAll({ after: START, limit: 10_000 })).length;
    const result = await api.graphql(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`, {
      i: { personId: ids.person, occurredOn: '2999-01-01', channel: 'PHONE', initiatedBy: 'COACH', place: 'CAFE', minutes: 0, whatMattered: ' ' },
    });
    expect(result.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'occurredOn', message: 'cannot be in the future' },
        { field: 'place', message: 'is only for conversations in person' },
        { field: 'minutes', message: 'must be a whole number from 1 to 600' },
        { field: 'whatMattered', message: 'is required' },
      ],
    });
    expect((await api.runtime.store.readAll({ after: START, limit: 10_000 })).length).toBe(before);
  });

  it('says CONFLICT when the caller saw an older revision, and NOT_FOUND for a person who never joined', async () => {
    const stale = await api.graphql(`mutation($i: RecordConsentInput!) { recordConsent(input: $i, expectedRevision: 0) { revision } }`, {
      i: { personId: ids.person, consentToHoldInformation: true, consentToShareWordsAnonymised: true, recordedOn: '2026-09-02' },
    });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const missing = await api.graphql(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { revision } }`, {
      i: { personId: randomUUID(), coachId: ids.coach, startedOn: '2026-01-05' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers a retried command with its first receipt, even when a check it passed would now fail', async () => {
    const coach = randomUUID();
    await api.ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, {
      i: { coachId: coach, teamId: ids.team, displayName: 'Coach Leaving', joinedOn: '2026-01-02' },
    });
    const join = `mutation($i: JoinPersonInput!, $c: ID) { joinPerson(input: $i, commandId: $c) { ${receipt} } }`;
    const joinInput = {
      displayName: 'Synthetic Retry',
      referralSource: 'SELF',
      areaId: ids.area,
      teamId: ids.team,
      coachId: coach,
      joinedOn: '2026-02-01',
      consentToHoldInformation: true,
      consentToShareWordsAnonymised: false,
    };
    const joinCommand = randomUUID();
    const first = (await api.ok(join, { i: joinInput, c: joinCommand })).joinPerson;
    const start = `mutation($i: StartCoachingInput!, $c: ID) { startCoaching(input: $i, commandId: $c) { ${receipt} } }`;
    const startInput = { personId: first.id, coachId: coach, startedOn: '2026-02-01' };
    const startCommand = randomUUID();
    const started = (await api.ok(start, { i: startInput, c: startCommand })).startCoaching;

    const talk = `mutation($i: RecordInteractionInput!, $c: ID) { recordInteraction(input: $i, commandId: $c) { ${receipt} } }`;
    const talkInput = { personId: first.id, occurredOn: '2026-02-02', channel: 'PHONE', initiatedBy: 'COACH', minutes: 20, whatMattered: 'synthetic' };
    const talkCommand = randomUUID();
    const firstTalk = (await api.ok(talk, { i: talkInput, c: talkCommand })).recordInteraction;

    // The coach leaves: joining someone with them would now be refused...
    await api.ok(`mutation($i: CoachLeftInput!) { coachLeft(input: $i) { id } }`, { i: { coachId: coach, leftOn: '2026-03-01' } });
    const fresh = await api.graphql(join, { i: joinInput, c: randomUUID() });
    expect(fresh.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // ...but the retry of the command that did it names the same person and writes nothing new.
    const retried = (await api.ok(join, { i: joinInput, c: joinCommand })).joinPerson;
    expect(retried).toEqual({ ...first, replayed: true });
    expect((await api.ok(start, { i: startInput, c: startCommand })).startCoaching).toEqual({ ...started, replayed: true });
    const retriedTalk = (await api.ok(talk, { i: talkInput, c: talkCommand })).recordInteraction;
    expect(retriedTalk).toEqual({ ...firstTalk, replayed: true });
    const page = await api.ok(`query($id: ID!) { person(id: $id) { interactions { id } } }`, { id: first.id });
    expect(page.person.interactions).toEqual([{ id: firstTalk.id }]);
  });
});
