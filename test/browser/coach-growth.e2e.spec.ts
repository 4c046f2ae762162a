import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { ApiHarness } from '../e2e/api-harness.js';
import { daysAgo, focused, PASSWORD, seedCoachTeam } from './browser.js';
import { openSeededBrowser, type RoleBrowser } from './roles-seed.js';

/**
 * The coach's growth screens in real Chromium against the real server: a person's aspirations
 * (set, progress, achieved, changed, let go), strengths, connections (made and ended), a personal
 * budget request (a bad amount refused first), and a wellbeing check-in the person fills in
 * themselves with the keyboard alone. Every result is checked through the API as well as on the
 * screen; every new screen is checked with axe and photographed (test-output/screenshots/growth-*).
 * All names and words are synthetic.
 */
const SLOW = 240_000;

interface Growth {
  person: {
    aspirations: Array<{ id: string; inPersonsWords: string; status: string; changedFrom: string | null; changedTo: string | null; history: Array<{ kind: string; note: string | null }> }>;
    strengths: Array<{ inPersonsWords: string; noticedBy: string }>;
    connections: Array<{ id: string; kind: string; description: string; current: boolean; endNote: string | null }>;
    budgets: Array<{ amountPence: number; purpose: string; purposeCategory: string; status: string; teamId: string }>;
    wellbeingTrend: { checkIns: Array<{ scale: string; score: number; rawScore: number }> };
  };
}

