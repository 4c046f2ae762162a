import { randomUUID } from 'node:crypto';
import { type RecordedEvent, ValidationError } from '#libs/kernel';
import { BACKENDS, openProjectionHarness, type ProjectionHarness, untilReadable } from '../../../projections/src/testing/index.js';
import type { ReflectionRecorded } from '../reflections/reflection.events.js';
import type { LearningTimelineConnection } from './timeline.graphql.js';
import { timelineProjection } from './timeline.projection.js';
import { LearningTimelineQueries } from './timeline.queries.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('learning timeline read model (%s)', (backend) => {
  let h: ProjectionHarness;
  let queries: LearningTimelineQueries;
  const ids = {
    theme: randomUUID(),
    report: randomUUID(),
    action: randomUUID(),
    organisation: randomUUID(),
    area: randomUUID(),
    reflection: randomUUID(),
    earlierReflection: randomUUID(),
  };

  beforeEach(async () => {
    h = await openProjectionHarness(backend, [timelineProjection]);
    queries = new LearningTimelineQueries(h.db);
  });
  afterEach(() => h.dispose());

  /** Appends events that happened at `occurredAt` (the harness's own `given` fixes one date for all). */
  async function givenAt(occurredAt: string, stream: string, ...events: Array<{ type: string; data: unknown }>): Promise<RecordedEvent[]> {
    const commandId = randomUUID();
    const metadata = { actor: 'user:leader-1', commandId, correlationId: commandId, causationId: commandId, occurredAt };
    const result = await h.store.append(
      stream,
      events.map((e) => ({ ...e, schemaVersion: 1, metadata })),
      'any',
    );
    await untilReadable(h.store, result.position);
    const all = await h.store.readStream(stream);
    return all.slice(all.length - events.length);
  }

  const reflection = (reflectionId: string, overrides: Partial<ReflectionRecorded> = {}): ReflectionRecorded => ({
    reflectionId,
    learningQuestion: 'Do named contacts keep people with the service after a move?',
    whatHappened: 'Housing options agreed a named contact; fewer withdrawals were observed.',
    insight: 'A named contact matters more than the referral form.',
    experiment: 'We will try asking every partner for a named contact.',
    themeIds: [ids.theme],
    reportIds: [ids.report],
    occurredOn: '2026-03-25',
    ...overrides,
  });

  /** The whole learning loop once round, over three months. */
  async function givenTheLoop(): Promise<RecordedEvent[]> {
    return [
      ...(await givenAt('2026-01-15T09:00:00.000Z', `theme-${ids.theme}`, {
        type: 'theme.confirmed',
        data: { themeId: ids.theme, name: 'Support withdrawn after a move' },
      })),
      ...(await givenAt('2026-01-20T09:00:00.000Z', `reflection-${ids.earlierReflection}`, {
        type: 'reflection.recorded',
        data: reflection(ids.earlierReflection, {
          learningQuestion: 'Why do people stop engaging after moving borough?',
          experiment: undefined,
          decision: 'Raise it with housing options.',
          reportIds: [],
          occurredOn: '2026-01-20',
        }),
      })),
      ...(await givenAt('2026-02-01T09:00:00.000Z', `report-${ids.report}`, {
        type: 'report.shared',
        data: { reportId: ids.report, title: 'Housing options: winter feedback', organisationId: ids.organisation },
      })),
      ...(await givenAt('2026-02-10T09:00:00.000Z', `report-${ids.report}`, {
        type: 'report.action_agreed',
        // Recorded on the 10th; the service agreed it on the 9th: the timeline says the 9th.
        data: { reportId: ids.report, actionId: ids.action, what: 'A named contact for each referral', owner: 'Service manager', dueOn: '2026-04-30', agreedOn: '2026-02-09' },
      })),
      ...(await givenAt('2026-02-12T09:00:00.000Z', `theme-${ids.theme}`, {
        type: 'theme.status_changed',
        data: { themeId: ids.theme, from: 'confirmed', to: 'raised_with_services', note: 'Raised at the partnership meeting' },
      })),
      ...(await givenAt('2026-03-20T09:00:00.000Z', `report-${ids.report}`, {
        type: 'report.change_checked',
        data: { reportId: ids.report, actionId: ids.action, themeId: ids.theme, outcome: 'closed', pValue: 0.004 },
      })),
      ...(await givenAt('2026-03-26T09:00:00.000Z', `reflection-${ids.reflection}`, { type: 'reflection.recorded', data: reflection(ids.reflection) })),
    ];
  }

  /** The page in short: kind and date of each entry, newest first. */
  const outline = (page: LearningTimelineConnection) => page.edges.map((e) => `${e.node.on} ${e.node.kind}`);

  it('given the loop once round and two reflections, then the timeline interleaves them newest first, naming themes, reports and actions', async () => {
    await givenTheLoop();
    await h.runner.catchUp();
    const page = await queries.list({});
    expect(outline(page)).toEqual([
      '2026-03-25 reflection',
      '2026-03-20 change_checked',
      '2026-02-12 theme_status_changed',
      '2026-02-09 action_agreed',
      '2026-02-01 report_shared',
      '2026-01-20 reflection',
      '2026-01-15 theme_confirmed',
    ]);
    expect(page.totalCount).toBe(7);
    const theme = { id: ids.theme, name: 'Support withdrawn after a move' };
    const report = { id: ids.report, title: 'Housing options: winter feedback', organisationId: ids.organisation, areaIds: [] };
    const [latest, checked, raised, agreed, shared, earlier, confirmed] = page.edges.map((e) => e.node);
    expect(latest.reflection).toEqual({
      id: ids.reflection,
      revision: 0,
      learningQuestion: 'Do named contacts keep people with the service after a move?',
      whatHappened: 'Housing options agreed a named contact; fewer withdrawals were observed.',
      insight: 'A named contact matters more than the referral form.',
      decision: null,
      experiment: 'We will try asking every partner for a named contact.',
      themes: [theme],
      reports: [report],
      occurredOn: '2026-03-25',
      recordedBy: 'user:leader-1',
      revisedAt: null,
      revisionReason: null,
      withdrawal: null,
    });
    expect(checked).toMatchObject({
      theme,
      report,
      action: { id: ids.action, what: 'A named contact for each referral', owner: 'Service manager', dueOn: '2026-04-30' },
      changeCheck: { outcome: 'closed', pValue: 0.004 },
    });
    expect(raised).toMatchObject({ theme, themeStatusChange: { from: 'confirmed', to: 'raised_with_services', note: 'Raised at the partnership meeting' } });
    expect(agreed).toMatchObject({ report, action: { id: ids.action, what: 'A named contact for each referral' } });
    expect(shared).toMatchObject({ report });
    expect(earlier.reflection).toMatchObject({ decision: 'Raise it with housing options.', experiment: null, reports: [] });
    expect(confirmed).toMatchObject({ theme, recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/) });
  });

  it('given more entries than a page, then cursor paging walks them all once, newest first, and from..to narrows them', async () => {
    await givenTheLoop();
    await h.runner.catchUp();
    const all = outline(await queries.list({ first: 100 }));
    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: LearningTimelineConnection = await queries.list({ first: 3, after });
      walked.push(...outline(page));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(pages).toBe(3);
    expect(walked).toEqual(all);

    const february = await queries.list({ from: '2026-02-01', to: '2026-02-28' });
    expect(outline(february)).toEqual(['2026-02-12 theme_status_changed', '2026-02-09 action_agreed', '2026-02-01 report_shared']);
    expect(february.totalCount).toBe(3);
  });

  it('given an answer as of a moment, when later events revise, withdraw, rename and add, then the answer as of that moment does not change', async () => {
    await givenTheLoop();
    await h.runner.catchUp();
    const before = await queries.list({});
    await pause(20);
    const moment = new Date();
    await pause(20);
    await givenAt('2026-03-27T09:00:00.000Z', `reflection-${ids.reflection}`, {
      type: 'reflection.revised',
      data: { reflectionId: ids.reflection, corrections: { insight: 'A named contact matters most.', occurredOn: '2026-03-24' }, reason: 'Clearer' },
    });
    await givenAt('2026-03-27T09:00:00.000Z', `reflection-${ids.earlierReflection}`, {
      type: 'reflection.withdrawn',
      data: { reflectionId: ids.earlierReflection, reason: 'Recorded twice' },
    });
    await givenAt('2026-03-27T09:00:00.000Z', `theme-${ids.theme}`, { type: 'theme.redefined', data: { themeId: ids.theme, name: 'Support lost on moving' } });
    const laterReport = randomUUID();
    await givenAt('2026-03-28T09:00:00.000Z', `report-${laterReport}`, {
      type: 'report.shared',
      data: { reportId: laterReport, title: 'Area summary for the commissioner', areaIds: [ids.area] },
    });
    await h.runner.catchUp();

    const asOfThen = await queries.list({ asOf: moment });
    expect({ ...asOfThen, asOf: undefined }).toEqual({ ...before, asOf: undefined });
    expect(asOfThen.asOf).toEqual(moment);

    const now = await queries.list({});
    expect(outline(now)).toEqual([
      '2026-03-28 report_shared',
      '2026-03-24 reflection',
      '2026-03-20 change_checked',
      '2026-02-12 theme_status_changed',
      '2026-02-09 action_agreed',
      '2026-02-01 report_shared',
      '2026-01-15 theme_confirmed',
    ]);
    const revised = now.edges[1].node.reflection!;
    expect(revised).toMatchObject({ revision: 1, insight: 'A named contact matters most.', occurredOn: '2026-03-24' });
    expect(revised.revisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(revised.themes).toEqual([{ id: ids.theme, name: 'Support lost on moving' }]);
    // The confirmation itself keeps the name it was confirmed with.
    expect(now.edges[6].node.theme).toEqual({ id: ids.theme, name: 'Support withdrawn after a move' });
    expect(now.edges[0].node.report).toEqual({ id: laterReport, title: 'Area summary for the commissioner', organisationId: null, areaIds: [ids.area] });

    // Before anything was recorded, there was nothing.
    const beforeAll = await queries.list({ asOf: new Date('2020-01-01T00:00:00Z') });
    expect(beforeAll.edges).toEqual([]);
    expect(beforeAll.totalCount).toBe(0);
  });

  it('given a reflection revised with a reason, then again without one, and another withdrawn, then each reason is read back as of each moment, withdrawn ones only when asked for', async () => {
    await givenTheLoop();
    await h.runner.catchUp();
    const reflectionOf = (page: LearningTimelineConnection, id: string) => page.edges.find((e) => e.node.id === id)?.node.reflection;
    await pause(20);
    const beforeAnyChange = new Date();
    await pause(20);
    await givenAt('2026-03-27T09:00:00.000Z', `reflection-${ids.reflection}`, {
      type: 'reflection.revised',
      data: { reflectionId: ids.reflection, corrections: { insight: 'A named contact matters most.' }, reason: 'The insight was too long' },
    });
    await h.runner.catchUp();
    await pause(20);
    const afterFirstRevision = new Date();
    await pause(20);
    await givenAt('2026-03-28T09:00:00.000Z', `reflection-${ids.reflection}`, {
      type: 'reflection.revised',
      data: { reflectionId: ids.reflection, corrections: { decision: 'Ask every partner for a named contact.' } },
    });
    await givenAt('2026-03-28T09:00:00.000Z', `reflection-${ids.earlierReflection}`, {
      type: 'reflection.revised',
      data: { reflectionId: ids.earlierReflection, corrections: { insight: 'Moving borough ends support.' }, reason: 'Said plainly' },
    });
    await givenAt('2026-03-29T09:00:00.000Z', `reflection-${ids.earlierReflection}`, {
      type: 'reflection.withdrawn',
      data: { reflectionId: ids.earlierReflection, reason: 'Recorded twice' },
    });
    await h.runner.catchUp();

    // Before any change: no reason of either kind.
    const then = await queries.list({ asOf: beforeAnyChange, includeWithdrawn: true });
    expect(reflectionOf(then, ids.reflection)).toMatchObject({ revision: 0, revisedAt: null, revisionReason: null, withdrawal: null });
    expect(reflectionOf(then, ids.earlierReflection)).toMatchObject({ revisionReason: null, withdrawal: null });

    // After the first revision: its reason.
    const revised = reflectionOf(await queries.list({ asOf: afterFirstRevision }), ids.reflection);
    expect(revised).toMatchObject({ revision: 1, insight: 'A named contact matters most.', revisionReason: 'The insight was too long', withdrawal: null });

    // Now: the latest revision gave no reason, so none is shown; the withdrawn one is left out.
    const now = await queries.list({});
    expect(reflectionOf(now, ids.reflection)).toMatchObject({ revision: 2, decision: 'Ask every partner for a named contact.', revisionReason: null, withdrawal: null });
    expect(reflectionOf(now, ids.earlierReflection)).toBeUndefined();
    expect(now.totalCount).toBe(6);

    // Asked for, the withdrawn one is listed with why, when and by whom, and keeps its last revision's reason and moment.
    const withWithdrawn = await queries.list({ includeWithdrawn: true });
    expect(withWithdrawn.totalCount).toBe(7);
    const withdrawn = reflectionOf(withWithdrawn, ids.earlierReflection)!;
    expect(withdrawn).toMatchObject({
      revision: 2,
      insight: 'Moving borough ends support.',
      revisionReason: 'Said plainly',
      withdrawal: { reason: 'Recorded twice', withdrawnBy: 'user:leader-1', withdrawnAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
    expect(withdrawn.revisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(withdrawn.revisedAt! < withdrawn.withdrawal!.withdrawnAt).toBe(true);
    expect(reflectionOf(withWithdrawn, ids.reflection)).toEqual(reflectionOf(now, ids.reflection));
  });

  it('given a reflection withdrawn without ever being revised, then listed with withdrawn ones it says it was never revised', async () => {
    await givenTheLoop();
    await givenAt('2026-03-29T09:00:00.000Z', `reflection-${ids.reflection}`, {
      type: 'reflection.withdrawn',
      data: { reflectionId: ids.reflection, reason: 'It drew on a report that was wrong' },
    });
    await h.runner.catchUp();
    const page = await queries.list({ includeWithdrawn: true });
    expect(page.edges[0].node.reflection).toMatchObject({
      id: ids.reflection,
      revisedAt: null,
      revisionReason: null,
      withdrawal: { reason: 'It drew on a report that was wrong' },
    });
  });

  it('given the same events delivered twice, then no entry doubles and no revision is applied twice', async () => {
    const loop = await givenTheLoop();
    const revised = await givenAt('2026-03-27T09:00:00.000Z', `reflection-${ids.reflection}`, {
      type: 'reflection.revised',
      data: { reflectionId: ids.reflection, corrections: { insight: 'A named contact matters most.' } },
    });
    const withdrawn = await givenAt('2026-03-27T09:00:00.000Z', `reflection-${ids.earlierReflection}`, {
      type: 'reflection.withdrawn',
      data: { reflectionId: ids.earlierReflection, reason: 'Recorded twice' },
    });
    await h.runner.catchUp();
    const once = await queries.list({});
    const rows = () => h.rows('SELECT entry_id, version, valid_from, valid_to, withdrawn, detail FROM learning_timeline_entries ORDER BY entry_id, version');
    const stored = await rows();
    const all = [...loop, ...revised, ...withdrawn];
    expect(await h.runner.deliver('learning_timeline', all)).toBe(0);
    // And the projection itself is idempotent, should a batch ever be applied again.
    await h.db.transaction((tx) => timelineProjection.apply(all, { tx, table: (name) => `learning_timeline_${name}` }));
    expect(await rows()).toEqual(stored);
    expect(stored).toHaveLength(9);
    expect(await queries.list({})).toEqual({ ...once, asOf: expect.any(Date) });
  });

  it('refuses a cursor it did not make, a range that ends before it starts, and a page size out of range, naming each', async () => {
    const refusal = await queries.list({ after: 'not-a-cursor', from: '2026-03-01', to: '2026-02-01', first: 0 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).problems.map((p) => p.field).sort()).toEqual(['after', 'first', 'to']);
  });
});
