import type { Page } from 'playwright-core';
import { AccountsService, OIDC_SIGN_IN_ERROR_CODES } from '#libs/access';
import { commandContext } from '#libs/capture';
import { FakeIdentityProvider } from '../../libs/access/src/oidc/testing/fake-identity-provider.js';
import type { ApiHarness } from '../e2e/api-harness.js';
import { daysAgo, makeUser, PASSWORD } from './browser.js';
import { openSeededBrowser, type RoleBrowser } from './roles-seed.js';

/**
 * Getting in, and correcting what the organisation learned, in real Chromium against the real
 * server: someone invited opens the link an administrator passed on and chooses a password (a
 * short one and one that is their email address are refused, then two that differ), then signs
 * in with it; the sign-in page says what went wrong with single sign-on (an unknown account, a
 * code it does not know, the provider out of reach) and offers it because it is configured; and
 * a leader revises one reflection and withdraws another, each with why, and sees the reasons
 * kept (a withdrawn one on the timeline when asked for). axe and screenshots on every new
 * screen. The server's single sign-on points at a provider that has stopped, so following the
 * link comes back with provider_unavailable. All data synthetic; few sign-ins (10 a minute).
 */
const SLOW = 120_000;

describe('accepting an invitation, single sign-on’s errors, and revising and withdrawing reflections, in a browser', () => {
  let browser: RoleBrowser<void>;
  let api: ApiHarness;

  beforeAll(async () => {
    const gone = await FakeIdentityProvider.start({ clientId: 'learning-loop-browser', clientSecret: 'synthetic-client-secret' });
    await gone.stop();
    browser = await openSeededBrowser('access-reflections', async (opened) => void (api = opened), {
      OIDC_ISSUER_URL: gone.issuer,
      OIDC_CLIENT_ID: 'learning-loop-browser',
      OIDC_CLIENT_SECRET: 'synthetic-client-secret',
      OIDC_REDIRECT_URI: 'https://loop.example.test/auth/oidc/callback',
    });
  }, SLOW);
  afterAll(() => browser?.close());

  const screen = (page: Page, name: string) => browser.screen(page, name);

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
  }

  it('lets someone invited choose a password from the link, refusing a weak one and two that differ, then sign in with it', async () => {
    const started = Date.now();
    const email = `synthetic.invitee.${Date.now().toString(36)}@example.test`;
    const { invitationToken } = await api.app
      .get(AccountsService)
      .invite({ email, displayName: 'Synthetic Invitee', grants: [{ role: 'leader' }] }, commandContext({ actor: 'system:test' }));

    const page = await browser.freshPage();
    await page.goto(`/invitation?token=${encodeURIComponent(invitationToken)}`);
    await page.getByRole('heading', { level: 1, name: 'Choose your password for Learning Loop' }).waitFor();
    // The token is in the form, and out of the address bar (the history entry is replaced: see the end).
    await expect(page.getByLabel('Invitation token').inputValue()).resolves.toBe(invitationToken);
    await page.waitForURL((url) => url.pathname === '/invitation' && url.search === '');
    await page.getByText('At least 12 characters').waitFor();
    await screen(page, 'accept-invitation');

    // Too short: refused here, before the API is asked.
    await page.getByLabel('New password', { exact: true }).fill('too-short');
    await page.getByLabel('New password again').fill('too-short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The password must be at least 12 characters' }).waitFor();
    // Their email address: refused by the API, and said against the field.
    await page.getByLabel('New password', { exact: true }).fill(email);
    await page.getByLabel('New password again').fill(email);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The password must not be your email address' }).waitFor();
    await page.locator('#password-error').filter({ hasText: 'must not be your email address' }).waitFor();
    await screen(page, 'accept-invitation-errors');

    const chosen = 'synthetic juniper lantern harbour 42';
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('New password again').fill(`${chosen}!`);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('alert').filter({ hasText: 'Type the same password again: the two do not match' }).waitFor();

    await page.getByLabel('New password again').fill(chosen);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your password is set: sign in' }).waitFor();
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('');
    await screen(page, 'sign-in-after-invitation');
    // Back in the history, the invitation's page is there without its token.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Choose your password for Learning Loop' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await expect(page.getByLabel('Invitation token').inputValue()).resolves.toBe('');
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();

    // The invitation is used up: a second use is refused.
    const again = await api.anonymous.graphql(`mutation($t: String!, $p: String!) { acceptInvitation(invitationToken: $t, password: $p) { id } }`, {
      t: invitationToken,
      p: 'another synthetic password 77',
    });
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    await signIn(page, email, chosen);
    browser.timings.invitation = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);

  it('says on the sign-in page what went wrong with single sign-on and what to do, never showing the code it was given', async () => {
    const started = Date.now();
    const page = await browser.freshPage();
    await page.goto('/sign-in?error=unknown_user');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Learning Loop' }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your organisation account is not set up in Learning Loop: ask an administrator to invite you with that email address.' })
      .waitFor();
    // Single sign-on is configured on this server, so it is offered.
    const sso = page.getByRole('link', { name: 'Sign in with your organisation account' });
    await sso.waitFor();
    expect(await sso.getAttribute('href')).toBe('/auth/oidc/login');
    await screen(page, 'sign-in-sso-error');

    await page.goto(`/sign-in?error=${encodeURIComponent('<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>')}`);
    await page.getByRole('alert').filter({ hasText: 'Signing in with your organisation account did not work.' }).waitFor();
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/onerror|script|injected/);
    expect(await page.evaluate('window.__injected')).toBeUndefined();

    // Every code the server can send back has its own words, not the general message.
    for (const code of OIDC_SIGN_IN_ERROR_CODES) {
      await page.goto(`/sign-in?error=${code}`);
      const alert = page.getByRole('alert').filter({ hasText: 'Single sign-on did not work' });
      await alert.waitFor();
      expect(await alert.innerText()).not.toContain('Signing in with your organisation account did not work.');
    }

    // The provider cannot be reached: the server sends the browser back with provider_unavailable.
    await sso.click();
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('error') === 'provider_unavailable');
    await page.getByRole('alert').filter({ hasText: 'Your organisation’s sign-in service could not be reached.' }).waitFor();
    browser.timings.signInErrors = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);

  it('lets a leader revise one reflection and withdraw another, the timeline keeping what was known before', async () => {
    const started = Date.now();
    const leader = await makeUser(api, 'Synthetic Leader', [{ role: 'leader' }]);
    const record = async (input: Record<string, unknown>): Promise<string> =>
      (await api.ok(`mutation($i: RecordReflectionInput!) { recordReflection(input: $i) { id } }`, { i: input })).recordReflection.id;
    const revised = await record({
      occurredOn: daysAgo(20),
      learningQuestion: 'Synthetic question: does a named contact help people through a move?',
      whatHappened: 'Synthetic: two coaches stayed the named contact through a move.',
      insight: 'Synthetic: people kept coming.',
      decision: 'Synthetic: keep the same coach through a move.',
    });
    const withdrawn = await record({
      occurredOn: daysAgo(10),
      learningQuestion: 'Synthetic question recorded twice by mistake',
      whatHappened: 'Synthetic: a duplicate.',
      insight: 'Synthetic: none.',
    });

    const page = await browser.freshPage();
    await page.goto('/sign-in');
    await signIn(page, leader.email, PASSWORD);
    await page.getByRole('link', { name: 'Learning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning over time' }).waitFor();
    await page.getByRole('link', { name: 'Revise or withdraw the reflection “Synthetic question: does a named contact help people through a move?”' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reflection' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/learning/reflections/${revised}`);
    await page.getByText('Synthetic: keep the same coach through a move.').waitFor();
    await screen(page, 'reflection');

    await page.getByRole('button', { name: 'Revise this reflection' }).click();
    await page.getByRole('heading', { level: 2, name: 'Revise this reflection' }).waitFor();
    await expect(page.getByLabel('What we learned').inputValue()).resolves.toBe('Synthetic: people kept coming.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nothing is changed yet.' }).waitFor();
    await page.getByLabel('What we learned').fill('Synthetic: most people kept coming, and said why.');
    await page.getByLabel('What we decided (optional)').fill('');
    await page.getByLabel('When it happened').fill(daysAgo(21));
    await page.getByLabel('Why you are revising it (optional)').fill('Synthetic: the decision was not made yet, and the date was a day out.');
    await screen(page, 'reflection-revise');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Reflection revised.' }).waitFor();
    await page.getByText('Synthetic: most people kept coming, and said why.').waitFor();
    expect(await page.getByText('Synthetic: keep the same coach through a move.').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('on')).toBe(daysAgo(21));
    // Why it was revised is kept with it, and shown.
    await page.getByText('Why it was revised: “Synthetic: the decision was not made yet, and the date was a day out.”').waitFor();
    await screen(page, 'reflection-revised');

    const reflectionsNow = async (asOf?: string, includeWithdrawn = false) =>
      (
        await api.ok(
          `query($asOf: DateTime, $withdrawn: Boolean) { learningTimeline(first: 100, asOf: $asOf, includeWithdrawn: $withdrawn) {
            edges { node { reflection { id insight decision occurredOn revisedAt revisionReason withdrawal { reason } } } } } }`,
          { asOf: asOf ?? null, withdrawn: includeWithdrawn },
        )
      ).learningTimeline.edges
        .map((e: { node: { reflection: unknown } }) => e.node.reflection)
        .filter(Boolean) as Array<{
        id: string;
        insight: string;
        decision: string | null;
        occurredOn: string;
        revisedAt: string | null;
        revisionReason: string | null;
        withdrawal: { reason: string } | null;
      }>;
    const afterRevision = (await reflectionsNow()).find((r) => r.id === revised);
    expect(afterRevision).toEqual({
      id: revised,
      insight: 'Synthetic: most people kept coming, and said why.',
      decision: null,
      occurredOn: daysAgo(21),
      revisedAt: expect.any(String),
      revisionReason: 'Synthetic: the decision was not made yet, and the date was a day out.',
      withdrawal: null,
    });

    const beforeWithdrawal = new Date().toISOString();
    await page.goto(`/learning/reflections/${withdrawn}`);
    await page.getByRole('heading', { level: 1, name: 'Reflection' }).waitFor();
    await page.getByText('Synthetic question recorded twice by mistake').waitFor();
    await page.getByRole('button', { name: 'Withdraw this reflection…' }).click();
    await page.getByRole('heading', { level: 2, name: 'Withdraw this reflection?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page.getByRole('alert').filter({ hasText: 'Write why you are withdrawing it' }).waitFor();
    await screen(page, 'reflection-withdraw');
    // Keeping it: nothing changes.
    await page.getByRole('button', { name: 'No, keep it' }).click();
    await page.getByRole('button', { name: 'Withdraw this reflection…' }).click();
    await page.getByLabel('Why you are withdrawing it').fill('Synthetic: recorded twice.');
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page.getByRole('heading', { level: 1, name: 'Learning over time' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Reflection withdrawn' }).waitFor();
    await page.getByRole('link', { name: /^Revise or withdraw the reflection “Synthetic question: does a named contact/ }).waitFor();
    await page.locator('.learning-timeline').getByText('Synthetic question recorded twice by mistake').waitFor({ state: 'detached' });
    // The revised one says why it was revised on the timeline too.
    await page.locator('.learning-timeline').getByText('Why it was revised: “Synthetic: the decision was not made yet, and the date was a day out.”').waitFor();

    // Asked for, the withdrawn one is back on the timeline, marked, with why, and cannot be changed.
    await page.getByLabel('Show withdrawn reflections').check();
    const withdrawnEntry = page.locator('.learning-timeline li').filter({ hasText: 'Synthetic question recorded twice by mistake' });
    await withdrawnEntry.getByText(/^Withdrawn by you on .+: “Synthetic: recorded twice\.”$/).waitFor();
    expect(await withdrawnEntry.locator('.badge--withdrawn').textContent()).toBe('Withdrawn');
    expect(await withdrawnEntry.getByRole('link').count()).toBe(0);
    await screen(page, 'learning-timeline-withdrawn');
    await page.getByLabel('Show withdrawn reflections').uncheck();
    await page.locator('.learning-timeline').getByText('Synthetic question recorded twice by mistake').waitFor({ state: 'detached' });

    // Off the timeline now; still there as known before it was withdrawn.
    expect((await reflectionsNow()).map((r) => r.id)).not.toContain(withdrawn);
    expect((await reflectionsNow(beforeWithdrawal)).map((r) => r.id)).toContain(withdrawn);
    expect((await reflectionsNow(beforeWithdrawal, true)).find((r) => r.id === withdrawn)?.withdrawal).toBeNull();
    expect((await reflectionsNow(undefined, true)).find((r) => r.id === withdrawn)?.withdrawal).toEqual({ reason: 'Synthetic: recorded twice.' });

    // Its page now says it was withdrawn, and why, and offers no change.
    await page.goto(`/learning/reflections/${withdrawn}?on=${daysAgo(10)}`);
    await page.getByRole('heading', { level: 1, name: 'Withdrawn reflection' }).waitFor();
    await page.getByText(/^Withdrawn by you on .+: “Synthetic: recorded twice\.”$/).waitFor();
    await page.getByText('Synthetic question recorded twice by mistake').waitFor();
    expect(await page.getByRole('button', { name: 'Revise this reflection' }).count()).toBe(0);
    await screen(page, 'reflection-withdrawn');

    // A link to a reflection there never was says it is not there, and where to look.
    await page.goto('/learning/reflections/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Reflection not found' }).waitFor();
    await screen(page, 'reflection-not-found');
    browser.timings.reflections = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