describe('the coach’s growth screens in a browser', () => {
  let browser: RoleBrowser<void>;
  let api: ApiHarness;
  const ids = { area: randomUUID(), team: randomUUID(), alex: randomUUID(), drivingAspiration: randomUUID() };
  let coach: { email: string; userId: string };

  const check = (page: Page, screen: string) => browser.screen(page, `growth-${screen}`);
  const growth = () =>
    api.ok<Growth>(
      `query($id: ID!) { person(id: $id) {
        aspirations { id inPersonsWords status changedFrom changedTo history { kind note } }
        strengths { inPersonsWords noticedBy }
        connections { id kind description current endNote }
        budgets { amountPence purpose purposeCategory status teamId }
        wellbeingTrend { checkIns { scale score rawScore } }
      } }`,
      { id: ids.alex },
    );
  const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const problem = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: 'There is a problem' }).filter({ hasText: text }).waitFor();

  beforeAll(async () => {
    browser = await openSeededBrowser('growth', async (opened) => {
      api = opened;
      await seed();
    });
  }, SLOW);
  afterAll(() => browser?.close());

  async function seed() {
    const ok = api.ok.bind(api);
    const seeded = await seedCoachTeam(api, { areaId: ids.area, teamId: ids.team });
    coach = seeded.coach;
    const coachId = seeded.coachId;
    await ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId: ids.alex,
        displayName: 'Alex Synthetic',
        phone: '+44 7700 900001',
        referralSource: 'GP',
        areaId: ids.area,
        teamId: ids.team,
        coachId,
        joinedOn: daysAgo(120),
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: false,
      },
    });
    await ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, { i: { personId: ids.alex, coachId, startedOn: daysAgo(120) } });
    await ok(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { id } }`, {
      i: { personId: ids.alex, aspirationId: ids.drivingAspiration, inPersonsWords: 'Synthetic aspiration: learn to drive', setOn: daysAgo(100) },
    });
    // One earlier check-in on the short scale (raw 16, metric 16.36), so the new one shows a change.
    await ok(`mutation($i: CheckInWellbeingInput!) { checkInWellbeing(input: $i) { id } }`, {
      i: { personId: ids.alex, scale: 'SWEMWBS', answers: [2, 2, 3, 2, 2, 3, 2], checkedInOn: daysAgo(60), personChoseToCheckIn: true },
    });
    await ok(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, {
      i: { teamId: ids.team, amountPence: 50_000, fundedOn: daysAgo(200), source: 'Synthetic grant' },
    });
  }

  async function signInTo(page: Page, path: string) {
    await page.goto(path);
    await page.getByLabel('Email address').fill(coach.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex Synthetic' }).waitFor();
  }

  it('sets, progresses, achieves, changes and lets go of aspirations; notices a strength; makes and ends a connection; asks for a budget', async () => {
    const page = await browser.freshPage();
    const journey = Date.now();
    await signInTo(page, `/people/${ids.alex}`);

    // An aspiration, in their words: nothing typed is refused with the field named.
    await page.getByRole('link', { name: 'Add an aspiration', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an aspiration for Alex Synthetic' }).waitFor();
    expect(await page.title()).toBe('Add an aspiration – Learning Loop');
    expect(await page.getByLabel('When did they set it?').inputValue()).toBe(await page.evaluate('(() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"), String(d.getDate()).padStart(2, "0")].join("-"); })()'));
    await check(page, 'aspiration-new');
    await page.getByRole('button', { name: 'Add aspiration' }).click();
    await problem(page, 'Write their aspiration, in their words');
    expect((await focused(page)).text).toContain('There is a problem');
    expect(await page.getByLabel('Their aspiration').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'aspiration-new-errors');
    await page.getByLabel('Their aspiration').fill('Synthetic aspiration: run a 5k with my sister');
    await page.getByRole('button', { name: 'Add aspiration' }).click();
    await notice(page, 'Aspiration added.');
    await page.getByText('Synthetic aspiration: run a 5k with my sister').first().waitFor();
    let after = await growth();
    const running = after.person.aspirations.find((a) => a.inPersonsWords === 'Synthetic aspiration: run a 5k with my sister');
    expect(running).toMatchObject({ status: 'ACTIVE' });

    // Progress on it: the page opens with "Progress" already chosen.
    await page.getByRole('link', { name: 'Note progress on “Synthetic aspiration: run a 5k with my sister”', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex Synthetic’s aspiration' }).waitFor();
    expect(await page.getByLabel('Progress').isChecked()).toBe(true);
    await check(page, 'aspiration-progress');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await problem(page, 'Write what moved on');
    await page.getByLabel('What moved on?').fill('Synthetic: ran 2k without stopping');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await notice(page, 'Progress noted.');

    // Achieved, with a note.
    await page.getByRole('link', { name: 'Achieved, changed or let go – “Synthetic aspiration: run a 5k with my sister”', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Alex Synthetic’s aspiration' }).waitFor();
    await page.getByText('Synthetic: ran 2k without stopping').waitFor();
    await page.getByLabel('They achieved it').check();
    await page.getByLabel('Anything they want to say about it? (optional)').fill('Synthetic: did it in the park run');
    await check(page, 'aspiration-achieve');
    await page.getByRole('button', { name: 'Mark as achieved' }).click();
    await notice(page, 'Aspiration marked as achieved.');
    after = await growth();
    expect(after.person.aspirations.find((a) => a.id === running!.id)).toMatchObject({
      status: 'ACHIEVED',
      history: [
        { kind: 'aspiration.set', note: 'Synthetic aspiration: run a 5k with my sister' },
        { kind: 'aspiration.progress_noted', note: 'Synthetic: ran 2k without stopping' },
        { kind: 'aspiration.achieved', note: 'Synthetic: did it in the park run' },
      ],
    });
    // An achieved aspiration offers nothing more to record.
    expect(await page.getByRole('link', { name: 'Note progress on “Synthetic aspiration: run a 5k with my sister”', exact: true }).count()).toBe(0);
    await page.goto(`/people/${ids.alex}/aspirations/${running!.id}`);
    await page.getByText('This aspiration is achieved, so nothing more can be recorded on it.').waitFor();
    expect(await page.getByRole('button', { name: 'Mark as achieved' }).count()).toBe(0);

    // The seeded one is changed into a new one, which is then let go of.
    await page.goto(`/people/${ids.alex}/aspirations/${ids.drivingAspiration}`);
    await page.getByLabel('They changed it').check();
    await page.getByRole('button', { name: 'Save the new aspiration' }).click();
    await problem(page, 'Write the new aspiration, in their words');
    await page.getByLabel('The new aspiration').fill('Synthetic aspiration: ride a motorbike');
    await page.getByRole('button', { name: 'Save the new aspiration' }).click();
    await notice(page, 'Aspiration changed');
    await page.getByRole('link', { name: 'Achieved, changed or let go – “Synthetic aspiration: ride a motorbike”', exact: true }).click();
    await page.getByLabel('They let it go').check();
    await page.getByLabel('Why they let it go (optional)').fill('Synthetic: would rather cycle');
    await page.getByRole('button', { name: 'Mark as let go' }).click();
    await notice(page, 'Aspiration marked as let go.');
    after = await growth();
    const motorbike = after.person.aspirations.find((a) => a.inPersonsWords === 'Synthetic aspiration: ride a motorbike');
    expect(motorbike).toMatchObject({ status: 'LET_GO', changedFrom: ids.drivingAspiration });
    expect(after.person.aspirations.find((a) => a.id === ids.drivingAspiration)).toMatchObject({ status: 'CHANGED', changedTo: motorbike!.id });

    // A strength they noticed themselves.
    await page.getByRole('link', { name: 'Notice a strength', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Notice a strength of Alex Synthetic' }).waitFor();
    await page.getByRole('button', { name: 'Save strength' }).click();
    await problem(page, 'Choose who noticed it');
    await check(page, 'strength-new-errors');
    await page.getByLabel('The strength').fill('Synthetic strength: patient with children');
    await page.getByLabel('They did').check();
    await page.getByRole('button', { name: 'Save strength' }).click();
    await notice(page, 'Strength noted.');
    after = await growth();
    expect(after.person.strengths).toEqual([{ inPersonsWords: 'Synthetic strength: patient with children', noticedBy: 'PERSON' }]);

    // A connection, made and then ended.
    await page.getByRole('link', { name: 'Add a connection', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a connection for Alex Synthetic' }).waitFor();
    await check(page, 'connection-new');
    await page.getByLabel('Community group', { exact: true }).check();
    await page.getByLabel('Who or what').fill('Synthetic Tuesday walking group');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await notice(page, 'Connection added.');
    await page.getByRole('link', { name: 'End this connection with Synthetic Tuesday walking group', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'End a connection of Alex Synthetic' }).waitFor();
    // It cannot end before it was made.
    await page.getByLabel('When did it end?').fill(daysAgo(3));
    await page.getByRole('button', { name: 'End connection' }).click();
    await problem(page, 'The date cannot be before');
    await page.getByLabel('When did it end?').fill(await page.getByLabel('When did it end?').getAttribute('max').then((max) => max!));
    await page.getByLabel('How it ended (optional)').fill('Synthetic: the group moved to weekends');
    await check(page, 'connection-end');
    await page.getByRole('button', { name: 'End connection' }).click();
    await notice(page, 'Connection ended.');
    after = await growth();
    expect(after.person.connections).toEqual([
      { id: expect.any(String), kind: 'COMMUNITY_GROUP', description: 'Synthetic Tuesday walking group', current: false, endNote: 'Synthetic: the group moved to weekends' },
    ]);
    expect(await page.getByRole('link', { name: /End this connection/ }).count()).toBe(0);

    // A personal budget: the pot's balance first; bad amounts are refused with a message.
    await page.getByRole('link', { name: 'Ask for a personal budget', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ask for a personal budget for Alex Synthetic' }).waitFor();
    expect(await page.locator('#pot').textContent()).toContain('£500.00');
    await expect(page.getByText('A personal budget is money Alex Synthetic decides how to use').isVisible()).resolves.toBe(true);
    const categories = await page.getByRole('group', { name: 'What kind of thing is it for?' }).locator('.choice__label').allTextContents();
    expect(categories).toHaveLength(9);
    expect(categories.at(-1)).toBe('Something else');
    await check(page, 'budget-new');
    const amount = page.getByLabel('How much, in pounds');
    for (const [typed, message] of [
      ['twelve', 'Enter the amount as a number of pounds'],
      ['-5', 'The amount cannot be negative'],
      ['12.345', 'no more than 2 digits after the point'],
      ['600', 'The pot has £500.00 left for new requests'],
    ] as const) {
      await amount.fill(typed);
      await page.getByRole('button', { name: 'Ask for the budget' }).click();
      await problem(page, message);
    }
    await check(page, 'budget-errors');
    expect((await growth()).person.budgets).toEqual([]);
    await amount.fill('£45.50');
    await page.getByLabel('What it is for').fill('Synthetic: a theory test and two driving lessons');
    await page.getByLabel('Driving lessons or a driving test').check();
    await page.getByRole('button', { name: 'Ask for the budget' }).click();
    await notice(page, 'Personal budget of £45.50 asked for.');
    await page.getByText('Asked for £45.50').waitFor();
    after = await growth();
    expect(after.person.budgets).toEqual([
      { amountPence: 4550, purpose: 'Synthetic: a theory test and two driving lessons', purposeCategory: 'DRIVING_LESSONS', status: 'REQUESTED', teamId: ids.team },
    ]);
    await check(page, 'person-after');
    // Asking again, the request waiting for a decision is shown beside what is left, not taken from it.
    await page.getByRole('link', { name: 'Ask for a personal budget', exact: true }).click();
    await page.locator('#pot').getByText('One request for £45.50 is waiting for a decision').waitFor();
    expect(await page.locator('#pot').textContent()).toContain('£500.00');
    await check(page, 'budget-awaiting');
    browser.timings.growthJourney = Date.now() - journey;
    expect(browser.serious).toEqual([]);
  }, SLOW);

  it('lets the person fill in a wellbeing check-in themselves, by keyboard alone, stopping or recording as they choose', async () => {
    const page = await browser.freshPage();
    const journey = Date.now();
    await signInTo(page, `/people/${ids.alex}`);
    const checkIns = async () => (await growth()).person.wellbeingTrend.checkIns;

    // Stopping part-way records nothing.
    await page.getByRole('link', { name: 'Start a wellbeing check-in', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Hand your phone to them' }).waitFor();
    expect(await page.getByLabel('7 questions').isChecked()).toBe(true);
    await check(page, 'check-in-handover');
    await page.getByRole('button', { name: 'Start the check-in' }).click();
    await page.getByRole('heading', { name: 'Over the last two weeks I’ve been optimistic about the future' }).waitFor();
    // In the person's hands: no navigation, no way back to the coach's pages, no staff name.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Back to / }).count()).toBe(0);
    expect(await page.getByText(/Signed in as/).count()).toBe(0);
    await page.getByRole('button', { name: 'Next question' }).click();
    await problem(page, 'Choose the answer closest to how it has been for you');
    await check(page, 'check-in-question-error');
    await page.getByLabel('Often').check();
    await page.getByRole('button', { name: 'Stop here and record nothing' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nothing was recorded' }).waitFor();
    await check(page, 'check-in-stopped');
    expect(await checkIns()).toHaveLength(1);
    await page.getByRole('button', { name: 'Back to their page' }).click();
    await notice(page, 'nothing was recorded');
    // Handed back: the coach's navigation is there again.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // Now all of it, with the keyboard alone once the page is open: Tab, the arrow keys and Space.
    await page.getByRole('link', { name: 'Start a wellbeing check-in', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Hand your phone to them' }).waitFor();
    expect((await focused(page)).tag).toBe('h1');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'scale', visibleIndicator: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Start the check-in', visibleIndicator: true });
    await page.keyboard.press('Space');

    const answers = [3, 4, 3, 4, 4, 3, 4];
    const questions = [
      'optimistic about the future',
      'feeling useful',
      'feeling relaxed',
      'dealing with problems well',
      'thinking clearly',
      'feeling close to other people',
      'able to make up my own mind',
    ];
    for (const [i, answer] of answers.entries()) {
      await page.getByRole('heading', { level: 2, name: `Over the last two weeks I’ve been ${questions[i]}` }).waitFor();
      await page.getByText(`Question ${i + 1} of 7`).waitFor();
      // The question's heading has focus: the next Tab is the first answer.
      expect(await focused(page)).toMatchObject({ tag: 'h2', text: `Over the last two weeks I’ve been ${questions[i]}` });
      if (i === 1) await check(page, 'check-in-question');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ id: 'answer', visibleIndicator: true });
      await page.keyboard.press('Space');
      for (let step = 1; step < answer; step += 1) await page.keyboard.press('ArrowDown');
      expect(await page.locator(`input[name="item${i + 1}"]:checked`).getAttribute('value')).toBe(String(answer));
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'button', text: i < 6 ? 'Next question' : 'Continue', visibleIndicator: true });
      await page.keyboard.press('Space');
    }

    // Nothing is recorded until they choose to record it.
    await page.getByRole('heading', { level: 2, name: 'You have answered all 7 questions' }).waitFor();
    expect(await checkIns()).toHaveLength(1);
    await check(page, 'check-in-record');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Record my check-in' });
    await page.keyboard.press('Space');
    await problem(page, 'Tick “I want to record this”');
    expect(await checkIns()).toHaveLength(1);
    // From the error summary: its link, then the checkbox.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', visibleIndicator: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'chose', visibleIndicator: true });
    await page.keyboard.press('Space');
    expect(await page.getByLabel('I want to record this').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Record my check-in', visibleIndicator: true });
    await page.keyboard.press('Space');

    // Their score (raw 25 is 22.35 on the metric scale), and the change from 16.36 last time.
    await page.getByRole('heading', { level: 2, name: 'Your check-in is recorded' }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'h2', text: 'Your check-in is recorded' });
    await page.getByText('Your score: 22.35').waitFor();
    await expect(page.getByText(/it was 16\.36: up 5\.99 since then\./).isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { level: 2, name: 'Hand back to your coach' }).waitFor();
    await check(page, 'check-in-done');
    expect(await checkIns()).toEqual([
      { scale: 'SWEMWBS', score: 16.36, rawScore: 16 },
      { scale: 'SWEMWBS', score: 22.35, rawScore: 25 },
    ]);

    await page.getByRole('button', { name: 'Back to their page' }).click();
    await notice(page, 'Wellbeing check-in recorded: a score of 22.35 (SWEMWBS).');
    expect(await page.locator('#wellbeing').textContent()).toMatch(/SWEMWBS \(7 to 35\): 16\.36 on .*, 22\.35 on .* \(up 5\.99, over 2 check-ins\)/);
    browser.timings.checkInJourney = Date.now() - journey;
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
