import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { ApiHarness } from '../e2e/api-harness.js';
import { daysAgo, makeUser, seedCoachTeam } from './browser.js';
import { openSeededBrowser, type RoleBrowser, SLOW } from './roles-seed.js';

/**
 * A person's rights over what is held about them, in real Chromium: their coach changes their
 * contact details (removing what they no longer want held), records their consent as it changes
 * and a move to another area (coaching goes with them), downloads
 * everything held (a subject access export) and finds the reference to pass on; an administrator,
 * who never sees people's pages, downloads it too by that reference, and forgets them for good.
 * All synthetic.
 */
interface World {
  readonly personId: string;
  readonly coach: { email: string };
  readonly admin: { email: string };
}

const NAME = 'Sam Syntheticperson';

async function seed(api: ApiHarness): Promise<World> {
  const ok = api.ok.bind(api);
  const areaId = randomUUID();
  const teamId = randomUUID();
  const personId = randomUUID();
  const { coachId, coach } = await seedCoachTeam(api, { areaId, teamId });
  await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: randomUUID(), name: 'Southvale' } });
  const admin = await makeUser(api, 'Ada Admin', [{ role: 'admin' }]);
  await ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
    i: {
      personId,
      displayName: NAME,
      phone: '+44 7700 900002',
      referralSource: 'GP',
      areaId,
      teamId,
      coachId,
      joinedOn: daysAgo(90),
      consentToHoldInformation: true,
      consentToShareWordsAnonymised: false,
    },
  });
  await ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, { i: { personId, coachId, startedOn: daysAgo(90) } });
  return { personId, coach, admin };
}

/** Presses the button and reads the file it downloads. */
async function download(page: Page, button: string): Promise<{ name: string; record: { personId: string; streams: Array<{ stream: string; events: Array<{ type: string; data: Record<string, unknown> }> }> } }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), record: JSON.parse(await readFile(path, 'utf8')) };
}

