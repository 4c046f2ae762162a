import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type ApiHarness, openApi } from '../e2e/api-harness.js';
import { checkScreen, type Chromium, daysAgo, findings, launchChromium, makeUser, PASSWORD, SCREENSHOTS } from './browser.js';

/**
 * What the partner's, commissioner's, leader's and administrator's browser specs share: a server
 * seeded through the API, one Chromium, signing in, and checking each screen with axe (with a
 * screenshot at phone and desktop widths). The seed, all synthetic: an area with a team, a
 * council with its housing service and a GP practice; with `loop`, also three people coached
 * (joined in the last year, one relationship ended), two confirmed themes, a report to the
 * housing service whose agreed change was later checked (a clear fall), a newer report to it, a
 * commissioner report for the area and a reflection. Everything is recorded today, whatever day
 * it says it happened on.
 */
export const SLOW = 120_000;
/** The suppression threshold the server is started with. */
export const K = 5;

export interface Seeded {
  readonly ids: {
    area: string;
    otherArea: string;
    team: string;
    coach: string;
    council: string;
    housing: string;
    gp: string;
    themeAgain: string;
    themeBorough: string;
    earlier: string;
    newer: string;
    areaReport: string;
    action: string;
  };
  readonly users: Record<'partner' | 'commissioner' | 'leader' | 'admin', { email: string; userId: string }>;
}

export async function seedRoles(api: ApiHarness, options: { loop: boolean }): Promise<Seeded> {
  const ids: Seeded['ids'] = {
    area: randomUUID(),
    otherArea: randomUUID(),
    team: randomUUID(),
    coach: randomUUID(),
    council: randomUUID(),
    housing: randomUUID(),
    gp: randomUUID(),
    themeAgain: '',
    themeBorough: '',
    earlier: '',
    newer: '',
    areaReport: '',
    action: '',
  };
  const people = [randomUUID(), randomUUID(), randomUUID()];
  const ok = api.ok.bind(api);
  await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.area, name: 'Northshire' } });
  await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.otherArea, name: 'Southvale' } });
  await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' } });
  const organisation = (organisationId: string, name: string, kind: string, parentId?: string) =>
    ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { organisationId, name, kind, areaId: ids.area, parentId } });
  await organisation(ids.council, 'Northshire Council', 'COUNCIL');
  await organisation(ids.housing, 'Northshire Housing Options', 'COUNCIL', ids.council);
  await organisation(ids.gp, 'Riverside GP Practice', 'GP_PRACTICE');
  await api.coachIn(ids.team);
  await ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, { i: { coachId: ids.coach, teamId: ids.team, displayName: 'Robin Coachwell', joinedOn: daysAgo(500) } });

  if (options.loop) await seedLoop(api, ids, people);
  return {
    ids,
    users: {
      partner: await makeUser(api, 'Pat Partner', [{ role: 'partner', organisationId: ids.housing }]),
      commissioner: await makeUser(api, 'Cam Commissioner', [{ role: 'commissioner', areaId: ids.area }]),
      leader: await makeUser(api, 'Lee Leader', [{ role: 'leader' }]),
      admin: await makeUser(api, 'Ada Admin', [{ role: 'admin' }]),
    },
  };
}

