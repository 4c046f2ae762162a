import type { Page } from 'playwright-core';
import { daysAgo } from './browser.js';
import { openRoleBrowser, type RoleBrowser, type Seeded, SLOW } from './roles-seed.js';

/**
 * The leader's learning page in real Chromium against the real server: every figure as known now,
 * then as known at the end of yesterday (before anything here was recorded: the figures change to
 * nothing), and adding a reflection that then heads the timeline. axe and screenshots on every
 * screen. All data synthetic.
 */
describe('the leader’s learning page in a browser', () => {
  let browser: RoleBrowser;
  let ids: Seeded['ids'];
  let users: Seeded['users'];

  beforeAll(async () => {
    browser = await openRoleBrowser('roles-learning', { loop: true });
    ({ ids, users } = browser.seeded);
  }, SLOW);
  afterAll(() => browser?.close());

  /** Waits until the outcomes' "People joined" figure reads as expected (the page's scripts may not be eval'd: CSP). */
  const peopleJoined = (page: Page, text: RegExp) =>
    page.locator('.stats').first().locator('.stats__item').filter({ hasText: 'People joined' }).locator('dd', { hasText: text }).waitFor();

  it('lets a leader look back to an earlier day and see every figure as known then, and add a reflection', async () => {
    const started = Date.now();
    const page = await browser.signIn(users.leader.email);
    await page.getByRole('link', { name: 'Learning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning over time' }).waitFor();
    const joined = page.locator('.stats').first().locator('.stats__item').filter({ hasText: 'People joined' }).locator('dd');
    await joined.waitFor();
    expect((await joined.textContent())?.trim()).toBe('3 few');
    await page.getByText('Synthetic question: does one shared assessment help?').waitFor();
    await expect(page.getByText('Every figure on this page is as known now').isVisible()).resolves.toBe(true);
    await page.locator('section[aria-labelledby="themes"]').getByText(/themes? (was|were) tested/).waitFor();
    await page.locator('section[aria-labelledby="responses"] .stats').waitFor();
    await page.locator('section[aria-labelledby="loop"] table').waitFor();
    await page.locator('.chart__plot svg').first().waitFor();
    await browser.screen(page, 'learning');

    // As known at the end of yesterday: everything here was recorded today, so nothing was known yet.
    await page.getByLabel('As known at the end of').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Every figure on this page is as known at the end of' }).waitFor();
    await peopleJoined(page, /^\s*0\s*$/);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(daysAgo(1));
    await page.getByText('Nothing on the timeline yet.').waitFor();
    expect(await page.getByText('Synthetic question: does one shared assessment help?').count()).toBe(0);
    await page.getByText(`No feedback report had been shared by`).waitFor();
    await browser.screen(page, 'learning-as-of');

    await page.getByRole('link', { name: 'Show what is known now' }).click();
    await peopleJoined(page, /^\s*3 few\s*$/);

    await page.getByRole('link', { name: 'Add a reflection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a reflection' }).waitFor();
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await page.getByRole('alert').filter({ hasText: 'Write the learning question it answers' }).waitFor();
    await browser.screen(page, 'add-reflection-errors');
    await page.getByLabel('The learning question').fill('Synthetic question: do services answer faster with a named contact?');
    await page.getByLabel('What happened', { exact: true }).fill('Synthetic: two services were given a named contact.');
    await page.getByLabel('What we learned').fill('Synthetic: both answered within the month.');
    await page.getByLabel('What we will try next (optional)').fill('Synthetic: offer a named contact to every service.');
    await page.getByLabel('Support stops at the borough line').check();
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning over time' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Reflection saved' }).waitFor();
    await page.getByText('Synthetic question: do services answer faster with a named contact?').waitFor();
    const timeline = await browser.api.ok(`{ learningTimeline(first: 50) { edges { node { kind reflection { learningQuestion experiment themes { id } } } } } }`);
    const added = timeline.learningTimeline.edges.map((e: { node: any }) => e.node).find((n: any) => n.reflection?.learningQuestion.includes('named contact'));
    expect(added.reflection).toEqual({
      learningQuestion: 'Synthetic question: do services answer faster with a named contact?',
      experiment: 'Synthetic: offer a named contact to every service.',
      themes: [{ id: ids.themeBorough }],
    });
    browser.timings.leader = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
