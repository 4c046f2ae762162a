import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import type { ReportContent, ReportDrafted } from './report.events.js';
import { reportsProjection } from './reports.projection.js';

const sealed = (label: string) => `pd1.subject.iv.tag.${label}`;

describe.each(BACKENDS)('reports read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const ids = { org: randomUUID(), area: randomUUID(), person: randomUUID(), otherPerson: randomUUID(), theme: randomUUID(), action: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [reportsProjection]);
  });
  afterEach(() => h.dispose());

  const drafted = (reportId: string): { type: string; data: ReportDrafted } => ({
    type: 'report.drafted',
    data: {
      reportId,
      title: 'Feedback for a synthetic service',
      audience: 'organisation',
      organisationId: ids.org,
      areaIds: [ids.area],
      from: '2026-01-01',
      to: '2026-03-31',
      whatMightHelp: 'One named contact through a move.',
    },
  });
  const content: ReportContent = {
    threshold: 5,
    from: '2026-01-01',
    to: '2026-03-31',
    previousFrom: '2025-10-03',
    previousTo: '2025-12-31',
    themes: [{ themeId: ids.theme, name: 'Asked to retell the story', count: { value: 12, suppressed: false }, previousCount: { value: null, suppressed: true }, trend: null }],
    impacts: [{ key: 'crisis', label: 'Reached a crisis', count: { value: 7, suppressed: false } }],
    brightSpots: [],
    brightSpotsTotal: { value: 0, suppressed: false },
    whatMightHelp: 'One named contact through a move.',
  };
  const shared = (reportId: string) => ({
    type: 'report.shared',
    data: {
      reportId,
      title: 'Feedback for a synthetic service',
      audience: 'organisation',
      organisationId: ids.org,
      areaIds: [ids.area],
      content,
      quotes: [
        { observationId: randomUUID(), personId: ids.person, text: sealed('quote-1') },
        { observationId: randomUUID(), personId: ids.otherPerson, text: sealed('quote-2') },
      ],
      sharedOn: '2026-04-06',
      responseDueOn: '2026-05-04',
    },
  });
  const consent = (toShareWordsAnonymised: boolean) => ({
    type: 'person.consent_recorded',
    data: { toHoldInformation: true, toShareWordsAnonymised, recordedOn: '2026-01-05' },
  });
  const report = async (reportId: string) =>
    (
      await h.rows<Record<string, unknown>>(
        `SELECT status, audience, title, organisation_id, area_ids, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to,
                what_might_help, quote_ids, content, to_char(shared_on, 'YYYY-MM-DD') AS shared_on, to_char(response_due_on, 'YYYY-MM-DD') AS response_due_on,
                acknowledged_at IS NOT NULL AS acknowledged, response, to_char(responded_on, 'YYYY-MM-DD') AS responded_on, revision
           FROM reports_reports WHERE report_id = $1`,
        [reportId],
      )
    )[0];
  const quotes = (reportId: string) =>
    h.rows<{ person_id: string; text: string | null; shareable: boolean }>(
      `SELECT q.person_id, q.text, coalesce(p.share_words, false) AND NOT coalesce(p.forgotten, false) AS shareable
         FROM reports_quotes q LEFT JOIN reports_people p ON p.person_id = q.person_id WHERE q.report_id = $1 ORDER BY q.position`,
      [reportId],
    );

  it('given a report drafted and edited, then it is a draft with the edits; given it discarded, then it says so', async () => {
    const id = randomUUID();
    const chosen = randomUUID();
    await h.given(`report-${id}`, drafted(id), { type: 'report.edited', data: { reportId: id, changes: { title: 'A better title', quoteObservationIds: [chosen] } } });
    await h.runner.catchUp();
    expect(await report(id)).toMatchObject({
      status: 'draft',
      audience: 'organisation',
      title: 'A better title',
      organisation_id: ids.org,
      area_ids: [ids.area],
      period_from: '2026-01-01',
      period_to: '2026-03-31',
      quote_ids: [chosen],
      content: null,
      shared_on: null,
      revision: 1,
    });
    await h.given(`report-${id}`, { type: 'report.discarded', data: { reportId: id } });
    await h.runner.catchUp();
    expect(await report(id)).toMatchObject({ status: 'discarded', revision: 2 });
  });

  it('given a report shared, acknowledged, responded to, with an action agreed, done and checked, then the read model holds all of it', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`person-${ids.otherPerson}`, consent(true));
    await h.given(
      `report-${id}`,
      drafted(id),
      shared(id),
      { type: 'report.acknowledged', data: { reportId: id } },
      { type: 'report.responded', data: { reportId: id, response: 'We will look at how moves are handled.' } },
      { type: 'report.action_agreed', data: { reportId: id, actionId: ids.action, what: 'Keep one contact', owner: 'Team lead', dueOn: '2026-06-30', themeId: ids.theme, agreedOn: '2026-04-20' } },
      { type: 'report.action_done', data: { reportId: id, actionId: ids.action, doneOn: '2026-05-01' } },
      {
        type: 'report.change_checked',
        data: {
          reportId: id,
          actionId: ids.action,
          themeId: ids.theme,
          countedThemeId: ids.theme,
          outcome: 'closed',
          pValue: 0.0002,
          pValueFall: 0.0002,
          pValueRise: 0.9999,
          alpha: 0.05,
          weeks: 12,
          before: { from: '2026-01-26', to: '2026-04-19', count: 30 },
          after: { from: '2026-05-02', to: '2026-07-24', count: 8 },
        },
      },
    );
    await h.runner.catchUp();
    expect(await report(id)).toMatchObject({
      status: 'shared',
      content,
      shared_on: '2026-04-06',
      response_due_on: '2026-05-04',
      acknowledged: true,
      response: 'We will look at how moves are handled.',
      responded_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      revision: 6,
    });
    expect(await h.rows(`SELECT to_char(agreed_on, 'YYYY-MM-DD') AS agreed_on, to_char(done_on, 'YYYY-MM-DD') AS done_on, theme_id FROM reports_actions WHERE report_id = $1`, [id])).toEqual([
      { agreed_on: '2026-04-20', done_on: '2026-05-01', theme_id: ids.theme },
    ]);
    expect(await h.rows('SELECT outcome, before_count, after_count, p_value, weeks FROM reports_checks WHERE report_id = $1', [id])).toEqual([
      { outcome: 'closed', before_count: 30, after_count: 8, p_value: 0.0002, weeks: 12 },
    ]);
    expect(await quotes(id)).toEqual([
      { person_id: ids.person, text: sealed('quote-1'), shareable: true },
      { person_id: ids.otherPerson, text: sealed('quote-2'), shareable: true },
    ]);
  });

  it('given a person withdraws consent after sharing, then their quote is no longer shareable; given they are forgotten, then their words are gone and others\' stay', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`person-${ids.otherPerson}`, consent(true));
    await h.given(`report-${id}`, drafted(id), shared(id));
    await h.given(`person-${ids.otherPerson}`, consent(false));
    await h.runner.catchUp();
    expect((await quotes(id)).map((q) => q.shareable)).toEqual([true, false]);

    await h.given(`person-${ids.person}`, { type: 'person.forgotten', data: { personId: ids.person, reason: 'person_asked' } });
    await h.runner.catchUp();
    expect(await quotes(id)).toEqual([
      { person_id: ids.person, text: null, shareable: false },
      { person_id: ids.otherPerson, text: sealed('quote-2'), shareable: false },
    ]);
  });

  it('given a person forgotten before a report quoting them is applied, then the quote is kept without their words', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true), { type: 'person.forgotten', data: { personId: ids.person } });
    await h.given(`report-${id}`, drafted(id), shared(id));
    await h.runner.catchUp();
    expect((await quotes(id))[0]).toEqual({ person_id: ids.person, text: null, shareable: false });
  });

  it('given the same events delivered twice, then nothing doubles and no change is applied twice', async () => {
    const id = randomUUID();
    const consented = await h.given(`person-${ids.person}`, consent(true));
    const events = await h.given(
      `report-${id}`,
      drafted(id),
      shared(id),
      { type: 'report.action_agreed', data: { reportId: id, actionId: ids.action, what: 'Keep one contact', owner: 'Team lead', dueOn: '2026-06-30', agreedOn: '2026-04-20' } },
      { type: 'report.action_done', data: { reportId: id, actionId: ids.action, doneOn: '2026-05-01' } },
      { type: 'report.responded', data: { reportId: id, response: 'Thank you.' } },
    );
    await h.runner.catchUp();
    const all = [...consented, ...events];
    expect(await h.runner.deliver('reports', all)).toBe(0);
    // And the projection itself is idempotent, should a batch ever be applied again.
    await h.db.transaction((tx) => reportsProjection.apply(all, { tx, table: (name) => `reports_${name}` }));
    expect(await h.rows('SELECT 1 FROM reports_reports')).toHaveLength(1);
    expect(await h.rows('SELECT 1 FROM reports_actions')).toHaveLength(1);
    expect(await h.rows('SELECT 1 FROM reports_quotes')).toHaveLength(2);
    expect(await report(id)).toMatchObject({ status: 'shared', response: 'Thank you.', revision: 4 });
  });
});
