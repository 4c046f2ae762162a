import { daysAgo } from './browser.js';
import { K, openRoleBrowser, type RoleBrowser, type Seeded, SLOW } from './roles-seed.js';

/**
 * A partner service's and a commissioner's screens in real Chromium against the real server: the
 * partner reads a shared report (a theme held back as "fewer than K"), acknowledges it, responds,
 * agrees a change and marks it done, and sees an earlier change checked (a clear fall, its
 * numbers held back); the commissioner reads the area's reports and the service's answer, and is
 * refused the partner's pages by name. axe and screenshots on every screen. All data synthetic.
 */
describe('a partner service’s and a commissioner’s screens in a browser', () => {
  let browser: RoleBrowser;
  let ids: Seeded['ids'];
  let users: Seeded['users'];

  beforeAll(async () => {
    browser = await openRoleBrowser('roles-reports', { loop: true });
    ({ ids, users } = browser.seeded);
  }, SLOW);
  afterAll(() => browser?.close());

  const report = (id: string) =>
    browser.api.ok(`query($id: ID!) { report(id: $id) { acknowledgedAt respondedAt response actions { what owner dueOn themeId status doneOn } } }`, { id });

  it('lets a partner service read a shared report, acknowledge it, respond, agree a change and mark it done, and see an earlier change checked', async () => {
    const started = Date.now();
    const page = await browser.signIn(users.partner.email);
    await page.getByRole('link', { name: 'Shared reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports shared with your service' }).waitFor();
    const titles = page.locator('.report-list__title');
    await titles.first().waitFor();
    expect(await titles.allTextContents()).toEqual(expect.arrayContaining(['What coaches saw: Northshire Housing Options, autumn', 'What coaches saw: Northshire Housing Options, spring']));
    expect(await titles.count()).toBe(2);
    await browser.screen(page, 'partner-reports');

    await page.getByRole('link', { name: 'What coaches saw: Northshire Housing Options, autumn' }).click();
    await page.getByRole('heading', { level: 1, name: 'What coaches saw: Northshire Housing Options, autumn' }).waitFor();
    const themes = page.getByRole('table').filter({ hasText: 'Support stops at the borough line' });
    expect(await themes.getByRole('row', { name: /Support stops at the borough line/ }).textContent()).toContain('8');
    // The first theme's three later observations are fewer than K: held back, with no direction.
    const heldBack = await themes.getByRole('row', { name: /Asked to start again/ }).textContent();
    expect(heldBack).toContain(`fewer than ${K}`);
    expect(heldBack).not.toMatch(/\b3\b/);
    await expect(page.getByText(`“Fewer than ${K}” stands for a count from 1 to ${K - 1}.`).isVisible()).resolves.toBe(true);
    await browser.screen(page, 'partner-report');

    // The printable page and the figures, as the links give them.
    for (const [name, type] of [['Printable page', /^text\/html/], ['The figures as a spreadsheet (CSV)', /^text\/csv/]] as const) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(type);
    }

    await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await page.getByRole('status').filter({ hasText: 'the report is marked as received' }).waitFor();
    await page.getByText(/You acknowledged this report on/).waitFor();

    await page.getByRole('button', { name: 'Send response' }).click();
    await page.getByRole('alert').filter({ hasText: 'Write your response to the report' }).waitFor();
    await page.getByLabel('Your response').fill('Synthetic response: we will keep one contact through a move.');
    await page.getByRole('button', { name: 'Send response' }).click();
    await page.getByRole('heading', { name: /^Your response, sent on/ }).waitFor();

    await page.getByLabel('What will change').fill('Synthetic change: one named contact through a move');
    await page.getByLabel('Who will do it').fill('Housing options team lead');
    await page.getByLabel('By when').fill(daysAgo(-30));
    await page.getByLabel('The theme it answers (optional)').selectOption({ label: 'Support stops at the borough line' });
    await page.getByRole('button', { name: 'Agree this change' }).click();
    await page.getByRole('status').filter({ hasText: 'Change agreed: “Synthetic change: one named contact through a move”.' }).waitFor();
    await browser.screen(page, 'partner-report-answered');

    await page.getByRole('form', { name: 'Mark done: Synthetic change: one named contact through a move' }).getByRole('button', { name: 'Mark done' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked done on' }).waitFor();

    const answered = (await report(ids.newer)).report;
    expect(answered).toMatchObject({
      acknowledgedAt: expect.any(String),
      respondedAt: expect.any(String),
      response: 'Synthetic response: we will keep one contact through a move.',
      actions: [
        {
          what: 'Synthetic change: one named contact through a move',
          owner: 'Housing options team lead',
          dueOn: daysAgo(-30),
          themeId: ids.themeBorough,
          status: 'DONE',
          doneOn: daysAgo(0),
        },
      ],
    });

    // The earlier report: its change was checked, and the theme fell clearly.
    await page.getByRole('link', { name: 'Reports shared with your service' }).click();
    await page.getByRole('link', { name: 'What coaches saw: Northshire Housing Options, spring' }).click();
    await page.getByRole('heading', { level: 1, name: 'What coaches saw: Northshire Housing Options, spring' }).waitFor();
    const checked = page.locator('.check');
    await checked.waitFor();
    const text = (await checked.textContent()) ?? '';
    expect(text).toContain('Change check: fell clearly.');
    // Outside the organisation the after count (3) is small, so it is held back, and the before count with it.
    expect(text).toContain('before it was agreed');
    expect(text.match(/the number is held back/g)).toHaveLength(2);
    expect(text).not.toMatch(/\b(20|3) observations|p = /);
    await expect(page.getByText('Synthetic words: I had to tell it all again').isVisible()).resolves.toBe(true);
    await browser.screen(page, 'partner-report-checked');
    browser.timings.partner = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);

  it('shows a commissioner the area’s reports, how the service answered, and the themes raised; and only their own pages', async () => {
    const started = Date.now();
    const page = await browser.signIn(users.commissioner.email);
    await page.getByRole('link', { name: 'Your area', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Northshire' }).waitFor();
    const titles = page.locator('.report-list__title');
    await titles.first().waitFor();
    expect((await titles.allTextContents()).sort()).toEqual(
      ['Northshire: what coaches saw this year', 'What coaches saw: Northshire Housing Options, autumn', 'What coaches saw: Northshire Housing Options, spring'].sort(),
    );
    await page.getByText('For Northshire Housing Options').first().waitFor();
    const stats = page.locator('.stats');
    expect(await stats.getByText('Reports shared').locator('..').textContent()).toContain('3');
    expect(await page.locator('table').filter({ hasText: 'Reports raising it' }).textContent()).toContain('Asked to start again');
    await browser.screen(page, 'commissioner-area');

    await page.getByRole('link', { name: 'What coaches saw: Northshire Housing Options, autumn' }).click();
    await page.getByRole('heading', { level: 1, name: 'What coaches saw: Northshire Housing Options, autumn' }).waitFor();
    await page.getByText('Synthetic response: we will keep one contact through a move.').waitFor();
    await expect(page.getByText('Synthetic change: one named contact through a move').isVisible()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Acknowledge receipt' }).count()).toBe(0);
    await browser.screen(page, 'commissioner-report');

    // A partner's pages are not theirs: the refusal names the role it is for.
    await page.goto('/shared-reports');
    await page.getByRole('heading', { level: 1, name: 'Not for your role' }).waitFor();
    await expect(page.getByText('This page is for partner services, and your account does not have the partner service role.').isVisible()).resolves.toBe(true);
    browser.timings.commissioner = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
