import { planDemo, type DemoStep } from '../../apps/cli/src/demo/plan.js';
import { runDemoPlan } from '../../apps/cli/src/demo/run-plan.js';
import type { Page } from 'playwright-core';
import type { ApiHarness } from '../e2e/api-harness.js';
import { daysAgo, makeUser } from './browser.js';
import { openSeededBrowser, type RoleBrowser } from './roles-seed.js';

/**
 * The whole learning loop in real Chromium on the demo data, each step by the role that does it
 * on that role's own screens: a coach records a barrier at Northvale Housing Options → the
 * system influencer sees the planted rise on the theme board, adds the coach's observation to
 * the rising theme, and builds and shares a report to the service → the service acknowledges
 * it, responds and agrees a change → leadership sees the report shared and the change agreed on
 * the learning timeline. axe and screenshots on every screen. The demo world is synthetic and
 * ends yesterday, so its planted rise is in the board's recent weeks today.
 */
const SLOW = 240_000;
const RISING_CATEGORY = 'support_withdrawn_on_moving_area';
const RISING = 'Support withdrawn on moving area';
const SERVICE = 'Northvale Housing Options';
/** A link in the main navigation (Home has links of the same names). */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const WHAT_HAPPENED = 'Synthetic: support was closed the week they moved across the borough line';

interface LoopWorld {
  readonly personId: string;
  readonly themeId: string;
  readonly serviceId: string;
  readonly users: Record<'coach' | 'influencer' | 'partner' | 'leader', { email: string; userId: string }>;
}

async function seedDemo(api: ApiHarness): Promise<LoopWorld> {
  const plan = planDemo({ seed: 3, scale: 0.02, until: daysAgo(1) });
  const run = await runDemoPlan(api.app, plan, { seed: 3 });
  expect(run.recorded).toBe(plan.steps.length);
  expect(await api.runtime.projections.waitFor(await api.runtime.store.headPosition(), { timeoutMs: 120_000 })).toBe(true);

  const step = <Kind extends DemoStep['kind']>(kind: Kind) => plan.steps.filter((s): s is Extract<DemoStep, { kind: Kind }> => s.kind === kind);
  const northvale = step('area').find((s) => s.input.name === 'Northvale (demo borough)')!.input.areaId;
  const serviceId = step('organisation').find((s) => s.input.name === SERVICE)!.input.organisationId;
  // A Northvale person whose coaching has not ended, and the coach who took them on.
  const ended = new Set(step('coaching').filter((s) => s.change.kind === 'end').map((s) => s.change.personId));
  const person = step('join').find((s) => s.input.areaId === northvale && !ended.has(s.input.personId));
  if (!person) throw new Error('The demo plan has no Northvale person still coached: choose another seed or scale for this spec.');
  const teamId = String(person.input.teamId);
  const coachId = String(person.input.coachId);

  const { themes } = await api.ok(`{ themes { id name } }`);
  const themeId = themes.find((t: { name: string }) => t.name === RISING)?.id;
  if (!themeId) throw new Error(`The demo has no theme named ${RISING}.`);

  const users = {
    coach: await makeUser(api, 'Casey Loopcoach', [{ role: 'coach', teamId }]),
    influencer: await makeUser(api, 'Ivy Influencer', [{ role: 'influencer' }]),
    partner: await makeUser(api, 'Parker Housing', [{ role: 'partner', organisationId: serviceId }]),
    leader: await makeUser(api, 'Lee Leader', [{ role: 'leader' }]),
  };
  // The coach's account is the coach record who took the person on.
  await api.ok(`mutation($u: ID!, $c: ID) { linkCoachRecord(userId: $u, coachId: $c) { id } }`, { u: users.coach.userId, c: coachId });
  return { personId: person.input.personId, themeId, serviceId, users };
}

