import { openRoleBrowser, type RoleBrowser, type Seeded, SLOW } from './roles-seed.js';

/**
 * The administrator's screens in real Chromium against the real server: inviting someone (the
 * one-time token shown works), giving them a second role, linking their coach record, and the areas and teams, organisations,
 * categories and audit log pages. axe and screenshots on every screen. All data synthetic.
 */
describe('the administrator’s screens in a browser', () => {
  let browser: RoleBrowser;
  let ids: Seeded['ids'];
  let users: Seeded['users'];

  beforeAll(async () => {
    browser = await openRoleBrowser('roles-admin', { loop: false });
    ({ ids, users } = browser.seeded);
  }, SLOW);
  afterAll(() => browser?.close());

  it('lets an administrator invite someone, give them a role, and see areas, organisations, categories and the audit log', async () => {
    const started = Date.now();
    const page = await browser.signIn(users.admin.email);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users and roles' }).waitFor();
    await page.getByRole('link', { name: 'Pat Partner' }).waitFor();
    await browser.screen(page, 'admin-users');

    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter their name' }).waitFor();
    await page.getByLabel('Their name').fill('Noor Newcoach');
    const email = `noor.newcoach.${Date.now().toString(36)}@example.test`;
    await page.getByLabel('Their email address').fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('COACH');
    await page.getByLabel('Team').selectOption({ label: 'Riverside coaches (Northshire)' });
    await page.getByRole('button', { name: 'Invite' }).click();
    const invited = page.getByRole('status').filter({ hasText: 'Noor Newcoach is invited.' });
    await invited.waitFor();
    const token = (await invited.locator('.token').textContent())!.trim();
    expect(token.length).toBeGreaterThan(20);
    await browser.screen(page, 'admin-invited');
    // The token shown works, once.
    const accepted = await browser.api.anonymous.graphql(`mutation($t: String!, $p: String!) { acceptInvitation(invitationToken: $t, password: $p) { id } }`, {
      t: token,
      p: 'a-synthetic-password-for-noor',
    });
    expect(accepted.errors).toBeUndefined();

    await page.getByRole('link', { name: 'Noor Newcoach' }).click();
    await page.getByRole('heading', { level: 1, name: 'Noor Newcoach' }).waitFor();
    await page.locator('.entry').filter({ hasText: 'Coach in Riverside coaches' }).waitFor();
    await page.getByLabel('Role', { exact: true }).selectOption('COMMISSIONER');
    await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Southvale' });
    await page.getByRole('button', { name: 'Give this role' }).click();
    await page.getByRole('status').filter({ hasText: 'Commissioner for Southvale: given to Noor Newcoach.' }).waitFor();
    // Noor coaches under the coach record Robin Coachwell: linked, their screens open on it.
    await page.getByRole('button', { name: 'Link this coach record' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose the coach record that is theirs' }).waitFor();
    await page.getByLabel('Coach record', { exact: true }).selectOption({ label: 'Robin Coachwell (Riverside coaches)' });
    await page.getByRole('button', { name: 'Link this coach record' }).click();
    await page.getByRole('status').filter({ hasText: 'Noor Newcoach is now the coach Robin Coachwell (Riverside coaches).' }).waitFor();
    await page.getByText('Linked to the coach Robin Coachwell (Riverside coaches)').waitFor();
    await browser.screen(page, 'admin-user');
    const listed = (await browser.api.ok(`{ users { email coachId grants { role teamId areaId } } }`)).users.find((u: { email: string }) => u.email === email);
    expect(listed.coachId).toBe(ids.coach);
    expect(listed.grants).toEqual(
      expect.arrayContaining([
        { role: 'COACH', teamId: ids.team, areaId: null },
        { role: 'COMMISSIONER', teamId: null, areaId: ids.otherArea },
      ]),
    );

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Areas and teams' }).click();
    await page.getByRole('heading', { level: 1, name: 'Areas and teams' }).waitFor();
    await page.getByText('Riverside coaches').waitFor();
    await browser.screen(page, 'admin-teams');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.locator('.tree ul').getByText('Northshire Housing Options').waitFor();
    await browser.screen(page, 'admin-organisations');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('heading', { level: 1, name: 'Categories' }).waitFor();
    await page.getByText('Waiting times', { exact: true }).waitFor();
    await browser.screen(page, 'admin-categories');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByLabel('Done by').selectOption({ label: 'Ada Admin' });
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.locator('.audit tbody tr td').filter({ hasText: 'Ada Admin' }).first().waitFor();
    await browser.screen(page, 'admin-audit');
    browser.timings.admin = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