async function seedLoop(api: ApiHarness, ids: Seeded['ids'], people: readonly string[]): Promise<void> {
  const ok = api.ok.bind(api);
  // People for the outcomes: joined within the last year, all recorded today.
  for (const [index, personId] of people.entries()) {
    await ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId,
        displayName: `Synthetic Person ${index + 1}`,
        referralSource: 'GP',
        areaId: ids.area,
        teamId: ids.team,
        coachId: ids.coach,
        joinedOn: daysAgo(200 - index * 40),
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: true,
      },
    });
    await ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, { i: { personId, coachId: ids.coach, startedOn: daysAgo(195 - index * 40) } });
    for (const [days, answers] of [[190 - index * 40, [2, 2, 3, 2, 2, 3, 2]], [20, [3, 4, 3, 4, 3, 4, 4]]] as const) {
      await ok(`mutation($i: CheckInWellbeingInput!) { checkInWellbeing(input: $i) { id } }`, {
        i: { personId, scale: 'SWEMWBS', answers, checkedInOn: daysAgo(days), personChoseToCheckIn: true },
      });
    }
  }
  await ok(`mutation($i: MakeConnectionInput!) { makeConnection(input: $i) { id } }`, {
    i: { personId: people[0], kind: 'COMMUNITY_GROUP', description: 'Synthetic walking group', madeOn: daysAgo(120) },
  });
  await ok(`mutation($i: EndCoachingInput!) { endCoaching(input: $i) { id } }`, {
    i: { personId: people[0], ending: 'PLANNED_WITH_PERSON', endedOn: daysAgo(30), endingConversationHeld: true },
  });

  const observe = async (occurredOn: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (
      await ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
        i: {
          kind: 'BARRIER',
          organisationId: ids.housing,
          areaId: ids.area,
          categoryId: 'retelling_story',
          whatHappened: 'Synthetic account of being asked to start again',
          impact: 'Synthetic impact',
          impactTags: ['CRISIS'],
          severity: 3,
          occurredOn,
          ...extra,
        },
      })
    ).recordObservation.id;

  // The earlier report's period: 300 to 200 days ago, twenty observations of the first theme.
  const again: string[] = [];
  for (let d = 270; d >= 213; d -= 3) again.push(await observe(daysAgo(d)));
  const quoted = await observe(daysAgo(240), { personId: people[1], quote: 'Synthetic words: I had to tell it all again', impactTags: [] });
  await ok(`mutation($i: ApproveQuoteInput!) { approveQuote(input: $i) { id } }`, { i: { observationId: quoted, text: 'Synthetic words: I had to tell it all again' } });
  for (let d = 0; d < 6; d++) await observe(daysAgo(250 - d), { kind: 'BRIGHT_SPOT', categoryId: 'good_practice', impactTags: [] });
  ids.themeAgain = (
    await ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, {
      i: { name: 'Asked to start again', description: 'Synthetic theme', categoryIds: ['retelling_story'], observationIds: again },
    })
  ).proposeTheme.id;
  await ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: ids.themeAgain });

  const draft = async (input: Record<string, unknown>) => (await ok(`mutation($i: DraftReportInput!) { draftReport(input: $i) { id } }`, { i: input })).draftReport.id as string;
  const share = (reportId: string) => ok(`mutation($r: ID!) { shareReport(reportId: $r) { id } }`, { r: reportId });
  ids.earlier = await draft({
    title: 'What coaches saw: Northshire Housing Options, spring',
    audience: 'ORGANISATION',
    organisationId: ids.housing,
    from: daysAgo(300),
    to: daysAgo(200),
    whatMightHelp: 'One assessment shared between teams.\n\nA named contact who stays with a person through a move.',
  });
  await ok(`mutation($i: EditReportInput!) { editReport(input: $i) { id } }`, { i: { reportId: ids.earlier, quoteObservationIds: [quoted] } });
  await share(ids.earlier);
  // The service agreed a change then and did it; the weeks after have passed, with far fewer observations.
  ids.action = (
    await ok(`mutation($i: AgreeReportActionInput!) { agreeReportAction(input: $i) { id } }`, {
      i: { reportId: ids.earlier, what: 'One shared assessment', owner: 'Assessment team lead', dueOn: daysAgo(150), themeId: ids.themeAgain, agreedOn: daysAgo(190) },
    })
  ).agreeReportAction.id;
  await ok(`mutation($i: MarkReportActionDoneInput!) { markReportActionDone(input: $i) { id } }`, { i: { reportId: ids.earlier, actionId: ids.action, doneOn: daysAgo(100) } });
  const later = [await observe(daysAgo(90)), await observe(daysAgo(60)), await observe(daysAgo(30))];
  await ok(`mutation($i: ThemeObservationsInput!) { linkObservations(input: $i) { id } }`, { i: { themeId: ids.themeAgain, observationIds: later } });
  const checked = (await ok(`mutation { checkDueReportChanges { id } }`)).checkDueReportChanges;
  if (checked.length !== 1 || checked[0].id !== ids.action) throw new Error(`The seed expected one change check, of the agreed action; got ${JSON.stringify(checked)}`);

  // The second theme, and the newer report: it shows the second theme, and the first held back (3 is fewer than K).
  const borough: string[] = [];
  for (let d = 80; d >= 24; d -= 8) borough.push(await observe(daysAgo(d), { categoryId: 'support_withdrawn_on_moving_area', impactTags: ['LOST_OR_RISKED_HOUSING'] }));
  ids.themeBorough = (
    await ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, {
      i: { name: 'Support stops at the borough line', description: 'Synthetic theme', categoryIds: ['support_withdrawn_on_moving_area'], observationIds: borough },
    })
  ).proposeTheme.id;
  await ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: ids.themeBorough });
  ids.newer = await draft({
    title: 'What coaches saw: Northshire Housing Options, autumn',
    audience: 'ORGANISATION',
    organisationId: ids.housing,
    from: daysAgo(99),
    to: daysAgo(16),
    whatMightHelp: 'Keep support going while a person moves borough.',
  });
  await share(ids.newer);
  ids.areaReport = await draft({ title: 'Northshire: what coaches saw this year', audience: 'COMMISSIONER', areaIds: [ids.area], from: daysAgo(300), to: daysAgo(16) });
  await share(ids.areaReport);

  await ok(`mutation($i: RecordReflectionInput!) { recordReflection(input: $i) { id } }`, {
    i: {
      occurredOn: daysAgo(40),
      learningQuestion: 'Synthetic question: does one shared assessment help?',
      whatHappened: 'Synthetic: the housing service tried one shared assessment.',
      insight: 'Synthetic: fewer people were asked to start again.',
      themeIds: [ids.themeAgain],
      reportIds: [ids.earlier],
    },
  });

}