describe('a person’s information: see what is held, and be forgotten', () => {
  let browser: RoleBrowser<World>;
  beforeAll(async () => {
    browser = await openSeededBrowser('person-information', seed);
  }, SLOW);
  afterAll(() => browser?.close());

  const auditOf = async (personId: string) =>
    (await browser.api.ok(`query($p: ID) { auditLog(filter: { personId: $p }) { entries { eventType actor } } }`, { p: personId })).auditLog.entries as Array<{ eventType: string }>;

  it('lets the coach download everything held about the person, named by the day only, and shows the reference to pass on', async () => {
    const { personId, coach } = browser.seeded;
    const page = await browser.signIn(coach.email);
    await page.goto(`/people/${personId}`);
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Their information' }).click();
    const section = page.getByRole('region', { name: 'Their information' });
    await section.getByText(personId).waitFor();
    const before = (await auditOf(personId)).length;

    const { name, record } = await download(page, 'Download everything held about them');
    expect(name).toMatch(/^learning-loop-record-\d{4}-\d{2}-\d{2}\.json$/);
    expect(record.personId).toBe(personId);
    const joined = record.streams.flatMap((s) => s.events).find((e) => e.type === 'person.joined');
    expect(joined?.data.displayName).toBe(NAME);
    await section.getByText(/^Downloaded as learning-loop-record-/).waitFor();
    // The export itself is recorded in the audit log.
    expect((await auditOf(personId)).length).toBeGreaterThan(before);
    await browser.screen(page, 'person-information-coach');
    expect(browser.serious).toEqual([]);
  }, SLOW);

  it('lets the coach change their contact details, record their consent as it changes, and a move to another area that leaves coaching as it was', async () => {
    const { personId, coach } = browser.seeded;
    const person = async () =>
      (await browser.api.ok(`query($id: ID!) { person(id: $id) { areaId coachId relationship { status } consent { toHoldInformation toShareWordsAnonymised } } }`, { id: personId })).person;
    const before = await person();
    const page = await browser.signIn(coach.email);
    await page.goto(`/people/${personId}`);

    // Contact details: a new email address, and the phone number they no longer want held.
    await page.getByRole('link', { name: 'Change their name or contact details' }).click();
    await page.getByRole('heading', { level: 1, name: `Name and contact details of ${NAME}` }).waitFor();
    expect(await page.getByLabel('Phone number (optional)').inputValue()).toBe('+44 7700 900002');
    await page.getByLabel('Email address (optional)').fill('not an address');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('link', { name: 'Enter an email address like name@example.com, or leave it empty' }).waitFor();
    await browser.screen(page, 'details-errors');
    await page.getByLabel('Email address (optional)').fill('sam.synthetic@example.test');
    await page.getByLabel('Phone number (optional)').fill('');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Details saved. Their phone number is no longer held.').waitFor();
    expect((await browser.api.ok(`query($id: ID!) { person(id: $id) { phone email } }`, { id: personId })).person).toEqual({ phone: null, email: 'sam.synthetic@example.test' });

    await page.getByRole('link', { name: 'Change their consent' }).click();
    await page.getByRole('heading', { level: 1, name: `Consent of ${NAME}` }).waitFor();
    // Saving without a change says so.
    await page.getByRole('button', { name: 'Save their consent' }).click();
    await page.getByText('Nothing has changed: change an answer, or go back to their page').first().waitFor();
    await browser.screen(page, 'consent-unchanged');
    await page.getByRole('group', { name: 'May their words be shared, anonymised?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Save their consent' }).click();
    await page.getByText('Their consent is recorded.').waitFor();
    expect((await person()).consent).toEqual({ toHoldInformation: true, toShareWordsAnonymised: true });
    await page.getByText('Yes, they agreed').waitFor();

    // Withdrawing consent to hold their information points to being forgotten.
    await page.getByRole('link', { name: 'Change their consent' }).click();
    await page.getByRole('group', { name: 'May we hold their information?' }).getByLabel('No').check();
    await page.getByText('Without this, nothing more should be recorded about them').waitFor();
    await browser.screen(page, 'consent-withdrawn');
    await page.getByRole('button', { name: 'Save their consent' }).click();
    await page.getByText('Pass their reference to an administrator, who can forget them.').waitFor();
    expect((await person()).consent).toEqual({ toHoldInformation: false, toShareWordsAnonymised: false });
    await page.getByText('No: they withdrew their consent').waitFor();

    await page.getByRole('link', { name: 'They moved to another area' }).click();
    await page.getByRole('heading', { level: 1, name: `${NAME} moved to another area` }).waitFor();
    await page.getByText('They lived in Northshire until now.').waitFor();
    await page.getByRole('button', { name: 'Save the move' }).click();
    await page.getByRole('link', { name: 'Choose the area they live in now' }).waitFor();
    await browser.screen(page, 'moved-errors');
    await page.getByLabel('Where do they live now?').selectOption({ label: 'Southvale' });
    await page.getByRole('button', { name: 'Save the move' }).click();
    await page.getByText('Moved to Southvale. Their coaching carries on as it was.').waitFor();
    const after = await person();
    expect(after.areaId).not.toBe(before.areaId);
    expect({ coachId: after.coachId, status: after.relationship.status }).toEqual({ coachId: before.coachId, status: before.relationship.status });
    expect(browser.serious).toEqual([]);
  }, SLOW);

  it('lets an administrator find the person by the reference (or the link), download what is held, and forget them after choosing why and confirming', async () => {
    const { personId, admin, coach } = browser.seeded;
    const page = await browser.signIn(admin.email);
    await page.getByRole('link', { name: 'People’s information' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'People’s information' }).waitFor();
    await browser.screen(page, 'people-information');

    // Nothing entered, then something that is not a reference: each says what to do.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: 'Enter the reference their coach passed on' }).waitFor();
    await page.getByLabel('Their reference').fill('not a reference');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: /A reference looks like/ }).waitFor();
    await browser.screen(page, 'people-information-errors');

    // The link to their page holds the reference.
    await page.getByLabel('Their reference').fill(`http://localhost:3000/people/${personId}#information`);
    await page.getByRole('button', { name: 'Continue' }).click();
    const { record } = await download(page, 'Download everything held');
    expect(record.personId).toBe(personId);

    // Forgetting asks why, and for a confirmation, before anything is sent.
    await page.getByRole('button', { name: 'Forget this person' }).click();
    await page.getByRole('link', { name: 'Choose why they are being forgotten' }).waitFor();
    await page.getByRole('link', { name: 'Confirm that you understand forgetting cannot be undone' }).waitFor();
    await browser.screen(page, 'people-information-forget-errors');
    expect((await browser.api.ok(`query($id: ID!) { person(id: $id) { displayName } }`, { id: personId })).person.displayName).toBe(NAME);

    await page.getByLabel('They asked to be forgotten').check();
    await page.getByLabel('I understand that this cannot be undone').check();
    await page.getByRole('button', { name: 'Forget this person' }).click();
    await page.getByText(/^Forgotten\. Their name, contact details and words can no longer be read anywhere/).waitFor();
    await browser.screen(page, 'people-information-forgotten');
    expect((await browser.api.ok(`query($id: ID!) { person(id: $id) { displayName phone } }`, { id: personId })).person).toEqual({ displayName: null, phone: null });

    // Asked again, it says it is already done.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('They asked to be forgotten').check();
    await page.getByLabel('I understand that this cannot be undone').check();
    await page.getByRole('button', { name: 'Forget this person' }).click();
    await page.getByRole('link', { name: /They have already been forgotten/ }).or(page.getByText(/They have already been forgotten/)).first().waitFor();

    // The coach's page no longer shows their name.
    const coachPage = await browser.signIn(coach.email);
    await coachPage.goto(`/people/${personId}`);
    await coachPage.getByRole('heading', { level: 1, name: 'Name no longer held' }).waitFor();
    expect(await coachPage.getByText(NAME).count()).toBe(0);
    expect(browser.serious).toEqual([]);
  }, SLOW);
});
