import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApi, type ApiHarness } from '../e2e/api-harness.js';
import { checkScreen, type Chromium, daysAgo, findings, launchChromium, makeUser, PASSWORD, SCREENSHOTS } from './browser.js';

/**
 * The system influencer's screens in real Chromium against the real server (in-memory store):
 * observations and themes are seeded through the API, with one theme rising over the last eight
 * weeks; the influencer signs in, sees it on the board among the rising themes, opens it,
 * confirms it, accepts a suggested observation, moves it along the loop, approves a quote with a
 * name taken out, and builds and shares a feedback report for the service. Every screen is
 * checked with axe and photographed at phone and desktop widths. All names and words are
 * synthetic.
 */
const SLOW = 180_000;

describe('the system influencer’s screens in a browser', () => {
  let api: ApiHarness;
  let chromium: Chromium;
  const ids = { area: randomUUID(), team: randomUUID(), coach: randomUUID(), housing: randomUUID(), jobs: randomUUID(), person: randomUUID() };
  const RISING = 'Asked to retell their story again';
  const FLAT = 'Letters left unanswered';
  const QUOTE = 'Synthetic words: Robin at the Millbrook office told me to start all over again';
  const REDACTED = 'Synthetic words: [name] at the [office] told me to start all over again';
  const APPROVED = 'Synthetic words: the second appointment was the first time anyone listened';
  let risingTheme = '';
  let lookalike = '';
  let quoted = '';
  let approvedEarlier = '';
  let influencer: { email: string; userId: string };
  const serious: string[] = [];
  const timings: Record<string, number> = {};

  const check = async (page: Page, screen: string) => serious.push(...(await checkScreen(page, screen)));

  beforeAll(async () => {
    const started = Date.now();
    api = await openApi();
    await seed();
    timings.seed = Date.now() - started;
    chromium = await launchChromium(api.url.replace(/\/graphql$/, ''));
    timings.setup = Date.now() - started;
  }, SLOW);
  afterAll(async () => {
    await chromium?.close();
    await api?.close();
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(join(SCREENSHOTS, '..', 'browser-report-influencer.json'), JSON.stringify({ findings, timings }, null, 2));
  });

  async function seed() {
    const ok = api.ok.bind(api);
    await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.area, name: 'Synthetic Borough' } });
    await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.team, areaId: ids.area, name: 'Synthetic coaches' } });
    for (const [organisationId, name] of [[ids.housing, 'Synthetic Housing Options'], [ids.jobs, 'Synthetic Job Support']]) {
      await ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { organisationId, name, kind: 'COUNCIL', areaId: ids.area } });
    }
    await api.coachIn(ids.team);
    await ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, { i: { coachId: ids.coach, teamId: ids.team, displayName: 'Synthetic Coach', joinedOn: daysAgo(500) } });
    await ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId: ids.person,
        displayName: 'Synthetic Person',
        referralSource: 'SELF',
        areaId: ids.area,
        teamId: ids.team,
        coachId: ids.coach,
        joinedOn: daysAgo(450),
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: true,
      },
    });

    const observe = async (occurredOn: string, organisationId: string, whatHappened: string, extra: Record<string, unknown> = {}): Promise<string> =>
      (
        await ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
          i: {
            kind: 'BARRIER',
            organisationId,
            areaId: ids.area,
            categoryId: 'retelling_story',
            whatHappened,
            impact: 'Synthetic impact: gave up on the appointment',
            impactTags: ['GAVE_UP_ON_THE_SERVICE'],
            severity: 3,
            occurredOn,
            ...extra,
          },
        })
      ).recordObservation.id;
    const propose = async (name: string, observationIds: string[]) =>
      (
        await ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, {
          i: { name, description: `Synthetic theme: ${name.toLowerCase()}.`, keyTerms: ['retell'], observationIds },
        })
      ).proposeTheme.id as string;

    // A rising theme: one every three weeks for a year, then one every three days for the last eight weeks.
    // Recorded a few at a time: each is its own observation, so the order they land in does not matter.
    const days = (from: number, to: number, step: number) => Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);
    const inBatches = async <T>(items: T[], record: (item: T) => Promise<string>) => {
      const ids: string[] = [];
      for (let i = 0; i < items.length; i += 6) ids.push(...(await Promise.all(items.slice(i, i + 6).map(record))));
      return ids;
    };
    const rising = [
      ...(await inBatches(days(60, 400, 21), (d) => observe(daysAgo(d), ids.housing, 'Synthetic account of being asked to retell the whole story again at assessment'))),
      ...(await inBatches(days(1, 56, 3), (d) => observe(daysAgo(d), ids.housing, 'Synthetic: asked to retell everything again to a new assessor'))),
    ];
    risingTheme = await propose(RISING, rising);
    // A flat theme, already confirmed: one a month at the other service.
    const flat = await inBatches(days(5, 400, 30), (d) => observe(daysAgo(d), ids.jobs, 'Synthetic letters sent to the service were never answered', { categoryId: 'letters_jargon_no_reply' }));
    const flatTheme = await propose(FLAT, flat);
    await ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: flatTheme });

    // Not in a theme yet: one that reads like the rising theme, and four alike about something new.
    lookalike = await observe(daysAgo(2), ids.housing, 'Asked to retell everything again to yet another assessor at the housing office');
    for (const [i, text] of [
      'The housing officer stopped answering calls after the move to the new flat',
      'After the move the housing officer never answered calls or letters',
      'Housing officer stopped returning calls once the move happened',
      'No answer from the housing officer to calls after moving flat',
    ].entries()) {
      await observe(daysAgo(6 + i), ids.housing, text, { categoryId: 'hard_to_find_or_reach' });
    }
    // Their words, which the person agreed to share anonymised: waiting for approval.
    quoted = await observe(daysAgo(20), ids.housing, 'Synthetic: the service closed the request and asked for everything again', {
      personId: ids.person,
      quote: QUOTE,
    });
    // Words approved before the influencer signs in, for withdrawing the approval.
    approvedEarlier = await observe(daysAgo(30), ids.housing, 'Synthetic: a bright spot at the second appointment', {
      kind: 'BRIGHT_SPOT',
      categoryId: 'good_practice',
      impactTags: [],
      personId: ids.person,
      quote: APPROVED,
    });
    await ok(`mutation($i: ApproveQuoteInput!) { approveQuote(input: $i) { id } }`, { i: { observationId: approvedEarlier, text: APPROVED } });
    influencer = await makeUser(api, 'Indra Influencer', [{ role: 'influencer' }]);
  }

  async function signIn(page: Page) {
    await page.getByLabel('Email address').fill(influencer.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('shows the rising theme, confirms it, takes a suggestion, approves a redacted quote, and builds and shares a report', async () => {
    const page = await chromium.freshPage();
    const journey = Date.now();

    // The board: the rising theme is among the emerging ones, with the numbers behind it.
    await page.goto('/themes');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
    const risingTable = page.getByRole('region', { name: 'Emerging: rising' });
    await risingTable.getByRole('link', { name: RISING }).waitFor();
    const row = risingTable.getByRole('row').filter({ hasText: RISING });
    const cells = await row.getByRole('cell').allTextContents();
    // Recent, expected, ratio, p-value, adjusted p.
    expect(Number(cells[0])).toBe(19);
    expect(Number(cells[1])).toBeLessThan(5);
    expect(cells[2]).toMatch(/^\d+\.\d×$/);
    expect(cells[3]).toBe('< 0.001');
    expect(await page.getByRole('region', { name: 'Falling', exact: true }).count()).toBe(0);
    const card = page.locator('.theme-card').filter({ hasText: RISING });
    await expect(card.locator('.badge').textContent()).resolves.toBe('Emerging');
    await expect(card.locator('.sparkline').textContent()).resolves.toMatch(/in the last 12 months/);
    // The group of alike observations about the housing officer is offered as a possible new theme.
    await page.locator('.cluster__title').filter({ hasText: /\d+ observations about .*(housing|officer)/ }).first().waitFor({ timeout: 30_000 });
    await check(page, 'influencer-theme-board');

    // By service: the rise is at the housing service.
    await page.getByLabel('By service').check();
    await page.getByRole('region', { name: 'Emerging: rising' }).getByRole('cell', { name: 'Synthetic Housing Options' }).waitFor();
    expect(new URL(page.url()).searchParams.get('by')).toBe('service');
    await page.getByLabel('By service').uncheck();

    // The inbox: observations not in a theme yet, the look-alike with its suggestion.
    await page.getByRole('link', { name: 'Observations', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Observations' }).waitFor();
    await page.getByRole('status').filter({ hasText: /^7 not in a theme yet/ }).waitFor();
    const lookalikeRow = page.locator('.observation').filter({ hasText: 'yet another assessor' });
    await lookalikeRow.getByText(`Looks like ${RISING}`).waitFor({ timeout: 20_000 });
    await check(page, 'influencer-observations');
    // A filter narrows it down: words, applied through the URL.
    await page.getByText('Filter observations').click();
    await page.getByLabel('Words').fill('officer');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: /^4 not in a theme yet/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('words')).toBe('officer');
    await check(page, 'influencer-observations-filtered');

    // The theme's page, from the board.
    await page.getByRole('link', { name: 'Themes', exact: true }).click();
    await page.getByRole('region', { name: 'Emerging: rising' }).getByRole('link', { name: RISING }).click();
    await page.getByRole('heading', { level: 1, name: RISING }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/themes/${risingTheme}`);
    await page.getByText('Observations of “Asked to retell their story again” by month: 36 in all').waitFor();
    await page.locator('#suggestions-heading ~ ul .observation').filter({ hasText: 'yet another assessor' }).waitFor({ timeout: 20_000 });
    await check(page, 'influencer-theme');

    // Confirm it (it was emerging), then accept the suggested observation.
    await page.getByRole('button', { name: 'Confirm this theme' }).click();
    await page.getByRole('status').filter({ hasText: 'Theme confirmed.' }).waitFor();
    const suggested = page.locator('#suggestions-heading ~ ul > li').filter({ hasText: 'yet another assessor' });
    await suggested.getByRole('button', { name: /^Accept/ }).click();
    await page.getByRole('status').filter({ hasText: `Added to “${RISING}” as evidence.` }).waitFor();

    // Move it along the loop, with a note for the learning timeline.
    await page.getByLabel('Raised with services').check();
    await page.getByLabel('What happened').fill('Synthetic: raised at the partnership meeting');
    await page.getByRole('button', { name: 'Move the theme' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved to “Raised with services”.' }).waitFor();
    const theme = (await api.ok(`query($id: ID!) { theme(id: $id) { status observationIds history { change note } } }`, { id: risingTheme })).theme;
    expect(theme.status).toBe('RAISED_WITH_SERVICES');
    expect(theme.observationIds).toContain(lookalike);
    expect(theme.history.map((h: { change: string }) => h.change)).toEqual(['proposed', 'confirmed', 'linked', 'status_changed']);
    await page.locator('.timeline__note').filter({ hasText: 'Synthetic: raised at the partnership meeting' }).waitFor();

    // The week view of the trend, for one service.
    await page.getByLabel('Week').check();
    await page.getByText(/by week: \d+ in all/).waitFor();

    // Quotes: the name and place taken out; a word that was not theirs is refused before sending.
    await page.getByRole('link', { name: 'Quotes', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Quotes to approve' }).waitFor();
    const pending = page.locator('.quote-card').filter({ hasText: QUOTE });
    await pending.waitFor();
    await check(page, 'influencer-quotes');
    const words = pending.getByLabel('Words to share');
    expect(await words.inputValue()).toBe(QUOTE);
    await words.fill(REDACTED.replace('start', 'begin'));
    await pending.getByText('“begin” is not in their words at that point').waitFor();
    await words.fill(REDACTED);
    await pending.getByRole('button', { name: /^Approve/ }).click();
    await page.getByRole('status').filter({ hasText: 'Approved with the identifying words taken out' }).waitFor();
    await page.locator('.quote-card').filter({ hasText: REDACTED }).getByRole('button', { name: /^Withdraw/ }).waitFor();
    const approved = (await api.ok(`query($id: ID!) { observation(id: $id) { approvedQuote } }`, { id: quoted })).observation;
    expect(approved.approvedQuote).toBe(REDACTED);

    // Reports: none yet; build one for the housing service.
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Feedback reports' }).waitFor();
    await page.getByText('No reports yet.').waitFor();
    await page.getByRole('link', { name: 'Start a new report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start a feedback report' }).waitFor();
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose who the report is for' }).waitFor();
    await page.getByLabel('A service').check();
    await page.getByLabel('Which service?').fill('synthetic housing');
    await page.getByRole('status').filter({ hasText: 'One service matches' }).waitFor();
    await check(page, 'influencer-report-new');
    // Choosing it replaces the matches with the choice, which takes focus.
    await page.getByLabel('Synthetic Housing Options').click();
    await page.locator('#report-service').filter({ hasText: 'Synthetic Housing Options' }).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('report-service');
    await page.getByLabel('First day').fill(daysAgo(120));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'What coaches saw: Synthetic Housing Options' }).waitFor();
    const preview = page.locator('.preview');
    await preview.getByRole('row').filter({ hasText: RISING }).waitFor();
    const themeRow = await preview.getByRole('row').filter({ hasText: RISING }).getByRole('cell').allTextContents();
    expect(Number(themeRow[0])).toBeGreaterThanOrEqual(20);

    // Choose the approved quote, write what might help, save: the preview shows them.
    await page.getByLabel(new RegExp(REDACTED.replace(/[[\]]/g, '\\$&'))).check();
    await page.getByLabel('What might help').fill('Synthetic: one assessment shared between teams, so nobody tells their story twice.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved. The preview' }).waitFor();
    await preview.locator('blockquote').filter({ hasText: REDACTED }).waitFor();
    await check(page, 'influencer-report-draft');

    // Share, after being told what the service will see.
    await page.getByRole('button', { name: 'Share the report…' }).click();
    const question = page.getByRole('group', { name: 'Share it with Synthetic Housing Options?' });
    await question.waitFor();
    await expect(question.textContent()).resolves.toContain('one quote, as approved');
    await check(page, 'influencer-report-share');
    await question.getByRole('button', { name: 'Yes, share it now' }).click();
    await page.getByRole('heading', { level: 2, name: 'The report as shared' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Shared. They can read it when they sign in' }).waitFor();
    expect(await page.getByText('Draft started.').count()).toBe(0);
    const reportId = new URL(page.url()).pathname.split('/').pop()!;
    const shared = (await api.ok(`query($id: ID!) { report(id: $id) { status content { frozen quotes { text } whatMightHelp } } }`, { id: reportId })).report;
    expect(shared).toMatchObject({ status: 'SHARED', content: { frozen: true, quotes: [{ text: REDACTED }] } });
    const print = page.getByRole('link', { name: /^Printable page/ });
    expect(await print.getAttribute('href')).toBe(`/reports/${reportId}/print`);
    const printed = await page.request.get(`/reports/${reportId}/print`);
    expect(printed.status()).toBe(200);
    expect(printed.headers()['content-type']).toMatch(/^text\/html/);
    const printedText = await printed.text();
    expect(printedText).toContain('[name] at the [office] told me');
    expect(printedText).not.toContain('Robin');
    expect((await page.request.get(`/reports/${reportId}/figures.csv`)).status()).toBe(200);
    await check(page, 'influencer-report-shared');

    // The list of reports, and the overdue ones (none: it was shared today).
    await page.getByRole('link', { name: 'Feedback reports' }).click();
    await page.getByRole('heading', { level: 2, name: 'Shared' }).waitFor();
    await check(page, 'influencer-reports');
    await page.getByRole('link', { name: /^Overdue responses/ }).click();
    await page.getByText('No response is overdue.').waitFor();
    await check(page, 'influencer-reports-overdue');

    // One observation's own page: its themes and history, no person named.
    await page.goto(`/observations/${quoted}`);
    await page.getByRole('heading', { level: 1, name: /^Barrier on / }).waitFor();
    await page.getByText(`Approved for sharing as: “${REDACTED}”.`).waitFor();
    expect(await page.getByText('Synthetic Person').count()).toBe(0);
    await check(page, 'influencer-observation');
    timings.influencerJourney = Date.now() - journey;
    expect(serious).toEqual([]);
  }, SLOW);

  it('turns a group of alike observations into a theme, splits one off, merges it back, renames it, and withdraws a quote’s approval', async () => {
    const page = await chromium.freshPage();
    await page.goto('/observations');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'Observations' }).waitFor();

    // A suggestion that does not fit is dismissed from the inbox, and stays in view saying so.
    const offered = page.locator('.suggestion').first();
    await offered.waitFor({ timeout: 30_000 });
    const notIt = (await offered.getByRole('link').textContent())!;
    await offered.getByRole('button', { name: /^Not this theme/ }).click();
    await page.getByRole('status').filter({ hasText: `“${notIt}” will not be suggested for this observation again.` }).waitFor();

    // The group about the housing officer becomes a theme, with its observations.
    await page.getByRole('link', { name: 'Themes', exact: true }).click();
    const cluster = page.locator('.cluster').filter({ hasText: /observations about .*(housing|officer)/ }).first();
    await cluster.waitFor({ timeout: 30_000 });
    const size = Number((await cluster.locator('.cluster__title').textContent())!.match(/^(\d+)/)![1]);
    await cluster.getByRole('button', { name: /^Make it a theme/ }).click();
    await cluster.getByLabel('Name of the new theme').fill('Housing officer unreachable after a move');
    await cluster.getByRole('button', { name: 'Propose this theme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Housing officer unreachable after a move' }).waitFor();
    await page.getByRole('status').filter({ hasText: `Theme proposed with ${size} observations.` }).waitFor();
    const housingTheme = new URL(page.url()).pathname.split('/').pop()!;

    // One observation split off into a theme of its own: at least one has to stay.
    const boxes = page.locator('#evidence-list').getByRole('checkbox');
    await boxes.nth(size - 1).waitFor();
    expect(await boxes.count()).toBe(size);
    await boxes.first().check();
    await page.getByLabel('Split them off into a new theme').check();
    await page.getByLabel('Name of the new theme').fill('Calls not returned after a move');
    await page.getByRole('button', { name: 'Split into a new theme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calls not returned after a move' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'New theme made from one observation split off' }).waitFor();
    await check(page, 'influencer-theme-split');

    // Merged back: the observation follows, and this theme closes.
    await page.getByText('Merge it into another theme').click();
    await page.getByLabel('Merge into').selectOption({ label: `Housing officer unreachable after a move (${size - 1})` });
    await page.getByRole('button', { name: 'Merge the themes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tick to confirm the merge' }).waitFor();
    await page.getByLabel(/^Yes: “Calls not returned after a move” and its one observation become part of/).check();
    await page.getByRole('button', { name: 'Merge the themes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Housing officer unreachable after a move' }).waitFor();
    await page.getByRole('status').filter({ hasText: '“Calls not returned after a move” was merged into this theme' }).waitFor();
    const merged = (await api.ok(`query($id: ID!) { theme(id: $id) { observationCount history { change } } }`, { id: housingTheme })).theme;
    expect(merged.observationCount).toBe(size);
    expect(merged.history.map((h: { change: string }) => h.change)).toEqual(['proposed', 'split', 'absorbed']);

    // Renamed, with a description.
    await page.getByText('Rename or redefine it').click();
    await page.getByLabel('Name', { exact: true }).fill('Housing officer unreachable after moving home');
    await page.getByLabel('Description').fill('Synthetic: calls and letters go unanswered once a person moves.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Housing officer unreachable after moving home' }).waitFor();

    // An approval withdrawn, with the reason: the quote goes back to waiting.
    await page.getByRole('link', { name: 'Quotes', exact: true }).click();
    const card = page.locator('#approved-heading ~ ul .quote-card').filter({ hasText: APPROVED });
    await card.getByRole('button', { name: /^Withdraw/ }).click();
    await card.getByRole('button', { name: 'Withdraw the approval' }).click();
    await card.getByRole('alert').filter({ hasText: 'Write why the approval is withdrawn' }).waitFor();
    await card.getByLabel('Why withdraw the approval?').fill('Synthetic: the setting could still point to them');
    await check(page, 'influencer-quote-withdraw');
    await card.getByRole('button', { name: 'Withdraw the approval' }).click();
    await page.getByRole('status').filter({ hasText: 'Approval withdrawn' }).waitFor();
    await page.locator('#pending-heading ~ ul .quote-card').filter({ hasText: APPROVED }).waitFor();
    expect((await api.ok(`query($id: ID!) { observation(id: $id) { approvedQuote } }`, { id: approvedEarlier })).observation.approvedQuote).toBeNull();
    expect(serious).toEqual([]);
  }, SLOW);
});
