import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { ApiHarness } from '../e2e/api-harness.js';
import { daysAgo, focused, makeUser, PASSWORD } from './browser.js';
import { openSeededBrowser, type RoleBrowser } from './roles-seed.js';

/**
 * The coaching relationship in real Chromium against the real server: a coach welcomes someone
 * new (their consent explained, and refused without it), then starts, varies, pauses (at the
 * person's request), resumes, ends (with the planned-ending prompts) and re-opens coaching,
 * and welcomes a second person with coaching started at once. After each step the API says the
 * same as the screen. Every new screen is checked with axe and photographed. All names and words
 * are synthetic.
 */
const SLOW = 300_000;

describe('the coach’s relationship screens in a browser', () => {
  let browser: RoleBrowser<void>;
  let api: ApiHarness;
  const ids = { area: randomUUID(), team: randomUUID(), otherTeam: randomUUID(), coach: randomUUID() };
  let coach: { email: string; userId: string };

  const check = (page: Page, screen: string) => browser.screen(page, screen);

  beforeAll(async () => {
    browser = await openSeededBrowser('coach-relationship', async (opened) => {
      api = opened;
      await seed();
    });
  }, SLOW);
  afterAll(() => browser?.close());

  async function seed() {
    const ok = api.ok.bind(api);
    await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.area, name: 'Synthetic Vale' } });
    await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.team, areaId: ids.area, name: 'Synthetic Brook coaches' } });
    await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.otherTeam, areaId: ids.area, name: 'Synthetic Hill coaches' } });
    // The coach works in two teams, with a coach record (matched by name) in the first.
    coach = await makeUser(api, 'Kit Coachley', [
      { role: 'coach', teamId: ids.team },
      { role: 'coach', teamId: ids.otherTeam },
    ]);
    await ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, { i: { coachId: ids.coach, teamId: ids.team, displayName: 'Kit Coachley', joinedOn: daysAgo(300) } });
    // The harness's own user reads what the coach recorded, and adds a connection along the way.
    await api.coachIn(ids.team);
  }

  const today = () => new Date().toISOString().slice(0, 10);

  async function relationship(personId: string) {
    const { person } = await api.ok(
      `query($id: ID!) { person(id: $id) { displayName referralSource teamId areaId coachId joinedOn consent { toHoldInformation toShareWordsAnonymised }
         relationship { status since meeting { frequency preferredChannel agreedOn } } timeline { kind occurredOn note detail } } }`,
      { id: personId },
    );
    return person as {
      displayName: string;
      referralSource: string;
      teamId: string;
      areaId: string;
      coachId: string;
      joinedOn: string;
      consent: { toHoldInformation: boolean; toShareWordsAnonymised: boolean };
      relationship: { status: string; since: string | null; meeting?: { frequency: string; preferredChannel: string; agreedOn: string } | null };
      timeline: Array<{ kind: string; occurredOn: string; note: string | null; detail: string | null }>;
    };
  }

  async function caseloadNames(): Promise<string[]> {
    const { caseload } = await api.ok(`query($c: ID!) { caseload(coachId: $c) { displayName } }`, { c: ids.coach });
    return caseload.map((p: { displayName: string }) => p.displayName);
  }

  const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const summary = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });
  const coaching = (page: Page) => page.locator('#coaching');

  it('welcomes someone with their consent, then starts, varies, pauses, resumes, ends well and re-opens their coaching', async () => {
    const page = await browser.freshPage();
    await page.goto('/people');
    await page.getByLabel('Email address').fill(coach.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // My people, empty: it says how to welcome someone, and links to it.
    await page.getByText('Nobody is on your caseload yet.').waitFor();
    await page.getByRole('link', { name: 'Welcome someone new', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome someone new' }).waitFor();
    // Consent is explained before it is asked for; coaching starts today unless unticked; the coach's own team is chosen.
    for (const text of ['What is kept:', 'Who sees it:', 'Their say:']) await expect(page.getByText(text).isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('Start coaching today').isChecked()).toBe(true);
    expect(await page.getByLabel('Synthetic Brook coaches').isChecked()).toBe(true);
    expect(await page.getByLabel('The day they joined').inputValue()).toBe(today());
    await check(page, 'welcome-someone-new');

    await page.getByLabel('The name they would like to be known by').fill('Synthetic Sky');
    await page.getByLabel('Phone number (optional)').fill('+44 7700 900123');
    await page.getByLabel('Email address (optional)').fill('sky.synthetic@example.test');
    await page.getByLabel('A social prescriber or link worker').check();
    await page.getByLabel('No, their words stay inside the organisation').check();
    await page.getByLabel('Start coaching today').uncheck();
    // Without their consent to hold their information, nothing is sent.
    await page.getByRole('button', { name: 'Welcome them' }).click();
    await summary(page).waitFor();
    expect(await summary(page).locator('li').allTextContents()).toEqual(['Ask them first: someone can only be recorded if they agree to their information being held']);
    expect((await focused(page)).text).toContain('There is a problem');
    expect(await page.getByLabel('They agree to their information being held').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'welcome-someone-new-no-consent');
    expect(await caseloadNames()).toEqual([]);
    // The summary's link takes the coach to the checkbox.
    await summary(page).getByRole('link').click();
    expect((await focused(page)).id).toBe('consentToHoldInformation');

    await page.getByLabel('They agree to their information being held').check();
    await page.getByRole('button', { name: 'Welcome them' }).click();
    await notice(page, 'Welcome recorded. Start coaching from this page when you are both ready.');
    await page.getByRole('heading', { level: 1, name: 'Synthetic Sky' }).waitFor();
    const sky = new URL(page.url()).pathname.split('/').pop()!;
    let held = await relationship(sky);
    expect(held).toMatchObject({
      displayName: 'Synthetic Sky',
      referralSource: 'SOCIAL_PRESCRIBER',
      teamId: ids.team,
      areaId: ids.area,
      coachId: ids.coach,
      joinedOn: today(),
      consent: { toHoldInformation: true, toShareWordsAnonymised: false },
      relationship: { status: 'not_started' },
    });
    expect(await coaching(page).textContent()).toContain('Coaching has not started yet.');
    await check(page, 'person-coaching-not-started');

    // Start.
    await coaching(page).getByRole('link', { name: 'Start coaching', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Start coaching with Synthetic Sky' }).waitFor();
    expect(await page.getByLabel('The day coaching starts').inputValue()).toBe(today());
    await check(page, 'coaching-start');
    await page.getByRole('button', { name: 'Start coaching' }).click();
    await notice(page, 'Coaching has started.');
    held = await relationship(sky);
    expect(held.relationship).toEqual({ status: 'active', since: today(), meeting: null });
    expect(await coaching(page).textContent()).toContain('Coaching since');
    expect(await coaching(page).textContent()).toContain('How often, and how, they would like to meet is not recorded yet.');
    await check(page, 'person-coaching-active');

    // A connection made along the way: the ending conversation will name it.
    await api.ok(`mutation($i: MakeConnectionInput!) { makeConnection(input: $i) { id } }`, {
      i: { personId: sky, kind: 'COMMUNITY_GROUP', description: 'Synthetic allotment group', madeOn: today() },
    });

    // Vary: how often and how they would like to meet.
    await coaching(page).getByRole('link', { name: 'Change how often or how you meet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change how you meet with Synthetic Sky' }).waitFor();
    await page.getByRole('button', { name: 'Save how you meet' }).click();
    await summary(page).waitFor();
    expect(await summary(page).locator('li').allTextContents()).toEqual(['Choose how often they would like to meet', 'Choose how they would like to keep in touch']);
    await check(page, 'coaching-vary');
    await page.getByLabel('Every two weeks').check();
    await page.getByLabel('Phone call').check();
    await page.getByRole('button', { name: 'Save how you meet' }).click();
    await notice(page, 'Saved: they would like to meet every two weeks, by phone call.');
    held = await relationship(sky);
    expect(held.relationship.status).toBe('active');
    expect(held.timeline.at(-1)).toMatchObject({ kind: 'coaching.varied', detail: 'fortnightly', occurredOn: today() });
    expect(held.relationship.meeting).toEqual({ frequency: 'FORTNIGHTLY', preferredChannel: 'PHONE', agreedOn: today() });
    // Shown by the relationship's status, in plain words: how often, and how.
    expect(await coaching(page).getByRole('definition').filter({ hasText: 'Every two weeks, by phone call' }).isVisible()).toBe(true);
    expect(await coaching(page).textContent()).toContain('How they would like to meet');
    await check(page, 'person-coaching-varied');
    // Changed again, the form starts from what was agreed until now.
    await coaching(page).getByRole('link', { name: 'Change how often or how you meet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change how you meet with Synthetic Sky' }).waitFor();
    await page.getByText('Until now: every two weeks, by phone call').waitFor();
    expect(await page.getByLabel('Every two weeks').isChecked()).toBe(true);
    expect(await page.getByLabel('Phone call').isChecked()).toBe(true);
    await page.getByLabel('In person').check();
    await page.getByRole('button', { name: 'Save how you meet' }).click();
    await notice(page, 'Saved: they would like to meet every two weeks, in person.');
    expect((await relationship(sky)).relationship.meeting).toEqual({ frequency: 'FORTNIGHTLY', preferredChannel: 'IN_PERSON', agreedOn: today() });
    expect(await coaching(page).textContent()).toContain('Every two weeks, in person');

    // Pause, at their request, with a reason in their words.
    await coaching(page).getByRole('link', { name: 'Pause coaching' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pause coaching with Synthetic Sky' }).waitFor();
    await check(page, 'coaching-pause');
    await page.getByLabel('They asked for a pause').check();
    await page.getByLabel('Why, in a few words (optional)').fill('Synthetic reason: a busy month of exams');
    await page.getByRole('button', { name: 'Pause coaching' }).click();
    await notice(page, 'Coaching is paused.');
    held = await relationship(sky);
    expect(held.relationship).toMatchObject({ status: 'paused', since: today() });
    expect(held.timeline.at(-1)).toMatchObject({ kind: 'coaching.paused', detail: 'person', note: 'Synthetic reason: a busy month of exams' });
    const paused = await coaching(page).textContent();
    expect(paused).toContain('Paused since');
    expect(paused).toContain('“Synthetic reason: a busy month of exams”');
    // What was agreed about meeting holds through the pause.
    expect(paused).toContain('Every two weeks, in person');
    // A paused relationship offers resume and end, not another pause.
    expect(await coaching(page).getByRole('link', { name: 'Pause coaching' }).count()).toBe(0);
    await check(page, 'person-coaching-paused');

    // Resume.
    await coaching(page).getByRole('link', { name: 'Resume coaching' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resume coaching with Synthetic Sky' }).waitFor();
    expect(await page.getByText(', at their request').isVisible()).toBe(true);
    await check(page, 'coaching-resume');
    await page.getByRole('button', { name: 'Resume coaching' }).click();
    await notice(page, 'Coaching has resumed.');
    expect((await relationship(sky)).relationship).toMatchObject({ status: 'active', since: today() });
    // Opened again once it is done, the page says why it cannot be done now.
    await page.goBack();
    await page.getByText('Only coaching that is paused can be resumed.').waitFor();
    await page.getByRole('link', { name: 'See what can be done from their page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Synthetic Sky' }).waitFor();

    // End, planned together: the page carries the ending conversation's prompts.
    await coaching(page).getByRole('link', { name: 'End coaching' }).click();
    await page.getByRole('heading', { level: 1, name: 'End coaching with Synthetic Sky' }).waitFor();
    const prompts = (await page.locator('.ending-prompts').textContent()) ?? '';
    for (const text of ['What has changed for them', 'What they are proud of', 'Who is around them now', 'Synthetic allotment group (community group)', 'What they will do if things get hard', 'That they can come back']) {
      expect(prompts).toContain(text);
    }
    await check(page, 'coaching-end');
    // No ending conversation yet: a gentle note, and a planned ending is refused until there was one.
    await page.getByLabel('No, not yet').check();
    await page.getByRole('status').filter({ hasText: 'A planned ending conversation is the usual way to end.' }).waitFor();
    await page.getByLabel('Planned together with them').check();
    await page.getByRole('button', { name: 'End coaching' }).click();
    await summary(page).waitFor();
    expect(await summary(page).textContent()).toContain('A planned ending is agreed in a conversation with them');
    await check(page, 'coaching-end-no-conversation');
    expect((await relationship(sky)).relationship.status).toBe('active');
    await page.getByLabel('Yes, we talked it through').check();
    await page.getByLabel('In their words, how would they like the ending described? (optional)').fill('Synthetic words: ready to carry on with the allotment group');
    expect(await page.getByLabel('The day coaching ends').inputValue()).toBe(today());
    await page.getByRole('button', { name: 'End coaching' }).click();
    await notice(page, 'Coaching has ended.');
    held = await relationship(sky);
    expect(held.relationship).toMatchObject({ status: 'ended', since: today() });
    expect(held.timeline.at(-1)).toMatchObject({ kind: 'coaching.ended', detail: 'planned_with_person', note: 'Synthetic words: ready to carry on with the allotment group' });
    const ended = await coaching(page).textContent();
    expect(ended).toContain('Planned together with them');
    expect(ended).toContain('“Synthetic words: ready to carry on with the allotment group”');
    expect(await caseloadNames()).toEqual([]);
    await check(page, 'person-coaching-ended');

    // They came back: found under "Coaching ended" on My people, and re-opened from their page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My people', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My people' }).waitFor();
    await page.getByText('Coaching ended (1)').click();
    await check(page, 'my-people-ended');
    await page.locator('details.more').getByRole('link', { name: 'Synthetic Sky' }).click();
    await page.getByRole('heading', { level: 1, name: 'Synthetic Sky' }).waitFor();
    await coaching(page).getByRole('link', { name: 'Re-open coaching' }).click();
    await page.getByRole('heading', { level: 1, name: 'Re-open coaching with Synthetic Sky' }).waitFor();
    await check(page, 'coaching-reopen');
    await page.getByRole('button', { name: 'Re-open coaching' }).click();
    await notice(page, 'Coaching is re-opened');
    held = await relationship(sky);
    // Re-opened, the same relationship carries on, with the way of meeting agreed before.
    expect(held.relationship).toEqual({ status: 'active', since: today(), meeting: { frequency: 'FORTNIGHTLY', preferredChannel: 'IN_PERSON', agreedOn: today() } });
    expect(held.timeline.map((step) => step.kind).filter((kind) => kind.startsWith('coaching.'))).toEqual([
      'coaching.started',
      'coaching.varied',
      'coaching.varied',
      'coaching.paused',
      'coaching.resumed',
      'coaching.ended',
      'coaching.reopened',
    ]);
    expect(await caseloadNames()).toEqual(['Synthetic Sky']);

    // A second person, with coaching started as they join (two commands, one press).
    await page.getByRole('link', { name: 'My people' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'My people' }).waitFor();
    await page.getByRole('link', { name: 'Welcome someone new', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome someone new' }).waitFor();
    await page.getByLabel('The name they would like to be known by').fill('Synthetic Rain');
    await page.getByLabel('They found us themselves').check();
    await page.getByLabel('They agree to their information being held').check();
    await page.getByLabel('Yes, they are happy for that').check();
    await page.getByRole('button', { name: 'Welcome them' }).click();
    await notice(page, 'Welcome recorded, and coaching has started.');
    await page.getByRole('heading', { level: 1, name: 'Synthetic Rain' }).waitFor();
    const rain = await relationship(new URL(page.url()).pathname.split('/').pop()!);
    expect(rain).toMatchObject({
      referralSource: 'SELF',
      consent: { toHoldInformation: true, toShareWordsAnonymised: true },
      relationship: { status: 'active', since: today() },
    });
    expect((await caseloadNames()).sort()).toEqual(['Synthetic Rain', 'Synthetic Sky']);

    expect(browser.serious).toEqual([]);
  }, SLOW);
});