/** A spec's server, browser, sign-ins and screen checks. */
export interface RoleBrowser<S = Seeded> {
  readonly api: ApiHarness;
  readonly seeded: S;
  /** Serious and critical axe violations so far (each test expects none). */
  readonly serious: string[];
  readonly timings: Record<string, number>;
  /** A new tab with nobody signed in. */
  freshPage(): Promise<Page>;
  signIn(email: string): Promise<Page>;
  /** axe at phone and desktop widths, with a screenshot at each. */
  screen(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export function openRoleBrowser(name: string, options: { loop: boolean }): Promise<RoleBrowser> {
  return openSeededBrowser(name, (api) => seedRoles(api, options));
}

/**
 * A server (suppression threshold K, plus any `env` settings) seeded by `seed`, and one Chromium
 * on it. Closing writes the axe findings of the screens checked and the timings to
 * test-output/browser-report-<name>.json.
 */
export async function openSeededBrowser<S>(name: string, seed: (api: ApiHarness) => Promise<S>, env: Record<string, string> = {}): Promise<RoleBrowser<S>> {
  const started = Date.now();
  const api = await openApi({ env: { SUPPRESSION_THRESHOLD: String(K), ...env } });
  let chromium: Chromium | undefined;
  try {
    const seeded = await seed(api);
    const timings: Record<string, number> = { seed: Date.now() - started };
    chromium = await launchChromium(api.url.replace(/\/graphql$/, ''));
    timings.setup = Date.now() - started;
    const serious: string[] = [];
    const screens = new Set<string>();
    const browser = chromium;
    return {
      api,
      seeded,
      serious,
      timings,
      freshPage: () => browser.freshPage(),
      async signIn(email) {
        const page = await browser.freshPage();
        await page.goto('/sign-in');
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
        return page;
      },
      async screen(page, screen) {
        screens.add(screen);
        serious.push(...(await checkScreen(page, screen)));
      },
      async close() {
        await browser.close();
        await api.close();
        // Every axe finding of these screens (serious and critical ones fail the tests) and the timings, for review.
        await mkdir(SCREENSHOTS, { recursive: true });
        await writeFile(join(SCREENSHOTS, '..', `browser-report-${name}.json`), JSON.stringify({ findings: findings.filter((f) => screens.has(f.screen)), timings }, null, 2));
      },
    };
  } catch (error) {
    await chromium?.close();
    await api.close();
    throw error;
  }
}