describe('the whole learning loop in a browser, on the demo data', () => {
  let browser: RoleBrowser<LoopWorld>;
  let world: LoopWorld;
  let observationId = '';
  let reportTitle = '';

  beforeAll(async () => {
    browser = await openSeededBrowser('loop', seedDemo);
    world = browser.seeded;
  }, SLOW);
  afterAll(() => browser?.close());

  it('coach records → influencer themes and shares → the service responds → leadership sees it on the timeline', async () => {
    const started = Date.now();
    const { api } = browser;

    // The coach: from their people to the person's page, and a barrier at the housing service.
    const coach = await browser.signIn(world.users.coach.email);
    await nav(coach, 'My people').click();
    await coach.getByRole('heading', { level: 1, name: 'My people' }).waitFor();
    await coach.locator(`a[href="/people/${world.personId}"]`).first().click();
    await coach.getByRole('link', { name: 'Record an observation' }).first().click();
    await coach.getByRole('heading', { level: 1, name: /^Record an observation with / }).waitFor();
    await coach.getByLabel('A barrier').check();
    await coach.getByLabel('Which service?').fill('northvale housing');
    await coach.getByLabel(SERVICE).check();
    const categories = (await api.ok(`{ categories { id name } }`)).categories as Array<{ id: string; name: string }>;
    await coach.getByLabel('Category').selectOption(categories.find((c) => c.id === RISING_CATEGORY)!.id);
    await coach.getByLabel('What happened?').fill(WHAT_HAPPENED);
    await coach.getByLabel('What did it mean for them?').fill('Synthetic: left with no worker while the areas talked');
    await coach.getByLabel('4', { exact: true }).check();
    await browser.screen(coach, 'loop-coach-observation');
    await coach.getByRole('button', { name: 'Save observation' }).click();
    await coach.getByRole('status').filter({ hasText: 'Barrier saved.' }).waitFor();
    const newest = await api.ok(`{ observations(first: 1) { edges { node { id personId organisationId categoryId whatHappened } } } }`);
    const recorded = newest.observations.edges[0].node;
    expect(recorded).toMatchObject({ personId: world.personId, organisationId: world.serviceId, categoryId: RISING_CATEGORY, whatHappened: WHAT_HAPPENED });
    observationId = recorded.id;

    // The influencer: the rise on the board, the new observation added to the theme, a report shared.
    const influencer = await browser.signIn(world.users.influencer.email);
    await nav(influencer, 'Themes').click();
    await influencer.getByRole('heading', { level: 1, name: 'Themes' }).waitFor();
    // The planted rise is the last quarter's; at this small scale it shows by service.
    await influencer.getByLabel('Recent weeks compared').selectOption('13');
    await influencer.getByLabel('By service').check();
    const rising = influencer.getByRole('region', { name: 'Emerging: rising' }).getByRole('row').filter({ hasText: RISING }).filter({ hasText: SERVICE });
    await rising.first().waitFor();
    expect(new URL(influencer.url()).searchParams.get('weeks')).toBe('13');
    await browser.screen(influencer, 'loop-influencer-board');
    await nav(influencer, 'Observations').click();
    await influencer.getByRole('heading', { level: 1, name: 'Observations' }).waitFor();
    await influencer.locator(`a[href="/observations/${observationId}"]`).first().click();
    await influencer.getByRole('heading', { level: 1, name: /^Barrier on / }).waitFor();
    await influencer.getByLabel('Add it to a theme').selectOption({ label: RISING });
    await influencer.getByRole('button', { name: 'Add to theme' }).click();
    await influencer.getByRole('status').filter({ hasText: RISING }).waitFor();
    const linked = await api.ok(`query($id: ID!) { theme(id: $id) { observationIds } }`, { id: world.themeId });
    expect(linked.theme.observationIds).toContain(observationId);
    await browser.screen(influencer, 'loop-influencer-observation');

    await nav(influencer, 'Reports').click();
    await influencer.getByRole('link', { name: 'Start a new report' }).click();
    await influencer.getByRole('heading', { level: 1, name: 'Start a feedback report' }).waitFor();
    await influencer.getByLabel('A service').check();
    await influencer.getByLabel('Which service?').fill('northvale housing');
    await influencer.getByLabel(SERVICE).click();
    await influencer.getByLabel('First day').fill(daysAgo(91));
    await influencer.getByRole('button', { name: 'Save the draft' }).click();
    reportTitle = `What coaches saw: ${SERVICE}`;
    await influencer.getByRole('heading', { level: 1, name: reportTitle }).waitFor();
    await influencer.locator('.preview').getByRole('row').filter({ hasText: RISING }).waitFor();
    await influencer.getByRole('button', { name: 'Share the report…' }).click();
    await influencer.getByRole('group', { name: `Share it with ${SERVICE}?` }).getByRole('button', { name: 'Yes, share it now' }).click();
    await influencer.getByRole('heading', { level: 2, name: 'The report as shared' }).waitFor();
    await browser.screen(influencer, 'loop-influencer-shared');
    const reportId = new URL(influencer.url()).pathname.split('/').pop()!;
    const shared = (await api.ok(`query($id: ID!) { report(id: $id) { status organisationId content { themes { themeId count { value suppressed } } } } }`, { id: reportId })).report;
    expect(shared.status).toBe('SHARED');
    expect(shared.organisationId).toBe(world.serviceId);
    const risingCount = shared.content.themes.find((t: { themeId: string }) => t.themeId === world.themeId)?.count;
    // The rise is large enough to be shown, not held back as fewer than K.
    expect(risingCount).toMatchObject({ suppressed: false, value: expect.any(Number) });
    expect(risingCount.value).toBeGreaterThanOrEqual(10);

    // The service: reads it, acknowledges, responds and agrees a change on the rising theme.
    const partner = await browser.signIn(world.users.partner.email);
    await nav(partner, 'Shared reports').click();
    await partner.getByRole('link', { name: reportTitle }).click();
    await partner.getByRole('heading', { level: 1, name: reportTitle }).waitFor();
    await partner.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await partner.getByRole('status').filter({ hasText: 'the report is marked as received' }).waitFor();
    await partner.getByLabel('Your response').fill('Synthetic response: a named worker will stay with a person through a move.');
    await partner.getByRole('button', { name: 'Send response' }).click();
    await partner.getByRole('heading', { name: /^Your response, sent on/ }).waitFor();
    await partner.getByLabel('What will change').fill('Synthetic change: keep the case open until the new area takes it on');
    await partner.getByLabel('Who will do it').fill('Housing options team lead');
    await partner.getByLabel('By when').fill(daysAgo(-60));
    await partner.getByLabel('The theme it answers (optional)').selectOption({ label: RISING });
    await partner.getByRole('button', { name: 'Agree this change' }).click();
    await partner.getByRole('status').filter({ hasText: 'Change agreed' }).waitFor();
    await browser.screen(partner, 'loop-partner-answered');
    const answered = (await api.ok(`query($id: ID!) { report(id: $id) { respondedAt actions { themeId status } } }`, { id: reportId })).report;
    expect(answered.respondedAt).toEqual(expect.any(String));
    expect(answered.actions).toEqual([{ themeId: world.themeId, status: 'AGREED' }]);

    // Leadership: the report shared and the change agreed, on the learning timeline.
    const leader = await browser.signIn(world.users.leader.email);
    await nav(leader, 'Learning').click();
    await leader.getByRole('heading', { level: 1, name: 'Learning over time' }).waitFor();
    const shareEntry = leader.locator('.timeline__step, li').filter({ hasText: 'Report shared' }).filter({ hasText: reportTitle });
    await shareEntry.first().waitFor();
    await leader.locator('.timeline__step, li').filter({ hasText: 'Change agreed' }).filter({ hasText: 'keep the case open' }).first().waitFor();
    await browser.screen(leader, 'loop-leader-timeline');

    browser.timings.loop = Date.now() - started;
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
