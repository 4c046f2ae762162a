import { randomUUID } from 'node:crypto';
import { AccountsService } from '#libs/access';
import { commandContext } from '#libs/capture';
import { calendarDate } from '#libs/kernel';
import type { Grant } from '#libs/policy';
import { addWorkingDays, bankHolidaysBetween } from '#libs/statistics';
import { INFLUENCER_READER, ReportsQueries } from '#libs/reports';
import { type ApiClient, openApi, type ApiHarness, type GraphqlResult } from './api-harness.js';

/**
 * Feedback reports on the real server, end to end: observations → a confirmed theme → a draft
 * for a partner service with a preview and approved quotes → shared (frozen, suppressed) → the
 * service acknowledges, responds, agrees an action on the theme and marks it done → later
 * observations → the change is checked (a clear fall: closed). Partners of other services and
 * commissioners of other areas see nothing; no count below K ever shows; a forgotten person's
 * quote disappears from the shared report. All names and words are synthetic.
 */
describe('feedback reports through GraphQL and HTTP', () => {
  let api: ApiHarness;
  const K = 5;
  const DAY = 86_400_000;
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
  /** Today as the server counts it: in the organisation's time zone. */
  const today = () => calendarDate(new Date());
  const year = () => Number(today().slice(0, 4));
  const ids = { area: '', otherArea: '', team: '', coach: '', service: '', childService: '', otherService: '', theme: '', report: '', action: '', beforeShare: '' };
  const people = { first: randomUUID(), second: randomUUID() };
  const quotes = { first: 'Synthetic words: they asked me to tell it all again from the start', second: 'Synthetic words: the named contact made all the difference' };
  const clients: Record<string, Member> = {};

  const observe = async (occurredOn: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (
      await api.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
        i: {
          kind: 'BARRIER',
          organisationId: ids.service,
          areaId: ids.area,
          categoryId: 'waiting_times',
          whatHappened: 'Synthetic account of being asked to start again',
          impact: 'Synthetic impact',
          impactTags: ['CRISIS'],
          severity: 3,
          occurredOn,
          ...extra,
        },
      })
    ).recordObservation.id;
  const CONTENT = `content { frozen threshold from to previousFrom previousTo whatMightHelp
    themes { themeId name trend count { value suppressed } previousCount { value suppressed } }
    impacts { key label count { value suppressed } } brightSpots { key label count { value suppressed } } brightSpotsTotal { value suppressed }
    quotes { observationId text removed } }`;
  const CHECK = `outcome pValue weeks beforeFrom beforeTo afterFrom afterTo beforeCount { value suppressed } afterCount { value suppressed }`;
  const REPORT = `id status audience title organisationId areaIds from to sharedOn responseDueOn overdue acknowledgedAt respondedAt response
    actions { id what owner dueOn themeId agreedOn doneOn status lastCheck { ${CHECK} } } ${CONTENT}`;
  const report = (client: ApiClient, id = ids.report) => client.graphql(`query($id: ID!) { report(id: $id) { ${REPORT} } }`, { id });
  const listed = async (client: ApiClient) => (await client.ok(`{ reports { id } }`)).reports.map((r: { id: string }) => r.id) as string[];
  const http = (client: 'anonymous' | Member, path: string) => fetch(`${api.url.replace(/\/graphql$/, '')}${path}`, { headers: client === 'anonymous' ? {} : client.headers });

  /** A user with these grants, signed in once; unlike the harness's clients it can also fetch the HTTP routes. */
  const PASSWORD = 'synthetic-password-for-report-tests';
  const member = async (grants: Grant[]): Promise<Member> => {
    const email = `report-member-${randomUUID()}@example.test`;
    const accounts = api.app.get(AccountsService);
    const { receipt } = await accounts.invite({ email, displayName: 'Synthetic Member', grants }, commandContext({ actor: 'system:test' }));
    await accounts.setPassword(receipt.id, PASSWORD, 'admin_cli', commandContext({ actor: 'system:test' }));
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }', variables: { e: email, p: PASSWORD } }),
    });
    const body = (await response.json()) as GraphqlResult<{ signIn: { csrfToken: string } }>;
    if (body.errors) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
    const headers = { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': body.data!.signIn.csrfToken };
    const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>> =>
      (await (await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) })).json()) as GraphqlResult<T>;
    return {
      headers,
      graphql,
      async ok<T>(query: string, variables?: Record<string, unknown>) {
        const result = await graphql<T>(query, variables);
        if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
        return result.data as T;
      },
    };
  };

  /** Every count in a report's content, for "nothing below K shows". */
  const countsIn = (content: any): Array<{ value: number | null; suppressed: boolean }> => [
    ...content.themes.flatMap((t: any) => [t.count, t.previousCount]),
    ...content.impacts.map((i: any) => i.count),
    ...content.brightSpots.map((b: any) => b.count),
    content.brightSpotsTotal,
  ];
  const expectNothingBelowK = (content: any) => {
    for (const count of countsIn(content)) {
      if (count.suppressed) expect(count.value).toBeNull();
      else expect(count.value === 0 || (count.value !== null && count.value >= K)).toBe(true);
    }
  };

  beforeAll(async () => {
    api = await openApi({ env: { SUPPRESSION_THRESHOLD: String(K) } });
    ids.area = (await api.ok(`mutation { registerArea(input: { name: "Report Test Borough" }) { id } }`)).registerArea.id;
    ids.otherArea = (await api.ok(`mutation { registerArea(input: { name: "Another Test Borough" }) { id } }`)).registerArea.id;
    ids.team = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Report Test Team" }) { id } }`, { a: ids.area })).formTeam.id;
    await api.coachIn(ids.team);
    ids.coach = (await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Synthetic Coach", joinedOn: "2024-01-02" }) { id } }`, { t: ids.team })).addCoach.id;
    const organisation = async (name: string, parentId?: string) =>
      (await api.ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { name, kind: 'COUNCIL', areaId: ids.area, parentId } }))
        .registerOrganisation.id as string;
    ids.service = await organisation('Synthetic Housing Options');
    ids.childService = await organisation('Synthetic Housing Options, North Office', ids.service);
    ids.otherService = await organisation('Synthetic Job Support');
    for (const personId of [people.first, people.second]) {
      await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
        i: {
          personId,
          displayName: `Synthetic Person ${personId.slice(0, 4)}`,
          referralSource: 'SELF',
          areaId: ids.area,
          teamId: ids.team,
          coachId: ids.coach,
          joinedOn: daysAgo(500),
          consentToHoldInformation: true,
          consentToShareWordsAnonymised: true,
        },
      });
    }

    // The report's period runs from 300 to 200 days ago; the period before it from 401 to 301 days ago.
    const evidence: string[] = [];
    for (let d = 270; d >= 213; d -= 3) evidence.push(await observe(daysAgo(d), d === 270 || d === 267 ? { impactTags: ['CRISIS', 'FINANCIAL_LOSS'] } : {}));
    evidence.push(await observe(daysAgo(350)), await observe(daysAgo(360)));
    for (const [personId, quote] of [[people.first, quotes.first], [people.second, quotes.second]]) {
      const id = await observe(daysAgo(240), { personId, quote, impactTags: [], categoryId: 'retelling_story' });
      await api.ok(`mutation($i: ApproveQuoteInput!) { approveQuote(input: $i) { id } }`, { i: { observationId: id, text: quote } });
    }
    for (let d = 0; d < 6; d++) await observe(daysAgo(250 - d), { kind: 'BRIGHT_SPOT', categoryId: 'good_practice', impactTags: [] });
    await observe(daysAgo(230), { kind: 'BRIGHT_SPOT', categoryId: 'other_bright_spot', impactTags: [] });
    // The other service: nothing of it may reach this service's report.
    await observe(daysAgo(240), { organisationId: ids.otherService });

    ids.theme = (
      await api.ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, {
        i: { name: 'Asked to start again', description: 'Synthetic theme', categoryIds: ['waiting_times'], keyTerms: ['again'], observationIds: evidence },
      })
    ).proposeTheme.id;
    await api.ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: ids.theme });

    clients.partner = await member([{ role: 'partner', organisationId: ids.service }]);
    clients.childPartner = await member([{ role: 'partner', organisationId: ids.childService }]);
    clients.otherPartner = await member([{ role: 'partner', organisationId: ids.otherService }]);
    clients.commissioner = await member([{ role: 'commissioner', areaId: ids.area }]);
    clients.otherCommissioner = await member([{ role: 'commissioner', areaId: ids.otherArea }]);
    clients.leader = await member([{ role: 'leader' }]);
  }, 180_000);
  afterAll(() => api?.close());

  it('drafts a report for a service with a preview suppressed as it would be shared, and shares it frozen with a response date', async () => {
    const drafted = await api.ok(`mutation($i: DraftReportInput!) { draftReport(input: $i) { id } }`, {
      i: {
        title: 'What coaches saw: Synthetic Housing Options',
        audience: 'ORGANISATION',
        organisationId: ids.service,
        from: daysAgo(300),
        to: daysAgo(200),
        whatMightHelp: 'A named contact who stays with a person through a move.\n\nOne assessment shared between teams.',
      },
    });
    ids.report = drafted.draftReport.id;

    const draft = (await api.ok(`query($id: ID!) { report(id: $id) { ${REPORT} quoteCandidates { observationId text chosen themeNames } } }`, { id: ids.report })).report;
    expect(draft).toMatchObject({ status: 'DRAFT', audience: 'ORGANISATION', organisationId: ids.service, areaIds: [ids.area], sharedOn: null });
    expect(draft.content.frozen).toBe(false);
    const theme = draft.content.themes.find((t: { themeId: string }) => t.themeId === ids.theme);
    expect(theme).toMatchObject({ name: 'Asked to start again', count: { value: 20, suppressed: false }, previousCount: { value: null, suppressed: true }, trend: 'RISING' });
    expect(draft.content.impacts.find((i: { key: string }) => i.key === 'financial_loss').count).toEqual({ value: null, suppressed: true });
    expect(draft.content.brightSpotsTotal).toEqual({ value: 7, suppressed: false });
    expectNothingBelowK(draft.content);
    expect(draft.quoteCandidates.map((q: { text: string }) => q.text).sort()).toEqual([quotes.first, quotes.second].sort());

    // Nobody outside sees a draft.
    expect((await report(clients.partner)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await listed(clients.partner)).toEqual([]);

    const chosen = draft.quoteCandidates.map((q: { observationId: string }) => q.observationId);
    await api.ok(`mutation($i: EditReportInput!) { editReport(input: $i) { id } }`, { i: { reportId: ids.report, quoteObservationIds: chosen } });
    const notAQuote = await api.graphql(`mutation($i: EditReportInput!) { editReport(input: $i) { id } }`, { i: { reportId: ids.report, quoteObservationIds: [randomUUID()] } });
    expect(notAQuote.errors?.[0].extensions?.problems?.[0].field).toBe('quoteObservationIds[0]');

    ids.beforeShare = new Date().toISOString();
    await api.ok(`mutation($r: ID!) { shareReport(reportId: $r) { id } }`, { r: ids.report });
    const shared = (await report(api)).data!.report;
    expect(shared).toMatchObject({ status: 'SHARED', sharedOn: today(), responseDueOn: addWorkingDays(today(), 20, bankHolidaysBetween('england-and-wales', year(), year() + 1)), overdue: false });
    expect(shared.content.frozen).toBe(true);
    expect(shared.content.quotes.map((q: { text: string }) => q.text)).toEqual(chosen.map((id: string) => draft.quoteCandidates.find((q: { observationId: string }) => q.observationId === id).text));
    expectNothingBelowK(shared.content);

    const edit = await api.graphql(`mutation($i: EditReportInput!) { editReport(input: $i) { id } }`, { i: { reportId: ids.report, title: 'Too late' } });
    expect(edit.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('lets the service acknowledge, respond, agree an action on the theme and mark it done; the change is then checked as a clear fall', async () => {
    const partner = clients.partner;
    const sharedMoment = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await listed(partner)).toEqual([ids.report]);
    const seen = (await report(partner)).data!.report;
    expect(seen.content.quotes.every((q: { observationId: string | null }) => q.observationId === null)).toBe(true);
    expectNothingBelowK(seen.content);

    await partner.ok(`mutation($r: ID!) { acknowledgeReport(reportId: $r) { id } }`, { r: ids.report });
    await partner.ok(`mutation($i: RespondToReportInput!) { respondToReport(input: $i) { id } }`, {
      i: { reportId: ids.report, response: 'Thank you. We will give each person one named contact through a move.' },
    });
    const agreed = await partner.ok(`mutation($i: AgreeReportActionInput!) { agreeReportAction(input: $i) { id } }`, {
      i: { reportId: ids.report, what: 'One named contact through a move', owner: 'Housing options team lead', dueOn: daysAgo(150), themeId: ids.theme, agreedOn: daysAgo(190) },
    });
    ids.action = agreed.agreeReportAction.id;
    const early = await api.graphql(`mutation($i: CheckReportChangeInput!) { checkReportChange(input: $i) { id } }`, { i: { reportId: ids.report, actionId: ids.action } });
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0].message).toMatch(/not done yet/);
    await partner.ok(`mutation($i: MarkReportActionDoneInput!) { markReportActionDone(input: $i) { id } }`, { i: { reportId: ids.report, actionId: ids.action, doneOn: daysAgo(100) } });

    // Later observations: three in the twelve weeks after the action was done, against twenty in the twelve before it was agreed.
    const later = [await observe(daysAgo(90)), await observe(daysAgo(60)), await observe(daysAgo(30))];
    await api.ok(`mutation($i: ThemeObservationsInput!) { linkObservations(input: $i) { id } }`, { i: { themeId: ids.theme, observationIds: later } });

    const checked = await api.ok(`mutation { checkDueReportChanges { id } }`);
    expect(checked.checkDueReportChanges).toEqual([{ id: ids.action }]);
    expect((await api.ok(`mutation { checkDueReportChanges { id } }`)).checkDueReportChanges).toEqual([]);

    const inside = (await report(api)).data!.report;
    expect(inside).toMatchObject({ acknowledgedAt: expect.any(String), respondedAt: expect.any(String), response: expect.stringContaining('named contact') });
    const [action] = inside.actions;
    expect(action).toMatchObject({ id: ids.action, status: 'DONE', agreedOn: daysAgo(190), doneOn: daysAgo(100), themeId: ids.theme });
    expect(action.lastCheck).toMatchObject({
      outcome: 'CLOSED',
      weeks: 12,
      beforeFrom: daysAgo(190 + 84),
      beforeTo: daysAgo(191),
      afterFrom: daysAgo(99),
      afterTo: daysAgo(16),
      beforeCount: { value: 20, suppressed: false },
      afterCount: { value: 3, suppressed: false },
    });
    expect(action.lastCheck.pValue).toBeLessThan(0.05);
    // The service sees the outcome, with the small count (and the p-value that would give it away) withheld.
    const outside = (await report(partner)).data!.report.actions[0].lastCheck;
    expect(outside).toMatchObject({ outcome: 'CLOSED', afterCount: { value: null, suppressed: true }, pValue: null });

    const metrics = (await clients.leader.ok(`{ reportMetrics { overall { reportsShared responded responseRate medianDaysToRespond withAgreedChange agreedChangeRate changesChecked changesFollowedByFall fallRate }
      byService { organisationId reportsShared } } }`)).reportMetrics;
    expect(metrics.overall).toEqual({ reportsShared: 1, responded: 1, responseRate: 1, medianDaysToRespond: 0, withAgreedChange: 1, agreedChangeRate: 1, changesChecked: 1, changesFollowedByFall: 1, fallRate: 1 });
    expect(metrics.byService).toEqual([{ organisationId: ids.service, reportsShared: 1 }]);

    // As of the moment it was shared: no acknowledgement, response, action or check yet; before it, no report.
    const then = (await api.ok(`query($id: ID!, $at: DateTime) { report(id: $id, asOf: $at) { status acknowledgedAt respondedAt response actions { id } content { frozen } } }`, { id: ids.report, at: sharedMoment })).report;
    expect(then).toEqual({ status: 'SHARED', acknowledgedAt: null, respondedAt: null, response: null, actions: [], content: { frozen: true } });
    const metricsThen = (await clients.leader.ok(`query($at: DateTime) { reportMetrics(asOf: $at) { overall { reportsShared responded withAgreedChange changesChecked } } }`, { at: sharedMoment })).reportMetrics;
    expect(metricsThen.overall).toEqual({ reportsShared: 1, responded: 0, withAgreedChange: 0, changesChecked: 0 });
    const before = await api.graphql(`query($id: ID!, $at: DateTime) { report(id: $id, asOf: $at) { id } }`, { id: ids.report, at: ids.beforeShare });
    expect(before.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.ok(`query($at: DateTime) { reports(asOf: $at) { id } }`, { at: ids.beforeShare })).reports).toEqual([]);
  }, 60_000);

  it('lists a shared report with no response as overdue once its response date has passed', async () => {
    const second = (
      await api.ok(`mutation($i: DraftReportInput!) { draftReport(input: $i) { id } }`, {
        i: { title: 'A second synthetic report', audience: 'COMMISSIONER', areaIds: [ids.area], from: daysAgo(300), to: daysAgo(200) },
      })
    ).draftReport.id;
    await api.ok(`mutation($r: ID!) { shareReport(reportId: $r) { id } }`, { r: second });
    expect((await api.ok(`{ overdueReports { id } }`)).overdueReports).toEqual([]);
    // Some weeks on (the server's clock cannot move, so the query is asked as of a later day).
    const later = new Date(Date.now() + 60 * DAY);
    const overdue = await api.app.get(ReportsQueries).overdue(INFLUENCER_READER, later);
    expect(overdue.map((r) => r.id)).toEqual([second]);
    // The commissioner of the area reads it; the partner does not (it is not addressed to a service).
    expect(await listed(clients.commissioner)).toEqual(expect.arrayContaining([second, ids.report]));
    expect(await listed(clients.partner)).toEqual([ids.report]);
  });

  it('shows nothing to a partner of another service or a commissioner of another area, by query, mutation or export', async () => {
    for (const outsider of [clients.otherPartner, clients.otherCommissioner]) {
      expect(await listed(outsider)).toEqual([]);
      expect((await report(outsider)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await http(outsider, `/reports/${ids.report}/print`)).status).toBe(403);
      expect((await http(outsider, `/reports/${ids.report}/figures.csv`)).status).toBe(403);
    }
    const respond = await clients.otherPartner.graphql(`mutation($i: RespondToReportInput!) { respondToReport(input: $i) { id } }`, { i: { reportId: ids.report, response: 'Not ours' } });
    expect(respond.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const commissionerAnswers = await clients.commissioner.graphql(`mutation($r: ID!) { acknowledgeReport(reportId: $r) { id } }`, { r: ids.report });
    expect(commissionerAnswers.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await http('anonymous', `/reports/${ids.report}/print`)).status).toBe(401);

    // A partner of a service below the one the report is for reads it too, as does the area's commissioner and a leader.
    for (const reader of [clients.childPartner, clients.commissioner, clients.leader]) expect((await report(reader)).data?.report.id).toBe(ids.report);
    expect((await clients.leader.graphql(`mutation($r: ID!) { acknowledgeReport(reportId: $r) { id } }`, { r: ids.report })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('exports a printable page and the figures as CSV, with suppressed counts left out', async () => {
    const page = await http(clients.partner, `/reports/${ids.report}/print`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = await page.text();
    expect(html).toContain('What coaches saw: Synthetic Housing Options');
    expect(html).toContain('Synthetic Housing Options ·');
    expect(html).toContain(quotes.second);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);

    const csv = await http(clients.commissioner, `/reports/${ids.report}/figures.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toEqual(['section', 'key', 'label', 'measure', 'value', 'note']);
    const counted = rows.filter(([section, , , measure]) => ['theme', 'impact', 'bright_spot', 'bright_spots_total'].includes(section) && measure !== 'trend');
    expect(counted.length).toBeGreaterThan(5);
    for (const [, , , , value, note] of counted) {
      if (note === 'suppressed') expect(value).toBe('');
      else expect(Number(value) === 0 || Number(value) >= K).toBe(true);
    }
    expect(counted.some(([, , , , , note]) => note === 'suppressed')).toBe(true);
  });

  it('removes a forgotten person\'s quote from the shared report, keeping the others', async () => {
    await api.ok(`mutation($i: ForgetPersonInput!) { forgetPerson(input: $i) { id } }`, { i: { personId: people.first, reason: 'PERSON_ASKED' } });
    for (const reader of [api, clients.partner]) {
      const content = (await report(reader)).data!.report.content;
      expect(content.quotes.map((q: { text: string | null; removed: boolean }) => [q.text, q.removed]).sort()).toEqual([[null, true], [quotes.second, false]].sort());
    }
    const html = await (await http(clients.partner, `/reports/${ids.report}/print`)).text();
    expect(html).not.toContain(quotes.first);
    expect(html).toContain('This quote was removed at the person\'s request.');
  });
});

/** Rows of RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

/** A signed-in caller with its session cookie and CSRF token at hand, for the HTTP routes. */
interface Member extends ApiClient {
  readonly headers: Record<string, string>;
}
