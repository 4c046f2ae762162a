import { randomUUID } from 'node:crypto';
import { type RecordedEvent, UpcasterRegistry, ValidationError } from '#libs/kernel';
import { captureUpcasters } from '#libs/capture';
import { openEmbeddedEventStore, openPostgresEventStore } from '#libs/event-store';
import { ProjectionRunner } from '#libs/projections';
import { BACKENDS, openProjectionHarness, type ProjectionHarness, untilReadable } from '../../../projections/src/testing/index.js';
import { outcomesProjection } from './outcomes.projection.js';
import { type OutcomeDashboard, OutcomeDashboardQueries, type OutcomePeriod } from './outcomes.queries.js';

const sealed = (label: string) => `pd1.subject.iv.tag.${label}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('outcome dashboard read model (%s)', (backend) => {
  let h: ProjectionHarness;
  let queries: OutcomeDashboardQueries;
  const team = { a: randomUUID(), b: randomUUID() };
  const area = { north: randomUUID(), south: randomUUID() };
  const p = Object.fromEntries(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map((k) => [k, randomUUID()])) as Record<string, string>;

  beforeEach(async () => {
    h = await openProjectionHarness(backend, [outcomesProjection]);
    queries = new OutcomeDashboardQueries(h.db);
  });
  afterEach(() => h.dispose());

  const joined = (personId: string, teamId: string, areaId: string, joinedOn: string) => ({
    type: 'person.joined',
    data: { personId, displayName: sealed('name'), contact: {}, referralSource: 'gp', areaId, teamId, coachId: randomUUID(), joinedOn },
  });
  const started = (personId: string, startedOn: string) => ({ type: 'coaching.started', data: { personId, coachId: randomUUID(), startedOn } });
  const ended = (ending: string, endedOn: string) => ({ type: 'coaching.ended', data: { ending, endedOn, endingConversationHeld: true } });
  const connection = (madeOn: string) => ({
    type: 'connection.made',
    data: { connectionId: randomUUID(), kind: 'community_group', description: sealed('group'), madeOn },
  });
  const checkIn = (checkedInOn: string, score: number) => ({
    type: 'wellbeing.checked_in',
    data: { checkInId: randomUUID(), scale: 'wemwbs', checkedInOn, rawScore: score, score, answers: sealed('answers') },
  });
  const request = (requestId: string, personId: string, purposeCategory: string) => ({
    type: 'budget.requested',
    data: { requestId, personId, purpose: sealed('purpose'), purposeCategory, amountPence: 20_000, requestedOn: '2026-01-10' },
  });
  const spent = (requestId: string, amountPence: number, spentOn: string) => ({
    type: 'budget.spent',
    data: { requestId, spendId: randomUUID(), amountPence, onWhat: sealed('what'), spentOn },
  });

  /**
   * Five people join team A (north) in January, a sixth team B (south) in February; one moves to
   * team B in February. Relationships start, end (planned after 30 days, moved on after 10, lost
   * contact after 61) and one reopens; connections are made; team A's pot pays for two people
   * (driving lessons, household items); two people check in twice.
   */
  async function givenAQuarter(): Promise<RecordedEvent[]> {
    const r1 = randomUUID();
    const r2 = randomUUID();
    return [
      ...(await h.given(`person-${p.p1}`, joined(p.p1, team.a, area.north, '2026-01-05'))),
      ...(await h.given(`person-${p.p2}`, joined(p.p2, team.a, area.north, '2026-01-06'))),
      ...(await h.given(`person-${p.p3}`, joined(p.p3, team.a, area.north, '2026-01-07'))),
      ...(await h.given(`person-${p.p4}`, joined(p.p4, team.a, area.north, '2026-01-08'))),
      ...(await h.given(`person-${p.p5}`, joined(p.p5, team.a, area.north, '2026-01-09'))),
      ...(await h.given(`person-${p.p6}`, joined(p.p6, team.b, area.south, '2026-02-10'))),
      ...(await h.given(`coaching-${p.p1}`, started(p.p1, '2026-01-05'), ended('planned_with_person', '2026-02-04'), {
        type: 'coaching.reopened',
        data: { reopenedOn: '2026-03-01', coachId: randomUUID() },
      })),
      ...(await h.given(`coaching-${p.p2}`, started(p.p2, '2026-01-06'), ended('lost_contact', '2026-03-08'))),
      ...(await h.given(`coaching-${p.p3}`, started(p.p3, '2026-01-07'))),
      ...(await h.given(`coaching-${p.p6}`, started(p.p6, '2026-02-10'), ended('moved_on', '2026-02-20'))),
      ...(await h.given(`person-${p.p4}`, {
        type: 'person.moved_area',
        data: { areaId: area.south, teamId: team.b, coachId: randomUUID(), movedOn: '2026-02-15' },
      })),
      ...(await h.given(`growth-${p.p4}`, connection('2026-03-02'))),
      ...(await h.given(`growth-${p.p5}`, connection('2026-01-20'))),
      ...(await h.given(
        `budget-${team.a}`,
        { type: 'budget.funded', data: { amountPence: 100_000, source: 'Grant', fundedOn: '2026-01-02' } },
        request(r1, p.p1, 'driving_lessons'),
        spent(r1, 12_050, '2026-01-25'),
        request(r2, p.p2, 'household'),
        spent(r2, 4_000, '2026-02-14'),
      )),
      ...(await h.given(`wellbeing-${p.p1}`, checkIn('2026-01-05', 40), checkIn('2026-03-01', 47))),
      ...(await h.given(`wellbeing-${p.p2}`, checkIn('2026-01-06', 45), checkIn('2026-02-20', 44))),
      ...(await h.given(`wellbeing-${p.p3}`, checkIn('2026-01-07', 38))),
    ];
  }

  const quarter = (extra: { asOf?: Date; teamId?: string; areaId?: string } = {}) =>
    queries.dashboard({ period: 'month', from: '2026-01-01', to: '2026-03-31', ...extra });

  /** A period in short: the counts, without the flags. */
  const counts = (period: OutcomePeriod) => ({
    label: period.label,
    joined: period.peopleJoined.count,
    started: period.relationshipsStarted.count,
    ended: period.relationshipsEnded.count,
    endings: Object.fromEntries(period.endings.map((e) => [e.ending, e.count])),
    medianDays: period.relationshipLength.medianDays,
    connections: period.connections.made,
    spentPence: period.budgetSpend.spentPence,
    byCategory: Object.fromEntries(period.budgetSpendByCategory.map((c) => [c.category, c.spentPence])),
    wellbeing: period.wellbeing.map((w) => `${w.scale} n=${w.people} change=${w.meanChange}`),
  });

  it('given a quarter of capture events, then each month counts what happened in it, and the total the whole range', async () => {
    await givenAQuarter();
    await h.runner.catchUp();
    const dashboard = await quarter();
    expect(dashboard.periods.map(counts)).toEqual([
      { label: '2026-01', joined: 5, started: 3, ended: 0, endings: {}, medianDays: null, connections: 1, spentPence: 12_050, byCategory: { driving_lessons: 12_050 }, wellbeing: [] },
      {
        label: '2026-02',
        joined: 1,
        started: 1,
        ended: 2,
        endings: { planned_with_person: 1, moved_on: 1 },
        medianDays: 20,
        connections: 0,
        spentPence: 4_000,
        byCategory: { household: 4_000 },
        wellbeing: ['wemwbs n=1 change=-1'],
      },
      {
        label: '2026-03',
        joined: 0,
        started: 1,
        ended: 1,
        endings: { lost_contact: 1 },
        medianDays: 61,
        connections: 1,
        spentPence: 0,
        byCategory: {},
        wellbeing: ['wemwbs n=1 change=7'],
      },
    ]);
    expect(counts(dashboard.total)).toEqual({
      label: '2026-01-01/2026-03-31',
      joined: 6,
      started: 5,
      ended: 3,
      endings: { lost_contact: 1, moved_on: 1, planned_with_person: 1 },
      medianDays: 30,
      connections: 2,
      spentPence: 16_050,
      byCategory: { driving_lessons: 12_050, household: 4_000 },
      wellbeing: ['wemwbs n=2 change=3'],
    });
    expect(dashboard.total.wellbeing[0]).toMatchObject({ movingTowardsNationalAverage: 1, shareMovingTowardsNationalAverage: 0.5, small: true });
    expect(dashboard.total.peopleJoined).toEqual({ count: 6, small: false });
    expect(dashboard.total.budgetSpend).toEqual({ spentPence: 16_050, spends: 2, people: 2, small: true });
    expect(dashboard.total.budgetSpendByCategory).toEqual([
      { category: 'driving_lessons', spentPence: 12_050, spends: 1, people: 1, small: true },
      { category: 'household', spentPence: 4_000, spends: 1, people: 1, small: true },
    ]);

    // Aggregates only: no person id anywhere in the answer.
    const answer = JSON.stringify(dashboard);
    for (const personId of Object.values(p)) expect(answer).not.toContain(personId);
  });

  it('given a team or an area, then each fact counts where the person was when it happened, and spend where its pot is', async () => {
    await givenAQuarter();
    await h.runner.catchUp();
    const teamB = await quarter({ teamId: team.b });
    expect(teamB.total.budgetSpendByCategory).toEqual([]);
    expect(teamB.periods.map(counts).map(({ label, joined, started, ended, connections, spentPence }) => ({ label, joined, started, ended, connections, spentPence }))).toEqual([
      { label: '2026-01', joined: 0, started: 0, ended: 0, connections: 0, spentPence: 0 },
      { label: '2026-02', joined: 1, started: 1, ended: 1, connections: 0, spentPence: 0 },
      // The person who moved to team B in February made their connection in March.
      { label: '2026-03', joined: 0, started: 0, ended: 0, connections: 1, spentPence: 0 },
    ]);
    expect(counts((await quarter({ areaId: area.south })).total)).toEqual(counts(teamB.total));
    const teamA = await quarter({ teamId: team.a });
    expect(counts(teamA.total)).toMatchObject({
      joined: 5,
      started: 4,
      ended: 2,
      connections: 1,
      spentPence: 16_050,
      byCategory: { driving_lessons: 12_050, household: 4_000 },
      wellbeing: ['wemwbs n=2 change=3'],
    });
    expect(teamA.teamId).toBe(team.a);
  });

  it('given an answer as of a moment, when later events arrive (some dated earlier), then the answer as of that moment does not change', async () => {
    await givenAQuarter();
    await h.runner.catchUp();
    await pause(20);
    const moment = new Date();
    await pause(20);
    const asOfBefore = await quarter({ asOf: moment });
    const teamAAsOfBefore = await quarter({ asOf: moment, teamId: team.a });

    const r3 = randomUUID();
    await h.given(`person-${p.p7}`, joined(p.p7, team.a, area.north, '2026-01-10'));
    await h.given(`coaching-${p.p3}`, ended('planned_with_person', '2026-03-20'));
    await h.given(`wellbeing-${p.p3}`, checkIn('2026-03-21', 50));
    await h.given(`growth-${p.p1}`, connection('2026-01-15'));
    await h.given(`budget-${team.a}`, request(r3, p.p7, 'driving_lessons'), spent(r3, 2_500, '2026-01-30'));
    await h.given(`person-${p.p2}`, { type: 'person.moved_area', data: { areaId: area.south, teamId: team.b, coachId: randomUUID(), movedOn: '2026-02-01' } });
    await h.runner.catchUp();

    const asOfAfter = await quarter({ asOf: moment });
    expect(asOfAfter).toEqual(asOfBefore);
    expect(await quarter({ asOf: moment, teamId: team.a })).toEqual(teamAAsOfBefore);

    const now = await quarter();
    expect(counts(now.periods[0])).toMatchObject({ joined: 6, connections: 2, spentPence: 14_550, byCategory: { driving_lessons: 14_550 } });
    expect(now.periods[0].budgetSpendByCategory).toEqual([{ category: 'driving_lessons', spentPence: 14_550, spends: 2, people: 2, small: true }]);
    expect(asOfBefore.periods[0].budgetSpendByCategory).toEqual([{ category: 'driving_lessons', spentPence: 12_050, spends: 1, people: 1, small: true }]);
    expect(counts(now.periods[2])).toMatchObject({ ended: 2, wellbeing: ['wemwbs n=2 change=9.5'] });
    expect(asOfBefore.asOf).toEqual(moment);
    // Now the second person counts in team B from February, where they moved.
    expect(counts((await quarter({ teamId: team.a })).total).wellbeing).toEqual(['wemwbs n=2 change=9.5']);
    expect(counts(teamAAsOfBefore.total).wellbeing).toEqual(['wemwbs n=2 change=3']);
  });

  it('given a request stored before purpose categories (budget.requested version 1), then its spend counts as unspecified once read through the upcasters', async () => {
    // The harness appends raw (version 1); the runner now reads through a store with capture's upcasters, as the product does.
    const upcasters = new UpcasterRegistry().register(...captureUpcasters());
    const upcasting = backend === 'embedded' ? await openEmbeddedEventStore({ database: h.db, upcasters }) : await openPostgresEventStore({ database: h.db, upcasters });
    await h.runner.stop();
    h.runner = new ProjectionRunner(upcasting, h.db, [outcomesProjection], { idleWaitMs: 200 });
    await h.runner.prepare();
    const [old, current] = [randomUUID(), randomUUID()];
    const stream = `budget-${team.a}`;
    await h.given(
      stream,
      { type: 'budget.requested', data: { requestId: old, personId: p.p1, purpose: sealed('purpose'), amountPence: 20_000, requestedOn: '2026-01-10' } },
      spent(old, 3_000, '2026-01-20'),
    );
    // A request made since, at the version new ones are written with.
    const commandId = randomUUID();
    const metadata = { actor: 'system:test', commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-03-02T10:00:00.000Z' };
    const latest = await upcasting.append(
      stream,
      [request(current, p.p2, 'travel'), spent(current, 1_000, '2026-01-21')].map((e) => ({ ...e, schemaVersion: upcasters.currentVersion(e.type), metadata })),
      'any',
    );
    await untilReadable(upcasting, latest.position);
    await h.runner.catchUp();
    expect((await quarter()).total.budgetSpendByCategory).toEqual([
      { category: 'unspecified', spentPence: 3_000, spends: 1, people: 1, small: true },
      { category: 'travel', spentPence: 1_000, spends: 1, people: 1, small: true },
    ]);
  });

  it('given the same events delivered twice, then nothing doubles and no relationship length is worked out again', async () => {
    const events = await givenAQuarter();
    await h.runner.catchUp();
    const before = await quarter();
    const tables = ['facts', 'placements', 'checkins', 'spells', 'requests'];
    const snapshot = async () =>
      Promise.all(tables.map((t) => h.rows(`SELECT * FROM learning_outcomes_${t} ORDER BY 1, 2`)));
    const stored = await snapshot();
    expect(await h.runner.deliver('learning_outcomes', events)).toBe(0);
    // And the projection itself is idempotent, should a batch ever be applied again.
    await h.db.transaction((tx) => outcomesProjection.apply(events, { tx, table: (name) => `learning_outcomes_${name}` }));
    expect(await snapshot()).toEqual(stored);
    expect(await quarter()).toEqual({ ...before, asOf: expect.any(Date) });
  });

  it('refuses a range that ends before it starts, more than 120 periods, an unknown period and ids that are not ids, naming each', async () => {
    const problems = async (args: Parameters<OutcomeDashboardQueries['dashboard']>[0]) => {
      const error = await queries.dashboard(args).then(
        (answer: OutcomeDashboard) => answer,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems.map((problem) => problem.field);
    };
    expect(await problems({ period: 'month', from: '2026-03-01', to: '2026-02-01' })).toEqual(['to']);
    expect(await problems({ period: 'month', from: '2016-01-01', to: '2026-01-31' })).toEqual(['to']);
    expect(await problems({ period: 'quarter', from: '2000-01-01', to: '2030-01-01' })).toEqual(['to']);
    expect((await queries.dashboard({ period: 'quarter', from: '2000-01-01', to: '2029-12-31' })).periods).toHaveLength(120);
    expect(await problems({ period: 'week', from: '2026-02-30', to: '2026-03-01', teamId: 'team-a', areaId: 'north' })).toEqual([
      'period',
      'from',
      'teamId',
      'areaId',
    ]);
  });
});
