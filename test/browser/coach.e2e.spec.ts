import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApi, type ApiHarness } from '../e2e/api-harness.js';
import { checkScreen, type Chromium, daysAgo, findings, focused, launchChromium, makeUser, PASSWORD, SCREENSHOTS } from './browser.js';

/**
 * The web app in real Chromium against the real server (in-memory embedded store): a coach signs
 * in, sees their people, opens a person, records a conversation and an observation, and signs
 * out; a wrong password is explained; signing in works with the keyboard alone. Every screen is
 * checked with axe and photographed at phone and desktop widths (test-output/screenshots). All
 * names and words are synthetic.
 */
const SLOW = 120_000;

describe('the coach’s screens in a browser', () => {
  let api: ApiHarness;
  let chromium: Chromium;
  let base: string;
  const ids = { area: randomUUID(), team: randomUUID(), quietTeam: randomUUID(), council: randomUUID(), housing: randomUUID(), gp: randomUUID() };
  const people = { alex: randomUUID(), bea: randomUUID(), cal: randomUUID() };
  let coach: { email: string; userId: string };
  const serious: string[] = [];
  const timings: Record<string, number> = {};

  const check = async (page: Page, screen: string) => serious.push(...(await checkScreen(page, screen)));

  beforeAll(async () => {
    const started = Date.now();
    api = await openApi();
    base = api.url.replace(/\/graphql$/, '');
    await seed();
    chromium = await launchChromium(base);
    timings.setup = Date.now() - started;
  }, SLOW);
  afterAll(async () => {
    await chromium?.close();
    await api?.close();
    // Every axe finding (serious and critical ones fail the tests) and the timings, for review.
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(join(SCREENSHOTS, '..', 'browser-report.json'), JSON.stringify({ findings, timings }, null, 2));
  });

  async function seed() {
    const ok = api.ok.bind(api);
    await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.area, name: 'Northshire' } });
    await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' } });
    await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.quietTeam, areaId: ids.area, name: 'Hillside coaches' } });
    const organisation = (organisationId: string, name: string, kind: string, parentId?: string) =>
      ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { organisationId, name, kind, areaId: ids.area, parentId } });
    await organisation(ids.council, 'Northshire Council', 'COUNCIL');
    await organisation(ids.housing, 'Northshire Housing Options', 'COUNCIL', ids.council);
    await organisation(ids.gp, 'Riverside GP Practice', 'GP_PRACTICE');

    // Two coaches in the team: the signed-in coach is found by their name.
    coach = await makeUser(api, 'Robin Coachwell', [{ role: 'coach', teamId: ids.team }]);
    const coachId = randomUUID();
    for (const [id, displayName] of [[coachId, 'Robin Coachwell'], [randomUUID(), 'Sam Othercoach']]) {
      await ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, { i: { coachId: id, teamId: ids.team, displayName, joinedOn: daysAgo(400) } });
    }
    await ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, {
      i: { coachId: randomUUID(), teamId: ids.quietTeam, displayName: 'Quinn Newcoach', joinedOn: daysAgo(10) },
    });

    // The harness's own user records what happened before the coach opens the app.
    await api.coachIn(ids.team);
    const join = (personId: string, displayName: string, joinedDaysAgo: number, share: boolean) =>
      ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
        i: {
          personId,
          displayName,
          phone: '+44 7700 900001',
          referralSource: 'GP',
          areaId: ids.area,
          teamId: ids.team,
          coachId,
          joinedOn: daysAgo(joinedDaysAgo),
          consentToHoldInformation: true,
          consentToShareWordsAnonymised: share,
        },
      });
    await join(people.alex, 'Alex Synthetic', 120, true);
    await join(people.bea, 'Bea Example', 60, false);
    await join(people.cal, 'Cal Placeholder', 5, false);
    for (const [personId, days] of [[people.alex, 120], [people.bea, 60]] as const) {
      await ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, { i: { personId, coachId, startedOn: daysAgo(days) } });
    }
    await ok(`mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`, {
      i: {
        personId: people.alex,
        occurredOn: daysAgo(30),
        channel: 'PHONE',
        initiatedBy: 'PERSON',
        minutes: 20,
        whatMattered: 'Talked through a synthetic plan for the week',
        strengthsNoticed: ['synthetic patience'],
      },
    });
    await ok(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { id } }`, {
      i: { personId: people.alex, inPersonsWords: 'Synthetic aspiration: learn to drive', setOn: daysAgo(100) },
    });
    await ok(`mutation($i: NoticeStrengthInput!) { noticeStrength(input: $i) { id } }`, {
      i: { personId: people.alex, inPersonsWords: 'Synthetic strength: fixes bikes', noticedBy: 'PERSON', noticedOn: daysAgo(90) },
    });
    await ok(`mutation($i: MakeConnectionInput!) { makeConnection(input: $i) { id } }`, {
      i: { personId: people.alex, kind: 'COMMUNITY_GROUP', description: 'Synthetic walking group', madeOn: daysAgo(80) },
    });
    for (const [days, answers] of [[110, [2, 2, 3, 2, 2, 3, 2]], [20, [3, 4, 3, 4, 3, 4, 4]]] as const) {
      await ok(`mutation($i: CheckInWellbeingInput!) { checkInWellbeing(input: $i) { id } }`, {
        i: { personId: people.alex, scale: 'SWEMWBS', answers, checkedInOn: daysAgo(days), personChoseToCheckIn: true },
      });
    }
    await ok(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, {
      i: { teamId: ids.team, amountPence: 50_000, fundedOn: daysAgo(200), source: 'Synthetic grant' },
    });
    await ok(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
      i: { teamId: ids.team, personId: people.alex, amountPence: 12_500, purpose: 'Synthetic driving lessons', purposeCategory: 'DRIVING_LESSONS', requestedOn: daysAgo(15) },
    });
  }

  async function signIn(page: Page, email: string, password = PASSWORD) {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('lets a coach see their people, open a person, record a conversation and an observation, and sign out', async () => {
    const page = await chromium.freshPage();
    const journey = Date.now();

    // Not signed in: the app sends the coach to sign in.
    await page.goto('/people');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await check(page, 'sign-in');
    await signIn(page, coach.email);

    // Back where they were going: My people, the longest without contact first.
    await page.getByRole('heading', { level: 1, name: 'My people' }).waitFor();
    const names = page.locator('.people__name');
    await names.first().waitFor();
    expect(await names.allTextContents()).toEqual(['Bea Example', 'Alex Synthetic', 'Cal Placeholder']);
    await expect(page.getByText('Last contact').first().textContent()).resolves.toContain('30 days ago');
    await check(page, 'my-people');

    // A reload keeps the session: the CSRF token comes back from the API, not from storage.
    await page.reload();
    await names.first().waitFor();
    expect(await page.evaluate('JSON.stringify(Object.keys(localStorage).concat(Object.keys(sessionStorage)))')).not.toContain('csrf');

    await page.getByRole('link', { name: 'Alex Synthetic' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex Synthetic' }).waitFor();
    for (const text of [
      'Synthetic aspiration: learn to drive',
      'Synthetic strength: fixes bikes',
      'Synthetic walking group',
      'Synthetic driving lessons',
      'Talked through a synthetic plan for the week',
    ]) {
      await expect(page.getByText(text).first().isVisible()).resolves.toBe(true);
    }
    expect(await page.locator('#wellbeing').textContent()).toMatch(/SWEMWBS \(7 to 35\): [\d.]+ on .*, [\d.]+ on .* \(up [\d.]+, over 2 check-ins\)/);
    // Focus moved to the new page's heading when the route changed.
    expect((await focused(page)).tag).toBe('h1');
    // Browser history and tab lists keep titles: no names in them.
    expect(await page.title()).toBe('A person’s page – Learning Loop');
    await check(page, 'person');
    // The phone's first screen as a person sees it, with the actions fixed at the bottom.
    await page.screenshot({ path: join(SCREENSHOTS, 'person-phone-first-screen.png') });

    // Record a conversation: last time's channel and length are filled in; only what mattered is typed.
    await page.getByRole('link', { name: 'Record a conversation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a conversation with Alex Synthetic' }).waitFor();
    const formOpened = Date.now();
    expect(await page.getByLabel('Phone call').isChecked()).toBe(true);
    expect(await page.getByLabel('How long, in minutes').inputValue()).toBe('20');
    await check(page, 'record-conversation');
    await page.getByRole('button', { name: 'Save conversation' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Write what mattered to them');
    expect((await focused(page)).text).toContain('There is a problem');
    await check(page, 'record-conversation-errors');
    const typing = Date.now();
    await page.getByLabel('What mattered to them?').fill('Synthetic: wants to plan the first driving lesson');
    await page.getByRole('button', { name: '45 minutes' }).click();
    await page.getByRole('button', { name: 'Save conversation' }).click();
    await page.getByRole('status').filter({ hasText: 'Conversation saved.' }).waitFor();
    timings.recordConversation = Date.now() - formOpened;
    // Filling in and saving alone (no axe checks, no screenshots): the server's share of "under a minute".
    timings.conversationFillAndSave = Date.now() - typing;
    await expect(page.getByText('Synthetic: wants to plan the first driving lesson').first().isVisible()).resolves.toBe(true);
    const recorded = await api.ok(`query($id: ID!) { person(id: $id) { interactionCount interactions { id minutes channel whatMattered } } }`, { id: people.alex });
    expect(recorded.person.interactionCount).toBe(2);
    expect(recorded.person.interactions[0]).toMatchObject({ minutes: 45, channel: 'PHONE', whatMattered: 'Synthetic: wants to plan the first driving lesson' });
    await check(page, 'person-after-conversation');

    // Record an observation from that conversation.
    await page.getByRole('status').getByRole('link', { name: 'Record an observation from this conversation', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Record an observation with Alex Synthetic' }).waitFor();
    const observationOpened = Date.now();
    await check(page, 'record-observation');
    const filling = Date.now();
    await page.getByLabel('A barrier').check();
    await page.getByLabel('Which service?').fill('housing');
    await page.getByRole('status').filter({ hasText: 'One service matches' }).waitFor();
    await page.getByLabel('Northshire Housing Options').check();
    const category = page.getByLabel('Category');
    const firstCategory = await category.locator('option').nth(1).getAttribute('value');
    await category.selectOption(firstCategory!);
    await page.getByLabel('What happened?').fill('Synthetic: the service closed the request without asking the person');
    await page.getByLabel('What did it mean for them?').fill('Synthetic: had to start again from the beginning');
    await page.getByLabel('Gave up on the service').check();
    await page.getByLabel('4', { exact: true }).check();
    await page.getByLabel('In their own words (optional)').fill('Synthetic quote: nobody asked me');
    const checkStarted = Date.now();
    await check(page, 'record-observation-filled');
    const checkTook = Date.now() - checkStarted;
    await page.getByRole('button', { name: 'Save observation' }).click();
    // Their words need the confirmation before anything is sent.
    await page.getByRole('alert').filter({ hasText: 'Tick to confirm they are happy for these words to be shared' }).waitFor();
    await page.getByLabel(/They are happy for these words to be shared/).check();
    await page.getByRole('button', { name: 'Save observation' }).click();
    await page.getByRole('status').filter({ hasText: 'Barrier saved.' }).waitFor();
    timings.recordObservation = Date.now() - observationOpened;
    timings.observationFillAndSave = Date.now() - filling - checkTook;
    const observations = await api.ok(`{ observations(first: 5) { edges { node { kind organisationId personId interactionId categoryId severity quote impactTags whatHappened } } } }`);
    expect(observations.observations.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        kind: 'BARRIER',
        organisationId: ids.housing,
        personId: people.alex,
        interactionId: recorded.person.interactions[0].id,
        categoryId: firstCategory,
        severity: 4,
        quote: 'Synthetic quote: nobody asked me',
        impactTags: ['GAVE_UP_ON_THE_SERVICE'],
        whatHappened: 'Synthetic: the service closed the request without asking the person',
      },
    ]);

    // A person who has not agreed to share their words gets no quote field.
    await page.goto(`/people/${people.bea}/observations/new`);
    await page.getByRole('heading', { level: 1, name: 'Record an observation with Bea Example' }).waitFor();
    expect(await page.getByLabel('In their own words (optional)').count()).toBe(0);
    await expect(page.getByText('Bea Example has not agreed to their words being shared').isVisible()).resolves.toBe(true);

    // Change password: a wrong current password is named as the thing to fix.
    await page.getByRole('link', { name: 'Password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await page.getByLabel('Current password').fill('not-the-synthetic-password');
    await page.getByLabel('New password', { exact: true }).fill('a-new-synthetic-password-42');
    await page.getByLabel('New password again').fill('a-new-synthetic-password-42');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The password you typed is not your current password' }).waitFor();
    await check(page, 'change-password-error');

    // Sign out: back to signing in, and the people's pages are closed again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
    await page.goto(`/people/${people.alex}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();
    const afterSignOut = await page.request.post('/graphql', { data: { query: '{ me { userId } }' } });
    expect((await afterSignOut.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    timings.coachJourney = Date.now() - journey;
    expect(serious).toEqual([]);
  }, SLOW);

  it('explains a wrong password, and what is missing before asking the server', async () => {
    const page = await chromium.freshPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toEqual(['Enter your email address', 'Enter your password']);
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await page.getByLabel('Email address').getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toBe('Error: Enter your email address');
    await check(page, 'sign-in-missing');

    await signIn(page, coach.email, 'a-wrong-synthetic-password');
    await summary.filter({ hasText: 'The email or password is not right.' }).waitFor();
    expect(await summary.textContent()).toContain('After 5 wrong passwords in a row the account is locked for 15 minutes.');
    expect((await focused(page)).text).toContain('The email or password is not right.');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await check(page, 'sign-in-wrong-password');
    expect(serious).toEqual([]);
  }, SLOW);

  it('can be signed into with the keyboard alone, with focus always visible', async () => {
    const page = await chromium.freshPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();

    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ text: 'Skip to main content', visibleIndicator: true });
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'email', visibleIndicator: true });
    await page.keyboard.type(coach.email);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'password', visibleIndicator: true });
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'show-password', visibleIndicator: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Sign in', visibleIndicator: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Hello, Robin Coachwell' }).waitFor();
    // Focus starts at the new page's heading, so the next Tab is the page's first link.
    expect(await focused(page)).toMatchObject({ tag: 'h1', text: 'Hello, Robin Coachwell' });
    await check(page, 'home-coach');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'My people', visibleIndicator: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My people' }).waitFor();
    expect((await focused(page)).tag).toBe('h1');
    expect(serious).toEqual([]);
  }, SLOW);

  it('shows each role its own screens from home, and tells a coach with nobody yet plainly what to do', async () => {
    const influencer = await makeUser(api, 'Indra Influencer', [{ role: 'influencer' }]);
    const page = await chromium.freshPage();
    await page.goto('/');
    await signIn(page, influencer.email);
    await page.getByRole('heading', { level: 1, name: 'Hello, Indra Influencer' }).waitFor();
    await expect(page.getByText(/curate themes from them, approve quotes for sharing/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('main').getByRole('link', { name: 'Open the theme board' }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('link', { name: 'My people' }).count()).toBe(0);
    await check(page, 'home-influencer');
    await page.goto('/people');
    await page.getByRole('heading', { level: 1, name: 'Not for your role' }).waitFor();

    const quiet = await makeUser(api, 'Quinn Newcoach', [{ role: 'coach', teamId: ids.quietTeam }]);
    const second = await chromium.freshPage();
    await second.goto('/people');
    await signIn(second, quiet.email);
    await second.getByText('Nobody is on your caseload yet.').waitFor();
    await check(second, 'my-people-empty');

    // Without a team of their own, an observation names its area from the coach's team.
    await second.getByRole('link', { name: 'Record observation' }).click();
    await second.getByRole('heading', { level: 1, name: 'Record an observation' }).waitFor();
    expect(await second.getByLabel('Area').count()).toBe(0);
    await expect(second.getByText('A quote in a person’s own words can be added when you record the observation from their page.').isVisible()).resolves.toBe(true);
    await check(second, 'record-observation-without-person');

    // A coach whose name matches none of the team's coach records is asked once which is theirs.
    const partTime = await makeUser(api, 'Pat Parttime', [{ role: 'coach', teamId: ids.team }]);
    const third = await chromium.freshPage();
    await third.goto('/people');
    await signIn(third, partTime.email);
    await third.getByRole('group', { name: 'Which coach are you?' }).waitFor();
    await check(third, 'which-coach');
    await third.getByRole('button', { name: 'Show my people' }).click();
    await third.getByRole('alert').filter({ hasText: 'Choose the coach you are' }).waitFor();
    await third.getByLabel('Sam Othercoach').check();
    await third.getByRole('button', { name: 'Show my people' }).click();
    await third.getByText('Nobody is on your caseload yet.').waitFor();
    await third.reload();
    await third.getByText('Showing the caseload of Sam Othercoach.').waitFor();

    await third.goto('/somewhere-that-does-not-exist');
    await third.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await check(third, 'not-found');
    expect(serious).toEqual([]);
  }, SLOW);
});
