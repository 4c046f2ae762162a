import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { openApi, type ApiClient, type ApiHarness } from './api-harness.js';
import { liveClient } from './live-client.js';

/** Collects what a subscription sends until `count` have arrived. */
function collect<T>(client: Client, query: string, count: number): { received: Promise<T[]>; errors: Promise<unknown> } {
  const items: T[] = [];
  let fail: (error: unknown) => void = () => undefined;
  const errors = new Promise<unknown>((resolve) => (fail = resolve));
  const received = new Promise<T[]>((resolve) => {
    const stop = client.subscribe<T>(
      { query },
      {
        next: (value) => {
          if (value.errors) fail(value.errors);
          if (value.data) items.push(value.data);
          if (items.length === count) {
            stop();
            resolve(items);
          }
        },
        error: (error) => fail(error),
        complete: () => undefined,
      },
    );
  });
  return { received, errors };
}

/**
 * Live views over graphql-ws on the real server: new observations and theme changes as they are
 * recorded, each subscriber seeing only what their role allows. All names are synthetic.
 */
describe('live subscriptions', () => {
  let api: ApiHarness;
  const ids: Record<string, string> = {};
  const clients: Client[] = [];
  const open = (who: ApiClient | undefined, csrfToken?: string) => {
    const client = liveClient(api.url, who, csrfToken ?? who?.credentials?.csrfToken);
    clients.push(client);
    return client;
  };
  const category = `e2e_live_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    api = await openApi();
    ids.area = (await api.ok(`mutation { registerArea(input: { name: "Live Test Borough" }) { id } }`)).registerArea.id;
    ids.team = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Live Test Team" }) { id } }`, { a: ids.area })).formTeam.id;
    ids.otherTeam = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Other Live Team" }) { id } }`, { a: ids.area })).formTeam.id;
    ids.org = (
      await api.ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { name: 'Synthetic Live Service', kind: 'OTHER', areaId: ids.area } })
    ).registerOrganisation.id;
    await api.ok(`mutation($i: AddCategoryInput!) { addCategory(input: $i) { id } }`, { i: { categoryId: category, name: 'Live', polarity: 'BARRIER' } });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await api?.close();
  });

  const observe = () =>
    api.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
      i: { kind: 'BARRIER', organisationId: ids.org, areaId: ids.area, categoryId: category, whatHappened: 'Synthetic words', impact: 'Synthetic impact', severity: 2, occurredOn: '2026-03-02' },
    });

  it('sends an influencer each new observation without its words, and theme changes to a leader', async () => {
    const influencer = await api.as([{ role: 'influencer' }]);
    const leader = await api.as([{ role: 'leader' }]);
    const observations = collect<{ observationRecorded: Record<string, unknown> }>(
      open(influencer),
      'subscription { observationRecorded { observationId kind organisationId areaId categoryId occurredOn recordedAt } }',
      1,
    );
    const themes = collect<{ themeChanged: Record<string, unknown> }>(open(leader), 'subscription { themeChanged { themeId change name status } }', 2);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const recorded = (await observe()).recordObservation.id;
    const [notice] = await observations.received;
    expect(notice.observationRecorded).toMatchObject({ observationId: recorded, kind: 'barrier', organisationId: ids.org, categoryId: category, occurredOn: '2026-03-02' });
    expect(JSON.stringify(notice)).not.toContain('Synthetic words');

    const themeId = (await api.ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, { i: { name: `Live theme ${randomUUID().slice(0, 6)}`, observationIds: [recorded] } })).proposeTheme.id;
    await api.ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: themeId });
    const changes = await themes.received;
    expect(changes.map((c) => c.themeChanged)).toEqual([
      expect.objectContaining({ themeId, change: 'proposed' }),
      expect.objectContaining({ themeId, change: 'confirmed', status: 'confirmed' }),
    ]);
  }, 60_000);

  it('refuses a connection without the session\'s CSRF token, and a subscription the role may not make', async () => {
    const influencer = await api.as([{ role: 'influencer' }]);
    const forged = collect(open(influencer, 'not-the-token'), 'subscription { themeChanged { themeId } }', 1);
    expect(await forged.errors).toMatchObject({ code: 4403 });

    const admin = await api.as([{ role: 'admin' }]);
    const refused = collect(open(admin), 'subscription { observationRecorded { observationId } }', 1);
    expect(await refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  }, 60_000);

  it('sends a coach only the observations about people in their own team', async () => {
    const coach = await api.as([{ role: 'coach', teamId: ids.team }]);
    const mine = collect<{ observationRecorded: { observationId: string } }>(open(coach), 'subscription { observationRecorded { observationId } }', 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const coachId = (await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Live Coach", joinedOn: "2026-01-02" }) { id } }`, { t: ids.otherTeam })).addCoach.id;
    await api.coachIn(ids.otherTeam);
    const person = randomUUID();
    await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: { personId: person, displayName: 'Synthetic Person', referralSource: 'SELF', areaId: ids.area, teamId: ids.otherTeam, coachId, joinedOn: '2026-01-05', consentToHoldInformation: true, consentToShareWordsAnonymised: false },
    });
    // Someone else's person: not sent. Then one the coach recorded themselves: sent.
    await api.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
      i: { kind: 'BARRIER', organisationId: ids.org, areaId: ids.area, categoryId: category, whatHappened: 'w', impact: 'i', severity: 2, occurredOn: '2026-03-02', personId: person },
    });
    const own = await coach.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
      i: { kind: 'BARRIER', organisationId: ids.org, areaId: ids.area, categoryId: category, whatHappened: 'w', impact: 'i', severity: 2, occurredOn: '2026-03-02' },
    });
    expect((await mine.received).map((m) => m.observationRecorded.observationId)).toEqual([own.recordObservation.id]);
  }, 60_000);
});
